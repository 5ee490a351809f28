package org.copr.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every overlay renders, and every document fits the model of its kind with no field the model does
 * not know.
 */
class ManifestModelTest {

  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  @Test
  void thereAreDevAndProdOverlays() throws IOException {
    assertThat(Kustomize.overlays()).map(p -> p.getFileName().toString()).contains("dev", "prod");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.copr.k8s.Rendered#overlays")
  void everyDocumentFitsItsKindWithNoUnknownField(Rendered overlay) {
    List<String> problems = new ArrayList<>();
    String namespace =
        overlay.all("Namespace").stream().map(Manifest::name).findFirst().orElse("<none>");
    for (Manifest m : overlay.manifests()) {
      if (KubernetesModels.knows(m)) {
        KubernetesModels.unknownFields(m).forEach(f -> problems.add(m + ": unknown field " + f));
      } else if (CrdSchema.knows(m)) {
        CrdSchema.of(m).violations(m).forEach(v -> problems.add(m + v));
      } else {
        problems.add(m + ": no model or CRD schema for " + m.apiVersion() + " " + m.kind());
      }
      if (!DNS_SUBDOMAIN.matcher(m.name()).matches() || m.name().length() > 253) {
        problems.add(m + ": not a valid resource name");
      }
      if (!m.is("Namespace") && !m.namespace().equals(namespace)) {
        problems.add(m + ": in namespace '" + m.namespace() + "', not " + namespace);
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void devRunsOneOfEverything() throws IOException {
    Rendered dev = Rendered.of(Kustomize.k8sRoot().resolve("overlays/dev"));
    List<String> problems = new ArrayList<>();
    dev.all("Deployment").stream()
        .filter(d -> d.at("/spec/replicas").isNumber() && d.at("/spec/replicas").asInt() != 1)
        .forEach(d -> problems.add(d + ": " + d.at("/spec/replicas") + " replicas"));
    dev.all("ScaledObject").stream()
        .filter(s -> s.at("/spec/maxReplicaCount").asInt() != 1)
        .forEach(s -> problems.add(s + ": up to " + s.at("/spec/maxReplicaCount") + " workers"));
    dev.all("KafkaNodePool").stream()
        .filter(p -> p.at("/spec/replicas").asInt() != 1)
        .forEach(p -> problems.add(p + ": " + p.at("/spec/replicas") + " Kafka nodes"));
    dev.all("Kafka")
        .forEach(
            k ->
                k.at("/spec/kafka/config")
                    .properties()
                    .forEach(
                        e -> {
                          if (e.getKey()
                                  .matches(
                                      ".*(replication\\.factor|min\\.isr|min\\.insync\\.replicas)")
                              && e.getValue().asInt() != 1) {
                            problems.add(
                                k
                                    + ": "
                                    + e.getKey()
                                    + " "
                                    + e.getValue()
                                    + " needs more than one broker");
                          }
                        }));
    dev.all("Cluster").stream()
        .filter(c -> c.at("/spec/instances").asInt() != 1)
        .forEach(c -> problems.add(c + ": " + c.at("/spec/instances") + " PostgreSQL instances"));
    assertThat(problems).isEmpty();
  }
}
