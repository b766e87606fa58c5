package io.clarion.deploy.helm;

import static io.clarion.deploy.Yamls.list;
import static io.clarion.deploy.Yamls.map;
import static io.clarion.deploy.Yamls.string;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The manifests of one render, looked up by kind and name. */
record Manifests(List<Map<String, Object>> documents) {

    List<Map<String, Object>> ofKind(String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return ofKind(kind).stream().filter(d -> name.equals(string(d, "metadata", "name"))).findFirst();
    }

    Map<String, Object> get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + summary()));
    }

    /** The containers of every Deployment and Job, with the workload's name. */
    List<Map.Entry<String, Map<String, Object>>> containers() {
        return documents.stream()
                .filter(d -> "Deployment".equals(d.get("kind")) || "Job".equals(d.get("kind")))
                .flatMap(d -> list(d, "spec", "template", "spec", "containers").stream()
                        .map(c -> Map.entry(d.get("kind") + "/" + string(d, "metadata", "name"), map(c))))
                .toList();
    }

    Map<String, Object> container(String deployment) {
        return map(list(get("Deployment", deployment), "spec", "template", "spec", "containers").get(0));
    }

    private String summary() {
        return documents.stream().map(d -> d.get("kind") + "/" + string(d, "metadata", "name")).toList().toString();
    }
}
