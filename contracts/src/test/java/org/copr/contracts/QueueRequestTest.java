package org.copr.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.copr.contracts.EventJson.MalformedEventException;
import org.junit.jupiter.api.Test;

/** The requested topic's two events: a request that may wait for a batch, and its release. */
class QueueRequestTest {
  private static final String SHA = "ab".repeat(32);
  private static final BuildSpec SPEC =
      new BuildSpec(
          12,
          "hello",
          "alice",
          "hello",
          "fedora-40-x86_64",
          "srpms/" + SHA + ".src.rpm",
          SHA,
          List.of());

  @Test
  void aBlockedRequestAndItsReleaseReadBackAsTheTopicsFamily() {
    var blocked = new BuildRequested(SPEC, 0, 7L);
    String json = EventJson.write(blocked);
    assertThat(json).contains("\"type\":\"build_requested\"", "\"blocked_by_batch\":7");
    assertThat(EventJson.read(json, QueueRequest.class)).isEqualTo(blocked);

    var released = new BuildReleased(12, 7);
    String releasedJson = EventJson.write(released);
    assertThat(releasedJson).contains("\"type\":\"build_released\"", "\"batch_id\":7");
    assertThat(EventJson.read(releasedJson, QueueRequest.class)).isEqualTo(released);
    assertThat(EventJson.read(releasedJson, QueueRequest.class).buildId()).isEqualTo(12);
  }

  @Test
  void aRequestWithoutTheFieldIsNotBlocked() {
    String before =
        EventJson.write(new BuildRequested(SPEC)).replace(",\"blocked_by_batch\":null", "");
    assertThat(before).doesNotContain("blocked_by_batch");
    assertThat(((BuildRequested) EventJson.read(before, QueueRequest.class)).blockedByBatch())
        .isNull();
  }

  @Test
  void batchIdsArePositive() {
    for (Event bad : List.<Event>of(new BuildRequested(SPEC, 0, 0L), new BuildReleased(12, 0))) {
      String json = EventJson.write(bad);
      assertThatThrownBy(() -> EventJson.read(json, QueueRequest.class))
          .isInstanceOf(MalformedEventException.class)
          .hasMessageContaining("batch");
    }
    String noBuild = EventJson.write(new BuildReleased(0, 3));
    assertThatThrownBy(() -> EventJson.read(noBuild, QueueRequest.class))
        .isInstanceOf(MalformedEventException.class);
  }
}
