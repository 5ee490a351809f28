package org.copr.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every workload can be run and kept alive by Kubernetes: probes, resources, disruption budgets,
 * images.
 */
class WorkloadTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.copr.k8s.Rendered#overlays")
  void everyContainerHasStartupLivenessAndReadinessProbesOnQuarkusHealth(Rendered overlay) {
    List<String> problems = new ArrayList<>();
    Map<String, String> probes =
        Map.of(
            "startupProbe", "/q/health/started",
            "livenessProbe", "/q/health/live",
            "readinessProbe", "/q/health/ready");
    for (Manifest d : overlay.all("Deployment")) {
      for (JsonNode c : d.containers()) {
        Set<String> ports = new HashSet<>();
        c.path("ports")
            .forEach(
                p -> {
                  ports.add(p.path("name").asText());
                  ports.add(p.path("containerPort").asText());
                });
        probes.forEach(
            (probe, path) -> {
              JsonNode get = c.path(probe).path("httpGet");
              if (!get.path("path").asText().equals(path)) {
                problems.add(d + " " + c.path("name").asText() + ": " + probe + " not on " + path);
              } else if (!ports.contains(get.path("port").asText())) {
                problems.add(d + ": " + probe + " port " + get.path("port") + " is not declared");
              }
            });
      }
    }
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.copr.k8s.Rendered#overlays")
  void everyWorkloadHasResourceRequestsWithinLimits(Rendered overlay) {
    List<String> problems = new ArrayList<>();
    for (Manifest d : overlay.all("Deployment")) {
      d.containers()
          .forEach(
              c ->
                  checkResources(d + " " + c.path("name").asText(), c.path("resources"), problems));
    }
    for (Manifest m : overlay.manifests()) {
      if (m.is("KafkaNodePool") || m.is("Cluster")) {
        checkResources(m.toString(), m.at("/spec/resources"), problems);
      }
    }
    overlay
        .all("Kafka")
        .forEach(
            k ->
                checkResources(
                    k + " topicOperator",
                    k.at("/spec/entityOperator/topicOperator/resources"),
                    problems));
    assertThat(problems).isEmpty();
  }

  private static void checkResources(String what, JsonNode resources, List<String> problems) {
    for (String resource : List.of("cpu", "memory")) {
      JsonNode request = resources.path("requests").path(resource);
      JsonNode limit = resources.path("limits").path(resource);
      if (request.isMissingNode() || limit.isMissingNode()) {
        problems.add(what + ": no " + resource + " request and limit");
      } else if (amount(request).compareTo(amount(limit)) > 0) {
        problems.add(what + ": " + resource + " request " + request + " above limit " + limit);
      }
    }
  }

  private static BigDecimal amount(JsonNode quantity) {
    return Quantity.getAmountInBytes(new Quantity(quantity.asText()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.copr.k8s.Rendered#overlays")
  void everyDeploymentHasADisruptionBudgetThatLetsNodesDrain(Rendered overlay) {
    List<String> problems = new ArrayList<>();
    for (Manifest d : overlay.all("Deployment")) {
      List<Manifest> budgets =
          overlay.all("PodDisruptionBudget").stream()
              .filter(
                  p ->
                      overlay
                          .deploymentsSelectedBy(p.labels("/spec/selector/matchLabels"))
                          .contains(d))
              .toList();
      if (budgets.size() != 1) {
        problems.add(d + ": covered by " + budgets.size() + " PodDisruptionBudgets, not 1");
        continue;
      }
      JsonNode minAvailable = budgets.get(0).at("/spec/minAvailable");
      if (minAvailable.isInt() && minAvailable.asInt() >= d.at("/spec/replicas").asInt(1)) {
        problems.add(
            budgets.get(0) + ": minAvailable " + minAvailable + " blocks every drain of " + d);
      }
    }
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.copr.k8s.Rendered#overlays")
  void everyImageIsBuiltByItsServicesContainerfileAsTheUserAndPortDeclared(Rendered overlay)
      throws IOException {
    List<String> problems = new ArrayList<>();
    Set<String> images = new TreeSet<>();
    for (Manifest d : overlay.all("Deployment")) {
      JsonNode podSecurity = d.at("/spec/template/spec/securityContext");
      for (JsonNode c : d.containers()) {
        String service = Rendered.module(c);
        images.add(service);
        Path containerfile =
            Project.ROOT.resolve(service).resolve("src/main/docker/Dockerfile.jvm");
        if (!Files.isRegularFile(containerfile)) {
          problems.add(d + ": no " + Project.ROOT.relativize(containerfile) + " builds " + service);
          continue;
        }
        String text = Files.readString(containerfile);
        String uid =
            c.at("/securityContext/runAsUser").asText(podSecurity.path("runAsUser").asText());
        if (!Pattern.compile("(?m)^USER " + uid + "$").matcher(text).find()) {
          problems.add(containerfile + ": does not run as USER " + uid + " like " + d);
        }
        for (JsonNode port : c.path("ports")) {
          if (!Pattern.compile("(?m)^EXPOSE " + port.path("containerPort").asInt() + "$")
              .matcher(text)
              .find()) {
            problems.add(
                containerfile + ": does not EXPOSE " + port.path("containerPort") + " like " + d);
          }
        }
      }
    }
    assertThat(images).containsExactlyInAnyOrderElementsOf(Project.SERVICES);
    assertThat(problems).isEmpty();
  }
}
