package io.clarion.devstack.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines of the child JVMs: the storage formatter and the broker. Both run the Kafka jars
 * from this JVM's classpath ({@code java.class.path}; under Surefire that is the booter jar,
 * whose manifest {@code Class-Path} the child JVM honours). Where this JVM's classpath does not
 * hold the Kafka jars (a Spring Boot fat jar), set {@value #CLASSPATH_PROPERTY} or
 * {@value #CLASSPATH_ENV}.
 */
final class BrokerJvm {

    static final String CLASSPATH_PROPERTY = "clarion.devstack.kafka.classpath";
    static final String CLASSPATH_ENV = "CLARION_KAFKA_CLASSPATH";

    private BrokerJvm() {
    }

    static List<String> formatCommand(Path config, String clusterId) {
        // a short-lived tool: the C1 compiler and serial GC start fastest
        return command(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m"),
                "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString());
    }

    static List<String> brokerCommand(Path config, Path loggingConfig) {
        return command(List.of("-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                        "-Djava.awt.headless=true", "-Dlogback.configurationFile=" + loggingConfig),
                "kafka.Kafka", config.toString());
    }

    /** Logback settings for the broker, used when Logback is on the classpath: warnings only. */
    static Path writeLoggingConfig(Path workDir) {
        Path file = workDir.resolve("broker-logback.xml");
        String xml = """
                <configuration>
                  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
                  <root level="WARN"><appender-ref ref="out"/></root>
                </configuration>
                """;
        try {
            return Files.writeString(file, xml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static List<String> command(List<String> jvmOptions, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath());
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    private static String javaBinary() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(java)) {
            return java.toString();
        }
        return ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot find the java binary: " + java
                        + " is not executable and the current process's command is unknown"));
    }

    private static String classpath() {
        String configured = System.getProperty(CLASSPATH_PROPERTY, System.getenv(CLASSPATH_ENV));
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return System.getProperty("java.class.path");
    }
}
