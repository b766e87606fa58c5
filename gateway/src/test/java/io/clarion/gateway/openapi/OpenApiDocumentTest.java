package io.clarion.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.clarion.devstack.DevStack;
import io.clarion.devstack.DevStackExtension;
import io.clarion.devstack.Namespace;
import io.clarion.gateway.GatewayApplication;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * {@code openapi.yaml} against a started gateway: it parses without a message, it documents every
 * route the gateway maps (read from Spring's {@link RequestMappingHandlerMapping}, so every
 * controller counts) with the same method and path template, it documents nothing that is not
 * mapped, and the gateway serves it without a key.
 */
@ExtendWith(DevStackExtension.class)
class OpenApiDocumentTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext gateway;
    private static String baseUrl;

    @BeforeAll
    static void start(DevStack stack) {
        Namespace namespace = stack.newNamespace("openapi");
        var postgres = stack.postgresCoordinates();
        Map<String, Object> properties = Map.ofEntries(
                Map.entry("server.port", 0),
                Map.entry("spring.r2dbc.url", postgres.r2dbcUrl(namespace.database())),
                Map.entry("spring.r2dbc.username", postgres.user()),
                Map.entry("spring.r2dbc.password", postgres.password()),
                Map.entry("spring.flyway.url", postgres.jdbcUrl(namespace.database())),
                Map.entry("spring.flyway.user", postgres.user()),
                Map.entry("spring.flyway.password", postgres.password()),
                Map.entry("clarion.kafka.bootstrap-servers", stack.kafkaBootstrap()),
                Map.entry("clarion.kafka.broadcasts-topic", namespace.topic("clarion.broadcasts")),
                Map.entry("clarion.redis.url", stack.redisUri()),
                Map.entry("clarion.redis.key-prefix", namespace.redisKey("clarion:")),
                Map.entry("clarion.auth.bootstrap-key", "openapi-test-key"));
        gateway = GatewayApplication.builder().run(properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        baseUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) gateway).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void theDocumentParsesWithoutAMessage() throws IOException {
        SwaggerParseResult result = parse(document());

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getPaths()).isNotEmpty();
        assertThat(result.getOpenAPI().getComponents().getSecuritySchemes()).containsKey("apiKey");
    }

    @Test
    void everyMappedRouteIsDocumentedAndEveryDocumentedOperationIsMapped() throws IOException {
        Set<String> mapped = mappedRoutes();
        Set<String> documented = documentedOperations(parse(document()).getOpenAPI());

        assertThat(mapped).as("the gateway maps routes").contains("PUT /v1/recipients/{id}", "GET /v1/openapi.yaml");
        assertThat(difference(mapped, documented)).as("mapped, but not in openapi.yaml").isEmpty();
        assertThat(difference(documented, mapped)).as("in openapi.yaml, but not mapped").isEmpty();
    }

    @Test
    void theDocumentIsServedWithoutAKey() throws Exception {
        HttpResponse<String> response = get("/v1/openapi.yaml");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/yaml"));
        assertThat(response.body()).isEqualTo(document());
    }

    @Test
    void onlyThatRouteIsOpen() throws Exception {
        assertThat(get("/v1/openapi.yml").statusCode()).as("no such route").isEqualTo(404);
        assertThat(get("/v1/incidents/INC-1").statusCode()).isEqualTo(401);
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/openapi.yaml"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("only GET is mapped, and only GET is public").isEqualTo(405);
    }

    /** Every (method, path template) of every handler the gateway maps, as {@code "GET /v1/..."}. */
    private static Set<String> mappedRoutes() {
        Map<RequestMappingInfo, ?> handlers = gateway.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class).getHandlerMethods();
        Set<String> routes = new TreeSet<>();
        handlers.keySet().forEach(info -> info.getPatternsCondition().getPatterns().forEach(pattern ->
                info.getMethodsCondition().getMethods().forEach(method ->
                        routes.add(method.name() + " " + pattern.getPatternString()))));
        return routes;
    }

    private static Set<String> documentedOperations(OpenAPI api) {
        Set<String> operations = new TreeSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(method -> operations.add(method.name() + " " + path)));
        return operations;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        return a.stream().filter(x -> !b.contains(x)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static SwaggerParseResult parse(String yaml) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIParser().readContents(yaml, null, options);
    }

    private static String document() throws IOException {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.yaml")) {
            assertThat(in).as("openapi.yaml on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
