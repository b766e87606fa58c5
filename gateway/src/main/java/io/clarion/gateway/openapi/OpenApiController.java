package io.clarion.gateway.openapi;

import io.clarion.gateway.auth.Access;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/openapi.yaml}: the hand-written OpenAPI description of the v1 API, served without a
 * key (the one route under {@code /v1/} that needs none). A test keeps it and the mapped routes equal.
 */
@RestController
class OpenApiController {
    static final String PATH = "/v1/openapi.yaml";
    static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final Resource document = new ClassPathResource("openapi.yaml");

    @GetMapping(PATH)
    @Access.Public
    ResponseEntity<Resource> document() {
        return ResponseEntity.ok().contentType(YAML).body(document);
    }
}
