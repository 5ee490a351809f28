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
            120);

    String json = EventJson.write(finished);

    assertThat(json)
        .contains("\"type\":\"finished\"")
        .contains("\"event_id\":\"" + finished.eventId() + "\"")
        .contains("\"schema_version\":1")
        .contains("\"occurred_at\":\"")
        .contains("\"build_id\":42")
        .contains("\"package_name\":\"hello-copr\"");
    assertThat(EventJson.read(json, BuildStatus.class)).isEqualTo(finished);
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
            new CancelBuild(7, 0, "canceled by alice"),
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
