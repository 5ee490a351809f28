package org.copr.worker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.copr.contracts.BuildSpec;
import org.copr.contracts.BuildStatus;
import org.copr.testing.TestRpms;
import org.copr.testing.TopicProbe;
import org.copr.worker.config.ThisWorker;
import org.junit.jupiter.api.Test;

/** Backend auto with a stand-in mock on the PATH (see {@link MockStandIn}). */
@QuarkusTest
@TestProfile(MockStandIn.class)
class MockBackendTest {
  private static final Duration WAIT = Duration.ofSeconds(120);

  @Inject ThisWorker worker;

  @Test
  void autoPicksMockAndRunsItWithTheChrootTheReposAUniqueRootAndTheTimeout() throws Exception {
    given().get("/builds").then().statusCode(200).body("backend", is("mock"));
    long id = Dispatches.nextId();
    String name = "mocked-" + id;
    Path srpm =
        TestRpms.srpm(
            worker.storage().srpms().resolve(Long.toString(id)),
            name,
            "1.2",
            TestRpms.Options.defaults());
    List<String> repos =
        List.of(
            "http://repos.test/alice/copr-" + id + "/fedora-40-x86_64/",
            "http://repos.test/bob/deps/fedora-40-x86_64/");
    BuildSpec spec = Dispatches.spec(worker.storage(), id, "fedora-40-x86_64", name, srpm, repos);

    try (var status = new TopicProbe(Dispatches.bootstrap(), Dispatches.reports())) {
      Dispatches.send(Dispatches.to(worker, spec, 1, 1800));
      var finished = status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == id, WAIT);

      assertThat(finished.success()).as(finished.logTail()).isTrue();
      assertThat(finished.artifacts())
          .extracting(BuildStatus.Artifact::file)
          .containsExactly(name + "-1.2-1.noarch.rpm", name + "-1.2-1.src.rpm");
      assertThat(finished.buildroot())
          .extracting(BuildStatus.BuildrootPackage::nevra)
          .containsExactly("glibc-2.39-22.fc40.x86_64", "make-1:4.4.1-6.fc40.x86_64");
    }
    Path results = worker.storage().results(id, 1);
    List<String> arguments = MockStandIn.arguments(id, 1);
    // mock writes into the attempt's private work folder, never the shared storage; the worker
    // hands over what it left.
    Path resultDir = Path.of(arguments.get(arguments.indexOf("--resultdir") + 1));
    assertThat(resultDir.startsWith(worker.storage().root())).as("%s", resultDir).isFalse();
    assertThat(resultDir.getFileName()).isEqualTo(Path.of("results"));
    assertThat(results.resolve(name + "-1.2-1.noarch.rpm")).isRegularFile();
    assertThat(arguments)
        .containsExactly(
            "-r",
            resultDir.resolveSibling("mock.cfg").toString(),
            "--rebuild",
            worker.storage().srpm(spec.srpmSha256()).toString(),
            "--resultdir",
            resultDir.toString(),
            "--uniqueext",
            "copr-" + id + "-1",
            "--rpmbuild_timeout",
            "1800");
    // The chroot's own config, and the build's repositories with their coprs' keys.
    assertThat(MockStandIn.config(id, 1))
        .isEqualTo(
            "include('/etc/mock/fedora-40-x86_64.cfg')\n"
                + "config_opts['dnf.conf'] += \"\"\"\n[copr0]\nname=copr0\nbaseurl="
                + repos.get(0)
                + "\ngpgcheck=1\ngpgkey=http://repos.test/alice/copr-"
                + id
                + "/pubkey.gpg\nenabled=1\nskip_if_unavailable=False\n\"\"\"\n"
                + "config_opts['dnf.conf'] += \"\"\"\n[copr1]\nname=copr1\nbaseurl="
                + repos.get(1)
                + "\ngpgcheck=1\ngpgkey=http://repos.test/bob/deps/pubkey.gpg\nenabled=1\n"
                + "skip_if_unavailable=False\n\"\"\"\n");
    // The log is the packager's: it starts with mock's own output; the command line is the
    // worker's business.
    assertThat(Files.readString(worker.storage().log(id, 1)))
        .startsWith("mock stand-in: rebuilding")
        .doesNotContain(MockStandIn.DIR.resolve("mock").toString() + " -r");
  }

  @Test
  void aFailedBuildIsExplainedFromMocksBuildLog() throws Exception {
    long id = Dispatches.nextId();
    String name = "mock-broken-" + id;
    String spec =
        TestRpms.spec(name, "0.1", TestRpms.Options.defaults())
            .replace(
                "%build\n",
                "%build\nprintf 'int main(void) {\\n  return undefined_thing\\n}\\n' > hello.c\n"
                    + "gcc -o hello hello.c\n");
    Path srpm =
        TestRpms.srpmFromSpec(worker.storage().srpms().resolve(Long.toString(id)), name, spec);
    BuildSpec build =
        Dispatches.spec(worker.storage(), id, "fedora-40-x86_64", name, srpm, List.of());

    try (var status = new TopicProbe(Dispatches.bootstrap(), Dispatches.reports())) {
      Dispatches.send(Dispatches.to(worker, build, 1, 1800));
      var finished = status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == id, WAIT);

      assertThat(finished.success()).isFalse();
      assertThat(finished.exitCode()).isEqualTo(1);
      // mock printed only its own lines; rpmbuild's, in build.log, say what failed
      assertThat(finished.reason())
          .as(finished.logTail())
          .startsWith("%build failed: error: Bad exit status from ")
          // gcc quotes with ' or with ‘’, as the locale says
          .contains(" (%build); last error before it: hello.c:2:25: error: expected ");
    }
    // the packager reads rpmbuild's output in the build's log, after mock's own lines
    String log = Files.readString(worker.storage().log(id, 1));
    assertThat(log)
        .startsWith("mock stand-in: rebuilding")
        .contains("ERROR: Exception(")
        .contains("copr-build-worker: mock wrote rpmbuild's output to build.log:")
        .contains("Executing(%build)")
        .contains("hello.c:2:25: error: expected ");
    assertThat(log.indexOf("ERROR: Exception(")).isLessThan(log.indexOf("Executing(%build)"));
  }
}
