package org.copr.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a manifest into its real model class: fabric8's Kubernetes model for built-in kinds,
 * Strimzi's own API classes for Kafka resources. Both keep fields they do not know in an "any
 * setter" map instead of failing, so a typo such as {@code readinesProbe} would pass silently;
 * {@link #unknownFields} finds them by writing the typed object back without that map and looking
 * for what went missing.
 */
final class KubernetesModels {

  private static final Map<String, Class<?>> TYPES =
      Map.ofEntries(
          Map.entry("v1/Namespace", Namespace.class),
          Map.entry("v1/ConfigMap", ConfigMap.class),
          Map.entry("v1/Secret", Secret.class),
          Map.entry("v1/Service", Service.class),
          Map.entry("v1/ServiceAccount", ServiceAccount.class),
          Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
          Map.entry("apps/v1/Deployment", Deployment.class),
          Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
          Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
          Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
          Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
          Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
          Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
          Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class));

  private static final ObjectMapper READER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Writes every known property (nulls included) and none of the unknown ones. */
  private static final ObjectMapper KNOWN_ONLY =
      new ObjectMapper()
          .setAnnotationIntrospector(
              new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnyGetter(Annotated a) {
                  return Boolean.FALSE;
                }

                @Override
                public JsonInclude.Value findPropertyInclusion(Annotated a) {
                  return JsonInclude.Value.construct(
                      JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS);
                }
              });

  private KubernetesModels() {}

  static boolean knows(Manifest m) {
    return TYPES.containsKey(m.apiVersion() + "/" + m.kind());
  }

  /** The typed object; a field of the wrong type or shape fails here. */
  static Object read(Manifest m) {
    Class<?> type = TYPES.get(m.apiVersion() + "/" + m.kind());
    if (type == null) {
      throw new IllegalArgumentException("no model for " + m.apiVersion() + " " + m.kind());
    }
    try {
      return READER.treeToValue(m.doc(), type);
    } catch (Exception e) {
      throw new IllegalArgumentException(m + " does not fit " + type.getName() + ": " + e, e);
    }
  }

  /** JSON pointers of the fields in the manifest that its model class does not have. */
  static List<String> unknownFields(Manifest m) {
    JsonNode known = KNOWN_ONLY.valueToTree(read(m));
    List<String> unknown = new ArrayList<>();
    collectMissing(m.doc(), known, "", unknown);
    return unknown;
  }

  private static void collectMissing(
      JsonNode written, JsonNode known, String path, List<String> unknown) {
    if (written.isObject() && known.isObject()) {
      for (Map.Entry<String, JsonNode> field : written.properties()) {
        String child = path + "/" + field.getKey();
        if (!known.has(field.getKey())) {
          unknown.add(child);
        } else {
          collectMissing(field.getValue(), known.get(field.getKey()), child, unknown);
        }
      }
    } else if (written.isArray() && known.isArray() && written.size() == known.size()) {
      for (int i = 0; i < written.size(); i++) {
        collectMissing(written.get(i), known.get(i), path + "/" + i, unknown);
      }
    }
  }
}
