package io.clarion.deploy.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.clarion.deploy.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each image's Dockerfile copies the jar its module's build actually writes, and runs it as a non-root
 * user with a heap sized from the container's memory limit. Images cannot be built here; this keeps the
 * Dockerfiles honest instead.
 */
class DockerfilesTest {

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "dispatcher", "devstack"})
    void copiesTheExecutableJarTheBuildWrites(String module) {
        MavenArtifact jar = MavenArtifact.executableJarOf(RepositoryFiles.resolve(module).resolve("pom.xml"));

        assertThat(dockerfile(module).all("COPY")).filteredOn(copy -> !copy.startsWith("--from"))
                .singleElement().asString().startsWith(jar.path() + " ");
        assertThat(RepositoryFiles.read(RepositoryFiles.resolve(module).resolve(".dockerignore")).lines())
                .as("the build context admits the jar").contains("!" + jar.path());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "dispatcher", "devstack"})
    void runsAsANonRootNumericUser(String module) {
        List<Dockerfile.Instruction> instructions = dockerfile(module).finalStage().instructions();
        List<String> users = instructions.stream().filter(i -> i.keyword().equals("USER")).map(Dockerfile.Instruction::arguments).toList();
        int user = instructions.stream().map(Dockerfile.Instruction::keyword).toList().lastIndexOf("USER");
        int entrypoint = instructions.stream().map(Dockerfile.Instruction::keyword).toList().indexOf("ENTRYPOINT");

        assertThat(users).isNotEmpty();
        assertThat(users.get(users.size() - 1)).as("numeric, so Kubernetes can enforce runAsNonRoot")
                .matches("[1-9][0-9]*(:[1-9][0-9]*)?");
        assertThat(user).isLessThan(entrypoint);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "dispatcher", "devstack"})
    void sizesTheHeapFromTheContainersMemoryOnAJreBase(String module) {
        Dockerfile image = dockerfile(module).finalStage();

        assertThat(image.all("FROM")).singleElement().asString().contains("-jre");
        assertThat(image.all("ENV")).anySatisfy(env -> assertThat(env)
                .contains("JAVA_TOOL_OPTIONS=").contains("-XX:MaxRAMPercentage=").contains("-XX:+ExitOnOutOfMemoryError"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "dispatcher"})
    void springApplicationsRunFromExtractedLayers(String module) {
        Dockerfile dockerfile = dockerfile(module);

        assertThat(dockerfile.all("RUN")).anySatisfy(run -> assertThat(run).contains("-Djarmode=tools").contains("extract --layers --launcher"));
        assertThat(dockerfile.finalStage().all("COPY")).containsSubsequence(
                "--from=layers /layers/extracted/dependencies/ ./", "--from=layers /layers/extracted/application/ ./");
        assertThat(dockerfile.finalStage().all("ENTRYPOINT"))
                .containsExactly("[\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
    }

    /** Checked when the jar was built before the tests ran (a reactor build from the root packages it first). */
    @ParameterizedTest
    @ValueSource(strings = {"gateway", "dispatcher", "devstack"})
    void aBuiltJarIsLayeredAndStartsTheConfiguredMainClass(String module) throws IOException {
        MavenArtifact artifact = MavenArtifact.executableJarOf(RepositoryFiles.resolve(module).resolve("pom.xml"));
        Path jar = RepositoryFiles.resolve(module).resolve(artifact.path());
        assumeTrue(Files.isRegularFile(jar), () -> jar + " is not built");

        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Start-Class")).isEqualTo(artifact.mainClass());
            assertThat(file.getEntry("BOOT-INF/layers.idx")).isNotNull();
        }
    }

    private static Dockerfile dockerfile(String module) {
        return Dockerfile.parse(RepositoryFiles.read(RepositoryFiles.resolve(module).resolve("Dockerfile")));
    }
}
