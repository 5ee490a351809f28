package org.copr.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventJsonTest {

  @Test
  void statusEventsCarryTheEnvelopeInSnakeCaseAndReadBackAsTheirFamily() {
    var finished =
        new BuildStatus.Finished(
            42,
            2,
            "worker-1",
            "hello",
            "fedora-40-x86_64",
            "hello-copr",
            true,
            0,
            "results/42/2",
            "logs/42/build-2.log",
            List.of(
                new BuildStatus.Artifact(
                    "hello-copr-1.0-1.noarch.rpm",
                    "hello-copr",
                    null,
                    "1.0",
                    "1",
                    "noarch",
                    "ab".repeat(32))),
            "",
            120,
            null,
            null);

    Envelope<BuildStatus.Finished> envelope = Envelope.of(finished);
    String json = EventJson.write(envelope);

    assertThat(json)
        .startsWith("{\"type\":\"finished\",\"event_id\":\"" + envelope.eventId() + "\"")
        .contains("\"schema_version\":1")
        .contains("\"occurred_at\":\"")
        .contains("\"build_id\":42")
        .contains("\"package_name\":\"hello-copr\"");
    assertThat(EventJson.read(json, BuildStatus.class)).isEqualTo(finished);
    assertThat(EventJson.readEnvelope(json, BuildStatus.class)).isEqualTo(envelope);
  }

  /** JSON as the version before the envelope moved out of the records wrote it. */
  @Test
  void theJsonOfEarlierVersionsStillReads() {
    String envelope =
        "\"event_id\":\"6f1c1a3e-2b1e-4c1e-9a51-0c6f5b7c2f10\","
            + "\"occurred_at\":\"2026-11-25T01:00:00.123Z\",\"schema_version\":1,";
    String sha = "ab".repeat(32);
    String spec =
        "{\"build_id\":7,\"copr\":\"hello\",\"owner\":\"alice\",\"package_name\":\"hello-copr\","
            + "\"chroot\":\"epel-9-aarch64\",\"srpm\":\"srpms/"
            + sha
            + ".src.rpm\",\"srpm_sha256\":\""
            + sha
            + "\",\"repos\":[]}";
    String artifact =
        "{\"file\":\"hello-copr-1.0-1.noarch.rpm\",\"name\":\"hello-copr\",\"epoch\":null,"
            + "\"version\":\"1.0\",\"release\":\"1\",\"arch\":\"noarch\",\"sha256\":\""
            + sha
            + "\"}";
    var old =
        java.util.Map.<String, Event>ofEntries(
            java.util.Map.entry(
                "{\"type\":\"copr_created\","
                    + envelope
                    + "\"copr\":\"hello\",\"owner\":\"alice\",\"chroots\":[\"fedora-40-x86_64\"]}",
                new CoprEvent.Created("hello", "alice", List.of("fedora-40-x86_64"))),
            java.util.Map.entry(
                "{\"type\":\"package_deleted\","
                    + envelope
                    + "\"copr\":\"hello\",\"package_name\":\"p\",\"build_ids\":[1,2]}",
                new CoprEvent.PackageDeleted("hello", "p", List.of(1L, 2L))),
            java.util.Map.entry(
                "{\"type\":\"build_requested\"," + envelope + "\"build\":" + spec + "}",
                new BuildRequested(
                    EventJson.read(
                            "{\"type\":\"build_requested\",\"build\":" + spec + "}",
                            BuildRequested.class)
                        .build())),
            java.util.Map.entry(
                "{\"type\":\"build_dispatch\","
                    + envelope
                    + "\"build\":"
                    + spec
                    + ",\"attempt\":1,\"timeout_seconds\":60,\"worker_id\":\"w1\","
                    + "\"incarnation\":\"9b1c\"}",
                new BuildDispatch(
                    EventJson.read(
                            "{\"type\":\"build_requested\",\"build\":" + spec + "}",
                            BuildRequested.class)
                        .build(),
                    1,
                    60,
                    "w1",
                    "9b1c")),
            java.util.Map.entry(
                "{\"type\":\"cancel_build\","
                    + envelope
                    + "\"build_id\":7,\"attempt\":0,\"reason\":\"canceled by alice\"}",
                new BuildControl.Cancel(7, "canceled by alice")),
            java.util.Map.entry(
                "{\"type\":\"cancel_build\","
                    + envelope
                    + "\"build_id\":7,\"attempt\":2,\"reason\":\"stale attempt\"}",
                new BuildControl.StopAttempt(7, 2, "stale attempt")),
            java.util.Map.entry(
                "{\"type\":\"worker_heartbeat\","
                    + envelope
                    + "\"worker_id\":\"w1\",\"incarnation\":\"9b1c\",\"arch\":\"aarch64\","
                    + "\"slots\":2,\"running\":[{\"build_id\":7,\"attempt\":1}],\"ended\":[],"
                    + "\"draining\":false}",
                new WorkerHeartbeat(
                    "w1",
                    "9b1c",
                    "aarch64",
                    2,
                    List.of(new WorkerHeartbeat.Attempt(7, 1)),
                    List.of(),
                    false)),
            java.util.Map.entry(
                "{\"type\":\"finished\","
                    + envelope
                    + "\"build_id\":7,\"attempt\":1,\"worker_id\":\"w1\",\"copr\":\"hello\","
                    + "\"chroot\":\"epel-9-aarch64\",\"package_name\":\"hello-copr\","
                    + "\"success\":true,\"exit_code\":0,\"results\":\"results/7/1\","
                    + "\"log\":\"logs/7/build-1.log\",\"artifacts\":["
                    + artifact
                    + "],\"log_tail\":\"\",\"builder_millis\":120}",
                new BuildStatus.Finished(
                    7,
                    1,
                    "w1",
                    "hello",
                    "epel-9-aarch64",
                    "hello-copr",
                    true,
                    0,
                    "results/7/1",
                    "logs/7/build-1.log",
                    List.of(
                        new BuildStatus.Artifact(
                            "hello-copr-1.0-1.noarch.rpm",
                            "hello-copr",
                            null,
                            "1.0",
                            "1",
                            "noarch",
                            sha)),
                    "",
                    120,
                    null,
                    null)),
            java.util.Map.entry(
                "{\"type\":\"canceled\","
                    + envelope
                    + "\"build_id\":7,\"attempt\":0,\"reason\":\"x\"}",
                new BuildStatus.Canceled(7, 0, "x")),
            java.util.Map.entry(
                "{\"type\":\"signing_key\","
                    + envelope
                    + "\"copr\":\"hello\",\"fingerprint\":\"800EA3190A8D0BF66B6470432598E6133AC61422\","
                    + "\"expires_at\":\"2031-11-25T01:00:00Z\"}",
                new SigningKey(
                    "hello",
                    "800EA3190A8D0BF66B6470432598E6133AC61422",
                    java.time.Instant.parse("2031-11-25T01:00:00Z"))));

    old.forEach(
        (json, event) -> {
          Envelope<Event> read = EventJson.readEnvelope(json, Event.class);
          assertThat(read.event()).as(json).isEqualTo(event);
          assertThat(read.eventId())
              .isEqualTo(java.util.UUID.fromString("6f1c1a3e-2b1e-4c1e-9a51-0c6f5b7c2f10"));
          assertThat(read.occurredAt())
              .isEqualTo(java.time.Instant.parse("2026-11-25T01:00:00.123Z"));
          assertThat(read.schemaVersion()).isEqualTo(1);
        });
  }

  @Test
  void aUsersCancelNamesNoAttemptSoOlderReadersTakeItForEveryAttempt() {
    String json = EventJson.write(new BuildControl.Cancel(7, "canceled by alice"));
    assertThat(json).contains("\"type\":\"cancel_build\"").doesNotContain("attempt");
    assertThat(EventJson.read(json, BuildControl.class).stops(3)).isTrue();
    BuildControl stop =
        EventJson.read(
            EventJson.write(new BuildControl.StopAttempt(7, 2, "stale attempt")),
            BuildControl.class);
    assertThat(stop.stops(2)).isTrue();
    assertThat(stop.stops(3)).isFalse();
  }

  @Test
  void everyFamilyRoundTrips() {
    var spec =
        new BuildSpec(
            7,
            "hello",
            "alice",
            "hello-copr",
            "epel-9-aarch64",
            "srpms/" + "ab".repeat(32) + ".src.rpm",
            "ab".repeat(32),
            List.of("http://repo/hello/epel-9-aarch64/"));
    List<Event> events =
        List.of(
            new CoprEvent.Created("hello", "alice", List.of("fedora-40-x86_64")),
            new CoprEvent.ChrootsAdded("hello", List.of("epel-9-x86_64")),
            new CoprEvent.ChrootsRemoved("hello", List.of("epel-9-x86_64")),
            new CoprEvent.DependenciesChanged("hello", List.of("base", "tools")),
            new CoprEvent.Deleted("hello"),
            new CoprEvent.PackageDeleted("hello", "hello-copr", List.of(1L, 2L)),
            new CoprEvent.BuildsDeleted("hello", "hello-copr", List.of(3L)),
            new CoprEvent.PublishRequested(
                "hello",
                "epel-9-aarch64",
                "hello-copr",
                7,
                1,
                List.of(
                    new BuildStatus.Artifact(
                        "hello-copr-1.0-1.noarch.rpm",
                        "hello-copr",
                        null,
                        "1.0",
                        "1",
                        "noarch",
                        "ab".repeat(32)))),
            new BuildRequested(spec),
            new BuildDispatch(spec, 1, 3600, "w1", "9b1c"),
            new BuildControl.Cancel(7, "canceled by alice"),
            new BuildControl.StopAttempt(7, 2, "stale attempt"),
            new WorkerHeartbeat(
                "w1",
                "9b1c",
                "aarch64",
                2,
                List.of(new WorkerHeartbeat.Attempt(7, 1)),
                List.of(new WorkerHeartbeat.Attempt(6, 2)),
                false),
            new BuildStatus.Dispatched(7, 1, "aarch64"),
            new BuildStatus.Started(7, 1, "w1", "logs/7/build-1.log"),
            new BuildStatus.Published(7, 1, "hello", "epel-9-aarch64", "repos/hello/x"),
            new BuildStatus.PublishFailed(7, 1, "disk full"),
            new BuildStatus.Failed(7, 3, "worker lost 3 times"),
            new BuildStatus.Canceled(7, 1, "canceled by alice"));

    for (Event event : events) {
      assertThat(EventJson.read(EventJson.write(event), Event.class)).isEqualTo(event);
      assertThat(EventJson.read(EventJson.write(event), event.getClass())).isEqualTo(event);
    }
    assertThat(spec.arch()).isEqualTo("aarch64");
  }

  @Test
  void unknownFieldsAreIgnoredSoProducersMayAddSome() {
    String json =
        "{\"type\":\"canceled\",\"event_id\":\"6f1c1a3e-2b1e-4c1e-9a51-0c6f5b7c2f10\","
            + "\"occurred_at\":\"2026-11-25T01:00:00Z\",\"schema_version\":1,"
            + "\"build_id\":5,\"attempt\":1,\"reason\":\"x\",\"new_field\":true}";
    BuildStatus status = EventJson.read(json, BuildStatus.class);
    assertThat(status).isInstanceOf(BuildStatus.Canceled.class);
    assertThat(status.buildId()).isEqualTo(5);
  }

  @Test
  void garbageAndEventsOfAnotherFamilyAreMalformed() {
    assertThatThrownBy(() -> EventJson.read("not json", BuildStatus.class))
        .isInstanceOf(EventJson.MalformedEventException.class);
    assertThatThrownBy(() -> EventJson.read("", BuildStatus.class))
        .isInstanceOf(EventJson.MalformedEventException.class);
    assertThatThrownBy(() -> EventJson.read("{\"type\":\"nope\"}", BuildStatus.class))
        .isInstanceOf(EventJson.MalformedEventException.class);
    String coprEvent = EventJson.write(new CoprEvent.Deleted("hello"));
    assertThatThrownBy(() -> EventJson.read(coprEvent, BuildStatus.class))
        .isInstanceOf(EventJson.MalformedEventException.class);
  }

  @Test
  void chrootNamesSplitAtTheLastDash() {
    assertThat(Chroot.parse("fedora-40-x86_64")).isEqualTo(new Chroot("fedora-40", "x86_64"));
    assertThat(Chroot.parse("epel-9-aarch64").name()).isEqualTo("epel-9-aarch64");
    assertThatThrownBy(() -> Chroot.parse("fedora")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Chroot.parse("fedora-")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void storagePathsCannotEscapeTheRoot() {
    var layout = new StorageLayout(java.nio.file.Path.of("/srv/copr"));
    assertThat(layout.publishedBuild("hello", "fedora-40-x86_64", 42, "hello-copr"))
        .hasToString("/srv/copr/repos/hello/fedora-40-x86_64/00000042-hello-copr");
    assertThatThrownBy(() -> layout.resolve("../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
