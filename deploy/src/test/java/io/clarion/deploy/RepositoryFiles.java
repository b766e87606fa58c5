package io.clarion.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Files of the repository the deploy tests check: the root is found from the working directory
 * (Maven runs tests in {@code deploy/}), so the tests read the files a developer edits, not copies.
 */
public final class RepositoryFiles {
    private RepositoryFiles() {
    }

    /** The repository root: the first directory upwards holding {@code docker-compose.yml} and {@code helm/}. */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("helm"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath()
                + " (expected: a directory with docker-compose.yml and helm/)");
    }

    public static Path resolve(String relative) {
        return root().resolve(relative);
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One YAML document as maps and lists, with the safe constructor (no arbitrary types). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> yaml(String text) {
        Object loaded = yamlParser().load(text);
        return loaded == null ? Map.of() : (Map<String, Object>) loaded;
    }

    /** Every non-empty document of a multi-document stream such as {@code helm template}'s output. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> yamlDocuments(String text) {
        return StreamSupport.stream(yamlParser().loadAll(text).spliterator(), false)
                .filter(Map.class::isInstance).map(document -> (Map<String, Object>) document).toList();
    }

    private static Yaml yamlParser() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }
}
