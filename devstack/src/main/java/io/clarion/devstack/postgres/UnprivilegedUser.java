package io.clarion.devstack.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * PostgreSQL refuses to run as root ({@code initdb: cannot be run as root}). When this JVM runs
 * as root (containers, CI), commands are run as {@code nobody} (uid/gid {@value #NOBODY}) through
 * util-linux {@code setpriv}, or {@code su} where {@code setpriv} is missing, and the
 * directories the server writes are handed over to that user. Otherwise commands run as they are.
 */
final class UnprivilegedUser {

    static final int NOBODY = 65534;

    private final boolean runningAsRoot;
    private final Optional<Path> setpriv;

    private UnprivilegedUser(boolean runningAsRoot, Optional<Path> setpriv) {
        this.runningAsRoot = runningAsRoot;
        this.setpriv = setpriv;
    }

    static UnprivilegedUser detect() {
        return new UnprivilegedUser(currentUid() == 0, onPath("setpriv"));
    }

    List<String> wrap(List<String> command) {
        if (!runningAsRoot) {
            return command;
        }
        List<String> wrapped = new ArrayList<>();
        if (setpriv.isPresent()) {
            wrapped.addAll(List.of(setpriv.get().toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY,
                    "--clear-groups", "--"));
            wrapped.addAll(command);
        } else {
            String script = command.stream().map(UnprivilegedUser::shellQuoted).collect(Collectors.joining(" "));
            wrapped.addAll(List.of("su", "nobody", "-s", "/bin/sh", "-c", "exec " + script));
        }
        return wrapped;
    }

    /** Makes {@code dirs} (created empty by this JVM) owned by the user the server runs as. */
    void handOver(Path... dirs) {
        if (!runningAsRoot) {
            return;
        }
        for (Path dir : dirs) {
            try {
                Files.setAttribute(dir, "unix:uid", NOBODY);
                Files.setAttribute(dir, "unix:gid", NOBODY);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot chown " + dir + " to uid " + NOBODY, e);
            }
        }
    }

    private static int currentUid() {
        try {
            // /proc/self belongs to the uid the process runs as
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name")) ? 0 : -1;
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("") + ":/usr/bin:/bin:/usr/sbin:/sbin";
        return Stream.of(path.split(":"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static String shellQuoted(String argument) {
        return "'" + argument.replace("'", "'\\''") + "'";
    }
}
