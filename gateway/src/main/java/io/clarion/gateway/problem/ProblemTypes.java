package io.clarion.gateway.problem;

/** Problem type URIs: one stable URI per kind of refusal, documented in the README. */
final class ProblemTypes {
    private ProblemTypes() {
    }

    static String uri(String type) {
        return "https://clarion.dev/problems/" + type;
    }
}
