package org.copr.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a custom resource against the OpenAPI v3 schema in its CustomResourceDefinition, as the
 * API server's structural validation would: types, unknown fields (pruned silently by a real
 * server, an error here), required fields, enums, patterns and bounds. CEL rules
 * (x-kubernetes-validations) are not evaluated. The CRDs are the operators' own files, kept in
 * src/test/resources/crds (README there says which release each comes from).
 */
final class CrdSchema {

  /** apiVersion/kind -> the CRD file that defines it. */
  private static final Map<String, String> CRDS =
      Map.of(
          "postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io_clusters.yaml",
          "keda.sh/v1alpha1/ScaledObject", "keda.sh_scaledobjects.yaml",
          "monitoring.coreos.com/v1/ServiceMonitor", "monitoring.coreos.com_servicemonitors.yaml");

  private final JsonNode schema;

  private CrdSchema(JsonNode schema) {
    this.schema = schema;
  }

  static boolean knows(Manifest m) {
    return CRDS.containsKey(m.apiVersion() + "/" + m.kind());
  }

  static CrdSchema of(Manifest m) {
    String file = CRDS.get(m.apiVersion() + "/" + m.kind());
    if (file == null) {
      throw new IllegalArgumentException("no CRD for " + m.apiVersion() + " " + m.kind());
    }
    String version = m.apiVersion().substring(m.apiVersion().indexOf('/') + 1);
    try (InputStream in = CrdSchema.class.getResourceAsStream("/crds/" + file)) {
      JsonNode crd = new YAMLMapper().readTree(in);
      for (JsonNode v : crd.at("/spec/versions")) {
        if (v.path("name").asText().equals(version) && v.path("served").asBoolean()) {
          return new CrdSchema(v.at("/schema/openAPIV3Schema"));
        }
      }
      throw new IllegalArgumentException(file + " does not serve version " + version);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every violation, each as "JSON pointer: what is wrong"; empty when the resource is valid. */
  List<String> violations(Manifest m) {
    List<String> errors = new ArrayList<>();
    // metadata is the API server's ObjectMeta, not the CRD's to describe (its schema says
    // "object").
    for (var field : m.doc().properties()) {
      if (!field.getKey().equals("metadata")) {
        JsonNode sub = schema.path("properties").path(field.getKey());
        if (sub.isMissingNode()) {
          errors.add("/" + field.getKey() + ": unknown field");
        } else {
          check(field.getValue(), sub, "/" + field.getKey(), errors);
        }
      }
    }
    requireAll(m.doc(), schema, "", errors);
    return errors;
  }

  private static void check(JsonNode value, JsonNode schema, String path, List<String> errors) {
    if (value.isNull()) {
      if (!schema.path("nullable").asBoolean()) {
        errors.add(path + ": null is not allowed");
      }
      return;
    }
    if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
      if (!value.isIntegralNumber() && !value.isTextual()) {
        errors.add(path + ": must be an integer or a string");
      }
      return;
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "object" -> checkObject(value, schema, path, errors);
      case "array" -> {
        if (!value.isArray()) {
          errors.add(path + ": must be an array");
          return;
        }
        for (int i = 0; i < value.size(); i++) {
          check(value.get(i), schema.path("items"), path + "/" + i, errors);
        }
      }
      case "string" -> {
        if (!value.isTextual()) {
          errors.add(path + ": must be a string, is " + value);
          return;
        }
        String pattern = schema.path("pattern").asText(null);
        if (pattern != null && !Pattern.compile(pattern).matcher(value.asText()).find()) {
          errors.add(path + ": '" + value.asText() + "' does not match " + pattern);
        }
      }
      case "integer" -> {
        if (!value.isIntegralNumber()) {
          errors.add(path + ": must be an integer, is " + value);
          return;
        }
        checkBounds(value, schema, path, errors);
      }
      case "number" -> {
        if (!value.isNumber()) {
          errors.add(path + ": must be a number, is " + value);
          return;
        }
        checkBounds(value, schema, path, errors);
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          errors.add(path + ": must be true or false, is " + value);
        }
      }
      default -> {
        // No type: x-kubernetes-preserve-unknown-fields or embedded resources; anything goes.
      }
    }
    if (schema.has("enum")) {
      boolean listed = false;
      for (JsonNode allowed : schema.get("enum")) {
        listed |= allowed.equals(value);
      }
      if (!listed) {
        errors.add(path + ": " + value + " is not one of " + schema.get("enum"));
      }
    }
  }

  private static void checkObject(
      JsonNode value, JsonNode schema, String path, List<String> errors) {
    if (!value.isObject()) {
      errors.add(path + ": must be an object");
      return;
    }
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.path("additionalProperties");
    boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean();
    for (var field : value.properties()) {
      String child = path + "/" + field.getKey();
      if (properties.has(field.getKey())) {
        check(field.getValue(), properties.get(field.getKey()), child, errors);
      } else if (additional.isObject()) {
        check(field.getValue(), additional, child, errors);
      } else if (!preserve && !additional.asBoolean(false)) {
        errors.add(child + ": unknown field");
      }
    }
    requireAll(value, schema, path, errors);
  }

  private static void requireAll(
      JsonNode value, JsonNode schema, String path, List<String> errors) {
    for (JsonNode required : schema.path("required")) {
      if (!value.has(required.asText())) {
        errors.add(path + "/" + required.asText() + ": required");
      }
    }
  }

  private static void checkBounds(
      JsonNode value, JsonNode schema, String path, List<String> errors) {
    if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
      errors.add(path + ": " + value + " is below " + schema.get("minimum"));
    }
    if (schema.has("maximum") && value.asDouble() > schema.get("maximum").asDouble()) {
      errors.add(path + ": " + value + " is above " + schema.get("maximum"));
    }
  }
}
