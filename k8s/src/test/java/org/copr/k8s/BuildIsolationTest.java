package org.copr.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Build pods run strangers' code: they reach Kafka, repo-worker's repositories, DNS and public
 * mirrors, and nothing else in the cluster, and they do not mount the published repositories.
 */
class BuildIsolationTest {
  private static final List<String> PRIVATE_RANGES =
      List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16");

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.copr.k8s.Rendered#overlays")
  void buildPodsReachOnlyKafkaRepositoriesDnsAndPublicMirrors(Rendered overlay) {
    List<Manifest> workers =
        overlay.deploymentsSelectedBy(Map.of("app.kubernetes.io/name", "build-worker"));
    assertThat(workers).isNotEmpty();
    List<Manifest> policies =
        overlay.all("NetworkPolicy").stream().filter(p -> selects(overlay, p, workers)).toList();
    assertThat(policies).as("NetworkPolicies of the build pods").hasSize(1);
    Manifest policy = policies.get(0);
    assertThat(texts(policy.at("/spec/policyTypes"))).contains("Egress", "Ingress");

    List<String> reachable = new ArrayList<>();
    for (JsonNode rule : policy.at("/spec/egress")) {
      assertThat(rule.path("to").isEmpty())
          .as("an egress rule open to every peer: %s", rule)
          .isFalse();
      assertThat(rule.path("ports").isEmpty())
          .as("an egress rule open on every port: %s", rule)
          .isFalse();
      for (JsonNode peer : rule.path("to")) {
        if (peer.has("ipBlock")) {
          assertThat(texts(peer.at("/ipBlock/except")))
              .as("public mirrors only: %s", peer)
              .containsAll(PRIVATE_RANGES);
          assertThat(texts(rule.path("ports").findValues("port").stream().toList()))
              .containsOnly("80", "443");
          continue;
        }
        Map<String, String> selector = labels(peer.at("/podSelector/matchLabels"));
        assertThat(selector).as("a peer that is no pod selector: %s", peer).isNotEmpty();
        overlay.deploymentsSelectedBy(selector).forEach(d -> reachable.add(d.name()));
        if (selector.containsKey("strimzi.io/cluster")) {
          reachable.add("kafka");
        }
        if ("kube-dns".equals(selector.get("k8s-app"))) {
          reachable.add("dns");
        }
      }
    }
    assertThat(reachable).containsExactlyInAnyOrder("kafka", "repo-worker", "dns");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.copr.k8s.Rendered#overlays")
  void everyCoprPodMayReachKafkaThroughItsListenerPolicy(Rendered overlay) {
    Manifest kafka = overlay.all("Kafka").get(0);
    List<Map<String, String>> peers = new ArrayList<>();
    for (JsonNode listener : kafka.at("/spec/kafka/listeners")) {
      listener
          .path("networkPolicyPeers")
          .forEach(p -> peers.add(labels(p.at("/podSelector/matchLabels"))));
    }
    for (Manifest d : overlay.all("Deployment")) {
      assertThat(peers)
          .as(
              "%s's pods (labels %s) are let into Kafka",
              d, d.labels("/spec/template/metadata/labels"))
          .anyMatch(peer -> overlay.deploymentsSelectedBy(peer).contains(d));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.copr.k8s.Rendered#overlays")
  void buildPodsMountTheirSrpmsReadOnlyAndNoRepositories(Rendered overlay) {
    for (Manifest d :
        overlay.deploymentsSelectedBy(Map.of("app.kubernetes.io/name", "build-worker"))) {
      String storage = storageVolume(d);
      for (JsonNode c : d.containers()) {
        for (JsonNode mount : c.path("volumeMounts")) {
          if (!mount.path("name").asText().equals(storage)) {
            continue;
          }
          String subPath = mount.path("subPath").asText("");
          assertThat(subPath).as("%s mounts the whole shared volume", d).isNotEmpty();
          assertThat(subPath).as("%s mounts %s", d, subPath).isIn("srpms", "results", "logs");
          if (subPath.equals("srpms")) {
            assertThat(mount.path("readOnly").asBoolean()).as("%s srpms read-only", d).isTrue();
          }
        }
      }
    }
  }

  private static String storageVolume(Manifest d) {
    for (JsonNode v : d.at("/spec/template/spec/volumes")) {
      if (v.at("/persistentVolumeClaim/claimName").asText().equals("copr-storage")) {
        return v.path("name").asText();
      }
    }
    throw new AssertionError(d + " has no copr-storage volume");
  }

  private static boolean selects(Rendered overlay, Manifest policy, List<Manifest> workers) {
    Map<String, String> selector = labels(policy.at("/spec/podSelector/matchLabels"));
    return overlay.deploymentsSelectedBy(selector).containsAll(workers);
  }

  private static Map<String, String> labels(JsonNode node) {
    Map<String, String> labels = new java.util.TreeMap<>();
    node.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  private static List<String> texts(List<JsonNode> nodes) {
    return nodes.stream().map(JsonNode::asText).toList();
  }
}
