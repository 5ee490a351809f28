package org.copr.repo.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.copr.repo.Children;
import org.copr.runtime.process.ExternalCommand;
import org.junit.jupiter.api.Test;

/**
 * The tools that parse builds' packages (rpm, createrepo_c, gpg and its agent, rpmsign) get an
 * environment made from scratch: nothing of repo-worker's own (its signing master key, its Kafka
 * credentials, the HOME and USER it runs as) reaches them.
 */
class ChildEnvironmentTest {

  @Test
  void rpmAndCreaterepoRunWithOnlyWhatTheyNeed() {
    ExternalCommand.Result env = Children.run(List.of("env", "-0"), Duration.ofSeconds(30));
    assertThat(env.ok()).as(env.output()).isTrue();
    Map<String, String> seen = parse(env.output().getBytes(StandardCharsets.UTF_8));
    assertThat(seen.keySet()).isSubsetOf(Children.ALLOWED).contains("PATH");
    assertThat(seen.get("HOME")).isNotEqualTo(System.getenv("HOME"));
    assertThat(seen.values()).doesNotContainAnyElementsOf(secretsOfThisProcess());
  }

  @Test
  void gpgRpmsignAndTheAgentGpgStartsSeeOnlyTheirHome() throws Exception {
    Path root = Files.createTempDirectory("copr-env-");
    try (Gpg gpg = Gpg.open(root.resolve("w"))) {
      Map<String, String> seen = parse(gpg.run(List.of("env", "-0"), Map.of(), null));
      assertThat(seen.keySet()).isSubsetOf(Children.ALLOWED);
      assertThat(seen).containsEntry("GNUPGHOME", gpg.home().toString());

      // Making a key starts a gpg-agent for the home: it lives on, and its environment is in /proc.
      gpg.generate("env test", 2048, Duration.ofDays(2));
      List<Long> agents = agentsOf(gpg.home());
      assertThat(agents).as("gpg-agent of " + gpg.home()).isNotEmpty();
      for (long pid : agents) {
        Map<String, String> agentEnv =
            parse(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")));
        assertThat(agentEnv.keySet()).as("gpg-agent %d", pid).isSubsetOf(Children.ALLOWED);
        assertThat(agentEnv.values()).doesNotContainAnyElementsOf(secretsOfThisProcess());
      }
    }
  }

  /** Every value of this JVM's environment but the few a child may share (PATH, TMPDIR...). */
  private static List<String> secretsOfThisProcess() {
    List<String> values = new ArrayList<>();
    System.getenv()
        .forEach(
            (name, value) -> {
              if (!Children.ALLOWED.contains(name) && value.length() >= 8) {
                values.add(value);
              }
            });
    return values;
  }

  private static List<Long> agentsOf(Path home) throws IOException {
    List<Long> pids = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.toList()) {
        String name = proc.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String cmdline =
              new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
          if (cmdline.contains("gpg-agent") && cmdline.contains(home.toString())) {
            pids.add(Long.parseLong(name));
          }
        } catch (IOException gone) {
          // the process ended meanwhile
        }
      }
    }
    return pids;
  }

  private static Map<String, String> parse(byte[] nulSeparated) {
    Map<String, String> env = new HashMap<>();
    for (String entry : new String(nulSeparated, StandardCharsets.UTF_8).split("\0")) {
      int eq = entry.indexOf('=');
      if (eq > 0) {
        env.put(entry.substring(0, eq), entry.substring(eq + 1));
      }
    }
    return env;
  }
}
