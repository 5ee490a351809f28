package org.copr.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No container runs as root or keeps privileges it does not need; the build-workers get exactly
 * what operations.md documents for mock.
 */
class PrivilegesTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.copr.k8s.Rendered#overlays")
  void containersRunAsNonRootWithNothingButWhatMockNeeds(Rendered overlay) throws IOException {
    Set<String> mockCapabilities = documentedMockCapabilities();
    List<String> problems = new ArrayList<>();
    for (Manifest d : overlay.all("Deployment")) {
      JsonNode pod = d.at("/spec/template/spec");
      JsonNode podSecurity = pod.path("securityContext");
      for (String hostAccess : List.of("hostNetwork", "hostPID", "hostIPC")) {
        if (pod.path(hostAccess).asBoolean()) {
          problems.add(d + ": " + hostAccess);
        }
      }
      pod.path("volumes")
          .forEach(
              v -> {
                if (v.has("hostPath")) {
                  problems.add(d + ": hostPath volume " + v.path("name").asText());
                }
              });
      if (pod.path("automountServiceAccountToken").asBoolean(true)) {
        problems.add(d + ": mounts a service account token it never uses");
      }
      for (JsonNode c : d.containers()) {
        String where = d + " " + c.path("name").asText() + ": ";
        JsonNode security = c.path("securityContext");
        boolean nonRoot =
            security.path("runAsNonRoot").asBoolean(podSecurity.path("runAsNonRoot").asBoolean());
        int uid = security.path("runAsUser").asInt(podSecurity.path("runAsUser").asInt(0));
        boolean buildWorker = Rendered.module(c).equals("build-worker");
        if ((!nonRoot || uid == 0)
            && !(buildWorker
                && !security.path("allowPrivilegeEscalation").asBoolean(true)
                && !security.path("privileged").asBoolean())) {
          // Only the build-worker runs as root (mock needs it), and then without any setuid route.
          problems.add(where + "may run as root");
        }
        if (security.path("privileged").asBoolean()) {
          problems.add(where + "privileged");
        }
        if (!Manifest.items(security.at("/capabilities/drop"))
            .anyMatch(cap -> cap.asText().equals("ALL"))) {
          problems.add(where + "does not drop all capabilities");
        }
        Set<String> added = new TreeSet<>();
        security.at("/capabilities/add").forEach(a -> added.add(a.asText()));
        if (buildWorker) {
          // mock: exactly the set operations.md explains, nothing undocumented.
          if (!added.equals(mockCapabilities)) {
            problems.add(where + "adds " + added + ", operations.md documents " + mockCapabilities);
          }
        } else {
          if (!added.isEmpty()) {
            problems.add(where + "adds capabilities " + added);
          }
          if (security.path("allowPrivilegeEscalation").asBoolean(true)) {
            problems.add(where + "allows privilege escalation");
          }
          if (!security.path("readOnlyRootFilesystem").asBoolean()) {
            problems.add(where + "has a writable root filesystem");
          }
          String seccomp =
              security
                  .at("/seccompProfile/type")
                  .asText(podSecurity.at("/seccompProfile/type").asText());
          if (!seccomp.equals("RuntimeDefault")) {
            problems.add(where + "seccomp profile is '" + seccomp + "', not RuntimeDefault");
          }
        }
      }
    }
    assertThat(mockCapabilities).isNotEmpty();
    assertThat(problems).isEmpty();
  }

  /** The capabilities listed in operations.md's "Build-worker privileges" table. */
  private static Set<String> documentedMockCapabilities() throws IOException {
    String doc = Files.readString(Project.ROOT.resolve("src-docs/operations.md"));
    int section = doc.indexOf("## Build-worker privileges");
    assertThat(section).as("operations.md has a 'Build-worker privileges' section").isNotNegative();
    int end = doc.indexOf("\n## ", section + 1);
    Matcher row =
        Pattern.compile("(?m)^\\| `([A-Z_]+)` \\|")
            .matcher(doc.substring(section, end < 0 ? doc.length() : end));
    Set<String> capabilities = new TreeSet<>();
    while (row.find()) {
      capabilities.add(row.group(1));
    }
    return capabilities;
  }
}
