package org.copr.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;
import org.copr.contracts.EventJson.MalformedEventException;
import org.junit.jupiter.api.Test;

/** A consumer reading an event gets it only when every field keeps the API's rules. */
class EventChecksTest {

  private static final String SHA = "0f".repeat(32);

  private static BuildStatus.Finished finished(String copr, String results, String artifact) {
    return finished(copr, results, artifact, SHA);
  }

  private static BuildStatus.Finished finished(
      String copr, String results, String artifact, String sha256) {
    return new BuildStatus.Finished(
        42,
        1,
        "worker-1",
        copr,
        "fedora-40-x86_64",
        "hello",
        true,
        0,
        results,
        "logs/42/build-1.log",
        List.of(new BuildStatus.Artifact(artifact, "hello", null, "1", "1", "noarch", sha256)),
        "",
        10,
        null,
        null);
  }

  private static void refused(Event event, String why) {
    String json = EventJson.write(event);
    assertThatThrownBy(() -> EventJson.read(json, Event.class))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining(why);
  }

  @Test
  void aFinishedMayNameOnlyTheResultsItsIdsGive() {
    var honest = finished("hello", "results/42/1", "hello-1-1.noarch.rpm");
    assertThat(EventJson.read(EventJson.write(honest), BuildStatus.class)).isEqualTo(honest);

    refused(finished("hello", ".", "hello-1-1.noarch.rpm"), "bad results: .");
    refused(finished("hello", "results/41/1", "hello-1-1.noarch.rpm"), "bad results");
    refused(finished("hello", "results/42/1", "../../srpms/x.rpm"), "bad artifact");
    refused(finished("../victim", "results/42/1", "hello-1-1.noarch.rpm"), "bad copr");
  }

  @Test
  void everyArtifactCarriesTheSha256OfItsBytes() {
    String rpm = "hello-1-1.noarch.rpm";
    refused(finished("hello", "results/42/1", rpm, null), "bad artifact sha256");
    refused(finished("hello", "results/42/1", rpm, "0F".repeat(32)), "bad artifact sha256");
    refused(finished("hello", "results/42/1", rpm, "0f".repeat(31)), "bad artifact sha256");
    refused(finished("hello", "results/42/1", rpm, SHA + "\n"), "bad artifact sha256");
    refused(finished("hello", "results/42/1", rpm, "g".repeat(64)), "bad artifact sha256");
    var artifact = new BuildStatus.Artifact(rpm, "hello", null, "1", "1", "noarch", "x");
    refused(
        new CoprEvent.PublishRequested("ok", "fedora-40-x86_64", "p", 7, 1, List.of(artifact)),
        "bad artifact sha256");
  }

  @Test
  void aRecordedBuildrootHoldsPackagesAndRepositoryURLsOnly() {
    var base = finished("hello", "results/42/1", "hello-1-1.noarch.rpm");
    String repo = "http://repos.example/libs/fedora-40-x86_64/";
    var honest =
        base.withBuildroot(
            List.of(
                new BuildStatus.BuildrootPackage("libhello", 1, "1.0", "1.fc40", "x86_64", repo)));
    assertThat(EventJson.read(EventJson.write(honest), BuildStatus.class)).isEqualTo(honest);

    refused(
        base.withBuildroot(
            List.of(new BuildStatus.BuildrootPackage("-rf", null, "1", "1", "x86_64", repo))),
        "bad buildroot name");
    refused(
        base.withBuildroot(
            List.of(new BuildStatus.BuildrootPackage("lib", null, "1 2", "1", "x86_64", repo))),
        "bad buildroot package");
    refused(
        base.withBuildroot(
            List.of(
                new BuildStatus.BuildrootPackage("lib", null, "1", "1\u001b[2J", "x86_64", repo))),
        "bad buildroot package");
    refused(
        base.withBuildroot(
            List.of(new BuildStatus.BuildrootPackage("lib", -1, "1", "1", "x86_64", repo))),
        "bad buildroot package");
    refused(
        base.withBuildroot(
            List.of(
                new BuildStatus.BuildrootPackage(
                    "lib", null, "1", "1", "x86_64", "file:///etc/passwd"))),
        "bad buildroot repo");
    refused(
        base.withBuildroot(
            Collections.nCopies(
                1001, new BuildStatus.BuildrootPackage("lib", null, "1", "1", "x86_64", repo))),
        "buildroot");
  }

  @Test
  void aHeartbeatNamesItsIncarnationAndListsItsAttempts() {
    var ok = new WorkerHeartbeat("w1", "inc-1", "x86_64", 2, List.of(), List.of(), false);
    assertThat(EventJson.read(EventJson.write(ok), Event.class)).isEqualTo(ok);

    refused(
        new WorkerHeartbeat("w1", null, "x86_64", 2, List.of(), List.of(), false), "incarnation");
    refused(
        new WorkerHeartbeat("w1", " ", "x86_64", 2, List.of(), List.of(), false), "incarnation");
    refused(new WorkerHeartbeat("w1", "inc-1", "x86_64", 2, null, List.of(), false), "running");
    refused(new WorkerHeartbeat("w1", "inc-1", "x86_64", 2, List.of(), null, false), "ended");
  }

  @Test
  void aSigningKeyCarriesAFingerprintAndACoprNameOnly() {
    var key =
        new SigningKey(
            "hello", "800EA3190A8D0BF66B6470432598E6133AC61422", java.time.Instant.now());
    assertThat(EventJson.read(EventJson.write(key), Event.class)).isEqualTo(key);

    refused(
        new SigningKey("hello", "800ea3190a8d0bf66b6470432598e6133ac61422", null),
        "bad fingerprint");
    refused(
        new SigningKey("hello", "-----BEGIN PGP PRIVATE KEY BLOCK-----", null), "bad fingerprint");
    refused(new SigningKey("hello", null, null), "bad fingerprint");
    refused(
        new SigningKey("../hello", "800EA3190A8D0BF66B6470432598E6133AC61422", null), "bad copr");
  }

  @Test
  void namesIdsAttemptsAndSizesFollowTheRules() {
    refused(new CoprEvent.Created("ok", "alice", List.of("../../etc")), "bad chroot");
    refused(new CoprEvent.Created("ok", "al/ice", List.of("fedora-40-x86_64")), "bad owner");
    refused(
        new CoprEvent.ChrootsAdded("ok", Collections.nCopies(1001, "fedora-40-x86_64")),
        "bad chroots");
    refused(new CoprEvent.DependenciesChanged("ok", List.of("../x")), "bad dependency");
    refused(new CoprEvent.PackageDeleted("ok", "../p", List.of(1L)), "bad package");
    refused(new CoprEvent.PackageDeleted("ok", "p", List.of(0L)), "bad build_id");
    List<Long> tooMany = LongStream.rangeClosed(1, 1001).boxed().toList();
    refused(new CoprEvent.PackageDeleted("ok", "p", tooMany), "bad build_ids");
    assertThat(CoprEvent.PackageDeleted.of("ok", "p", tooMany).buildIds())
        .as("a package with more builds than an event lists: every build of it")
        .isEmpty();
    refused(new CoprEvent.BuildsDeleted("ok", "p", List.of()), "bad build_ids");
    refused(new CoprEvent.BuildsDeleted("ok", "p", null), "bad build_ids");
    refused(new CoprEvent.BuildsDeleted("ok", "p", List.of(0L)), "bad build_id");
    refused(new CoprEvent.BuildsDeleted("ok", "../p", List.of(1L)), "bad package");
    refused(new CoprEvent.BuildsDeleted("ok", "p", tooMany), "bad build_ids");
    Event fine = new CoprEvent.BuildsDeleted("ok", "p", List.of(1L, 2L));
    assertThat(EventJson.read(EventJson.write(fine), Event.class)).isEqualTo(fine);
    refused(
        new CoprEvent.PublishRequested("ok", "fedora-40-x86_64", "p", 7, 0, List.of()), "attempt");
    refused(new BuildStatus.Started(-1, 1, "w", null), "bad build_id");
    refused(new BuildStatus.Started(7, 1, "w", "/etc/passwd"), "bad log");
    refused(new BuildStatus.Failed(7, 1, "x".repeat(EventChecks.MAX_TEXT + 1)), "bad reason");
    refused(new BuildControl.StopAttempt(7, 0, "no"), "bad attempt");
    refused(new BuildControl.Cancel(0, "no"), "bad build_id");
  }

  private static BuildRequested request(String srpm, String sha256, List<String> repos) {
    return new BuildRequested(
        new BuildSpec(7, "hello", "alice", "hello", "fedora-40-x86_64", srpm, sha256, repos));
  }

  @Test
  void aBuildRequestNamesItsSrpmOnlyByItsSha256() {
    String sha = "ab".repeat(32);
    var honest =
        request(
            "srpms/" + sha + ".src.rpm",
            sha,
            List.of("https://copr.example.org/repos/hello/fedora-40-x86_64/"));
    assertThat(EventJson.read(EventJson.write(honest), BuildRequested.class)).isEqualTo(honest);

    refused(request("../../etc/shadow", sha, List.of()), "bad srpm");
    refused(request(null, "zz", List.of()), "bad srpm_sha256");
    refused(request(null, sha, List.of("file:///etc/")), "bad repos");
  }

  @Test
  void aBuildRequestsTimeoutIsBoundedAndAbsentMeansTheSchedulersDefault() {
    String sha = "ab".repeat(32);
    BuildSpec spec =
        new BuildSpec(
            7,
            "hello",
            "alice",
            "hello",
            "fedora-40-x86_64",
            "srpms/" + sha + ".src.rpm",
            sha,
            List.of());
    var timed = new BuildRequested(spec, 600, null);
    assertThat(EventJson.read(EventJson.write(timed), BuildRequested.class)).isEqualTo(timed);
    assertThat(EventJson.write(timed)).contains("\"timeout_seconds\":600");
    var longest = new BuildRequested(spec, BuildRequested.MAX_TIMEOUT_SECONDS, null);
    assertThat(EventJson.read(EventJson.write(longest), BuildRequested.class)).isEqualTo(longest);

    refused(
        new BuildRequested(spec, BuildRequested.MAX_TIMEOUT_SECONDS + 1, null),
        "bad timeout_seconds");
    refused(new BuildRequested(spec, -1, null), "bad timeout_seconds");
    String withoutTimeout =
        EventJson.write(new BuildRequested(spec)).replace(",\"timeout_seconds\":0", "");
    assertThat(withoutTimeout).doesNotContain("timeout_seconds");
    assertThat(EventJson.read(withoutTimeout, BuildRequested.class).timeoutSeconds()).isZero();
  }
}
