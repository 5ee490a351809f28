package org.copr.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** An overlay as kubectl renders it, with the look-ups the checks need. */
record Rendered(String overlay, List<Manifest> manifests) {

  private static final Map<Path, Rendered> CACHE = new ConcurrentHashMap<>();

  static Rendered of(Path overlayDir) {
    return CACHE.computeIfAbsent(
        overlayDir,
        dir -> {
          try {
            return new Rendered(dir.getFileName().toString(), Kustomize.render(dir));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /** Every overlay under k8s/overlays, rendered once per test run. */
  static Stream<Named<Rendered>> overlays() throws IOException {
    return Kustomize.overlays().stream()
        .map(dir -> Named.of(dir.getFileName().toString(), of(dir)));
  }

  List<Manifest> all(String kind) {
    return manifests.stream().filter(m -> m.is(kind)).toList();
  }

  Optional<Manifest> find(String kind, String name) {
    return manifests.stream().filter(m -> m.is(kind) && m.name().equals(name)).findFirst();
  }

  /**
   * What a container sees as environment: its ConfigMaps' entries (envFrom), then its own env
   * entries; a value taken from a Secret or the pod's fields shows as {@code <from ...>}.
   */
  Map<String, String> environment(JsonNode container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode from : container.path("envFrom")) {
      String configMap = from.path("configMapRef").path("name").asText(null);
      if (configMap != null) {
        find("ConfigMap", configMap)
            .ifPresent(
                cm ->
                    cm.at("/data")
                        .properties()
                        .forEach(e -> env.put(e.getKey(), e.getValue().asText())));
      }
    }
    for (JsonNode e : container.path("env")) {
      env.put(
          e.path("name").asText(),
          e.has("value") ? e.path("value").asText() : "<from " + e.path("valueFrom") + ">");
    }
    return env;
  }

  /** The Deployments whose pods carry every label of a (non-empty) selector. */
  List<Manifest> deploymentsSelectedBy(Map<String, String> selector) {
    return all("Deployment").stream()
        .filter(
            d ->
                !selector.isEmpty()
                    && d.labels("/spec/template/metadata/labels")
                        .entrySet()
                        .containsAll(selector.entrySet()))
        .toList();
  }

  /** The module a container runs: the last path segment of its image, without the tag. */
  static String module(JsonNode container) {
    String image = container.path("image").asText();
    String repository = image.replaceFirst("[:@][^/]*$", "");
    return repository.substring(repository.lastIndexOf('/') + 1);
  }
}
