package org.copr.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.copr.contracts.CoprEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestSupportTest {

  @Test
  void theBrokerCarriesEventsAndComesBackAfterAStop() {
    KafkaBroker broker = KafkaBroker.shared();
    String topic = "probe." + System.nanoTime();
    broker.createTopics(topic);
    TopicProbe.send(broker.bootstrapServers(), topic, "a", new CoprEvent.Deleted("a"));
    broker.stop();
    broker.start();
    TopicProbe.send(broker.bootstrapServers(), topic, "b", new CoprEvent.Deleted("b"));
    try (TopicProbe probe = new TopicProbe(broker.bootstrapServers(), topic)) {
      probe.awaitEvent(CoprEvent.Deleted.class, e -> e.copr().equals("b"), Duration.ofSeconds(30));
      assertThat(probe.values()).hasSize(2);
    }
  }

  @Test
  void aCommandThatOverrunsIsKilledWithItsChildrenAtTheTimeout(@TempDir Path dir) {
    Path marker = dir.resolve("child-still-running");
    long started = System.nanoTime();
    assertThatThrownBy(
            () ->
                Processes.run(
                    dir,
                    Map.of(),
                    List.of(
                        "bash", "-c", "echo started; (sleep 30; touch " + marker + ") & sleep 30"),
                    Duration.ofSeconds(2)))
        .hasMessageContaining("timed out after PT2S")
        .hasMessageContaining("started");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    assertThat(ProcessHandle.allProcesses().map(h -> h.info().commandLine().orElse("")))
        .noneMatch(c -> c.contains("touch " + marker));
  }

  @Test
  void srpmsAreRealSourcePackages(@TempDir Path dir) {
    Path srpm =
        TestRpms.srpm(dir, "hello-probe", "1.2", TestRpms.Options.defaults().requires("foo"));
    assertThat(srpm.getFileName().toString()).isEqualTo("hello-probe-1.2-1.src.rpm");
    String q =
        Processes.check(
            dir,
            Map.of(),
            List.of("rpm", "-qp", "--qf", "%{NAME} %{VERSION} %{SOURCEPACKAGE}", srpm.toString()));
    assertThat(q.trim()).endsWith("hello-probe 1.2 1");
  }

  @Test
  void dnfInstallsFromARepositoryIntoAThrowawayRoot(@TempDir Path dir) throws Exception {
    Path srpm =
        TestRpms.srpm(dir.resolve("srpms"), "hello-dnf", "2.0", TestRpms.Options.defaults());
    Path repo = dir.resolve("repo");
    Processes.check(
        dir,
        Map.of(),
        List.of(
            "rpmbuild",
            "--rebuild",
            "--define",
            "_topdir " + dir.resolve("top"),
            "--define",
            "_rpmdir " + repo,
            "--dbpath",
            dir.resolve("rpmdb").toString(),
            srpm.toString()));
    Processes.check(dir, Map.of(), List.of("createrepo_c", repo.toString()));

    Dnf dnf = new Dnf(dir.resolve("root"), "40").repo("test", repo.toUri().toString());
    Processes.Result result = dnf.install("hello-dnf");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(dnf.runInstalled("hello-dnf")).isEqualTo("hello-dnf 2.0");
    assertThat(dnf.install("no-such-package").exitCode()).isNotZero();
  }
}
