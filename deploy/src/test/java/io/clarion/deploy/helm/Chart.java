package io.clarion.deploy.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.clarion.deploy.RepositoryFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * helm/clarion driven through helm-java (the helm library is in the jar: no binary, no network).
 * helm-java's {@code template} leaves out hook resources and its {@code lint} takes no values file, so
 * {@link #renderWithHooks} renders a copy whose hook annotations are removed and {@link #lint} lints a
 * copy whose {@code values.yaml} is the defaults merged with the given file.
 */
final class Chart {
    static final Path DIRECTORY = RepositoryFiles.resolve("helm/clarion");
    static final Path PRODUCTION_VALUES = DIRECTORY.resolve("ci/production-values.yaml");
    static final Path SANDBOX_CHANNELS_VALUES = DIRECTORY.resolve("ci/sandbox-channels-values.yaml");
    static final String RELEASE = "clarion";

    private Chart() {
    }

    static Manifests render(Map<String, Object> sets) {
        return render(DIRECTORY, null, sets);
    }

    static Manifests render(Path valuesFile) {
        return render(DIRECTORY, valuesFile, Map.of());
    }

    /** Renders with hook resources (the migration Job, the chart's Secret) as plain manifests. */
    static Manifests renderWithHooks(Path valuesFile, Path workDir) {
        Path copy = copy(DIRECTORY, workDir.resolve("clarion"));
        try (Stream<Path> templates = Files.list(copy.resolve("templates"))) {
            templates.filter(t -> t.toString().endsWith(".yaml")).forEach(Chart::removeHookAnnotations);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return render(copy, valuesFile, Map.of());
    }

    static LintResult lint(Path valuesFile, Path workDir) {
        Path copy = copy(DIRECTORY, workDir.resolve("clarion"));
        if (valuesFile != null) {
            Map<String, Object> merged = Values.merge(RepositoryFiles.yaml(RepositoryFiles.read(copy.resolve("values.yaml"))),
                    RepositoryFiles.yaml(RepositoryFiles.read(valuesFile)));
            write(copy.resolve("values.yaml"), Values.dump(merged));
        }
        return new Helm(copy).lint().strict().call();
    }

    private static Manifests render(Path chart, Path valuesFile, Map<String, Object> sets) {
        TemplateCommand template = new Helm(chart).template().withName(RELEASE);
        if (valuesFile != null) {
            template = template.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            template = template.set(set.getKey(), set.getValue());
        }
        return new Manifests(RepositoryFiles.yamlDocuments(template.call()));
    }

    private static void removeHookAnnotations(Path template) {
        List<String> kept = RepositoryFiles.read(template).lines()
                .filter(line -> !line.trim().startsWith("helm.sh/hook")).toList();
        write(template, String.join("\n", kept) + "\n");
    }

    private static Path copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
