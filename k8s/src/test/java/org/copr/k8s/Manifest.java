package org.copr.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** One document of a rendered overlay, read as a plain tree; {@link KubernetesModels} types it. */
record Manifest(JsonNode doc) {

  String apiVersion() {
    return doc.path("apiVersion").asText();
  }

  String kind() {
    return doc.path("kind").asText();
  }

  String name() {
    return doc.path("metadata").path("name").asText();
  }

  String namespace() {
    return doc.path("metadata").path("namespace").asText();
  }

  boolean is(String kind) {
    return kind().equals(kind);
  }

  /** A JSON pointer into the document, e.g. {@code /spec/template/spec}. */
  JsonNode at(String pointer) {
    return doc.at(pointer);
  }

  Map<String, String> labels(String pointer) {
    Map<String, String> labels = new TreeMap<>();
    doc.at(pointer).properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  /** The containers and init containers of a Deployment's pod template. */
  List<JsonNode> containers() {
    List<JsonNode> containers = new ArrayList<>();
    at("/spec/template/spec/containers").forEach(containers::add);
    at("/spec/template/spec/initContainers").forEach(containers::add);
    return containers;
  }

  /** A KafkaTopic's topic: spec.topicName, or the resource's name when that is the same. */
  String topicName() {
    return at("/spec/topicName").asText(name());
  }

  static Stream<JsonNode> items(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items.stream();
  }

  @Override
  public String toString() {
    return kind() + "/" + name();
  }
}
