package org.copr.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the Ingress of each overlay serves to the world: the REST API, the web UI and the
 * repositories, never Quarkus's /q/ routes (metrics, health, OpenAPI), which are for probes and
 * Prometheus inside the cluster. Requests are routed as the Ingress API specifies Prefix paths: the
 * longest prefix that matches whole path elements wins.
 */
class IngressTest {
  static final String CLOSED = "copr-closed";

  private static final List<String> INTERNAL =
      List.of(
          "/q",
          "/q/",
          "/q/metrics",
          "/q/health",
          "/q/health/ready",
          "/q/health/live",
          "/q/openapi",
          "/q/swagger-ui/",
          "/q/dev-ui",
          "/repos/../q/metrics");

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.copr.k8s.Rendered#overlays")
  void quarkusRoutesUnderQAreNeverServedByAPod(Rendered overlay) {
    for (Manifest ingress : overlay.all("Ingress")) {
      for (String path : INTERNAL) {
        Optional<String> service = route(ingress, normalize(path));
        assertThat(service).as(ingress + " " + path).hasValue(CLOSED);
        Manifest closed = overlay.find("Service", CLOSED).orElseThrow();
        assertThat(
                closed.at("/spec/selector").isMissingNode()
                    || closed.at("/spec/selector").isEmpty())
            .as(CLOSED + " has no selector: no pod behind it")
            .isTrue();
        assertThat(overlay.all("Endpoints")).noneMatch(e -> e.name().equals(CLOSED));
        assertThat(overlay.all("EndpointSlice"))
            .noneMatch(
                e -> CLOSED.equals(e.at("/metadata/labels/kubernetes.io~1service-name").asText()));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.copr.k8s.Rendered#overlays")
  void theApiTheWebUiAndTheRepositoriesAreServed(Rendered overlay) {
    for (Manifest ingress : overlay.all("Ingress")) {
      assertThat(route(ingress, "/coprs/hello")).hasValue("api-service");
      assertThat(route(ingress, "/copr/hello/upload")).hasValue("api-service");
      assertThat(route(ingress, "/")).hasValue("api-service");
      assertThat(route(ingress, "/quota")).as("/q is a whole path element").hasValue("api-service");
      assertThat(route(ingress, "/repos/hello/fedora-40-x86_64/repodata/repomd.xml"))
          .hasValue("repo-worker");
    }
  }

  /** The backend Service of the longest Prefix (or Exact) path that matches. */
  private static Optional<String> route(Manifest ingress, String path) {
    String best = null;
    String service = null;
    for (JsonNode rule : ingress.at("/spec/rules")) {
      for (JsonNode p : rule.at("/http/paths")) {
        String prefix = p.path("path").asText();
        String type = p.path("pathType").asText();
        boolean matches = type.equals("Exact") ? path.equals(prefix) : prefixMatches(prefix, path);
        if (matches && (best == null || prefix.length() > best.length())) {
          best = prefix;
          service = p.at("/backend/service/name").asText();
        }
      }
    }
    return Optional.ofNullable(service);
  }

  /** Prefix matching by path elements: /q matches /q and /q/x, not /quota. */
  private static boolean prefixMatches(String prefix, String path) {
    List<String> want = elements(prefix);
    List<String> have = elements(path);
    return have.size() >= want.size() && have.subList(0, want.size()).equals(want);
  }

  private static List<String> elements(String path) {
    List<String> elements = new ArrayList<>();
    for (String e : path.split("/")) {
      if (!e.isEmpty()) {
        elements.add(e);
      }
    }
    return elements;
  }

  /** What the controller (nginx) matches: the path with . and .. resolved. */
  private static String normalize(String path) {
    return java.net.URI.create(path).normalize().getPath();
  }
}
