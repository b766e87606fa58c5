package io.clarion.devstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.io.file.PathUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throw-away directories under {@code java.io.tmpdir}, and kept ones ({@link #keep}) for data that
 * outlives a run. They are world-traversable (0755) so
 * that a server running as an unprivileged user (PostgreSQL under root) can reach its own
 * subdirectory.
 */
public final class WorkDirs {

    private static final Logger log = LoggerFactory.getLogger(WorkDirs.class);

    private WorkDirs() {
    }

    public static Path create(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory " + prefix + "* in "
                    + System.getProperty("java.io.tmpdir"), e);
        }
    }

    /**
     * {@code dir}, created with its parents when missing (0755 like throw-away ones), for data that outlives
     * the run: nothing deletes it.
     */
    public static Path keep(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
    }

    /** Deletes {@code dir} and everything below it; a failure is logged, not thrown. */
    public static void deleteQuietly(Path dir) {
        try {
            if (Files.exists(dir)) {
                PathUtils.deleteDirectory(dir);
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("could not delete {}: {}", dir, e.toString());
        }
    }
}
