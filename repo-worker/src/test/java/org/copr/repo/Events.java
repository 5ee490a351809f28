package org.copr.repo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.CoprEvent;
import org.copr.contracts.EventJson;
import org.copr.contracts.Topics;
import org.copr.testing.KafkaBroker;
import org.copr.testing.TopicProbe;
import org.copr.testing.TopicSender;

/** Sends events as api-service does, through one producer for the whole JVM. */
public final class Events {
  private static TopicSender sender;

  private Events() {}

  public static String bootstrap() {
    return KafkaBroker.shared().bootstrapServers();
  }

  public static void copr(CoprEvent event) {
    send(Topics.COPRS, event.copr(), EventJson.write(event));
  }

  /** What api-service asks of repo-worker when a build worker reports a build as succeeded. */
  public static void publish(BuildStatus.Finished finished) {
    copr(
        new CoprEvent.PublishRequested(
            finished.copr(),
            finished.chroot(),
            finished.packageName(),
            finished.buildId(),
            finished.attempt(),
            finished.artifacts() == null ? List.of() : finished.artifacts()));
  }

  public static synchronized void send(String topic, String key, String value) {
    if (sender == null) {
      sender = new TopicSender(KafkaBroker.shared().admin());
    }
    sender.send(topic, key, value);
  }

  public static TopicProbe statusProbe() {
    return new TopicProbe(bootstrap(), Topics.BUILDS_STATUS);
  }

  public static BuildStatus.Published awaitPublished(TopicProbe probe, long buildId) {
    return probe.awaitEvent(
        BuildStatus.Published.class, p -> p.buildId() == buildId, Duration.ofSeconds(90));
  }

  public static BuildStatus.Published awaitPublished(TopicProbe probe, long buildId, int attempt) {
    return probe.awaitEvent(
        BuildStatus.Published.class,
        p -> p.buildId() == buildId && p.attempt() == attempt,
        Duration.ofSeconds(90));
  }

  public static BuildStatus.PublishFailed awaitPublishFailed(TopicProbe probe, long buildId) {
    return probe.awaitEvent(
        BuildStatus.PublishFailed.class, p -> p.buildId() == buildId, Duration.ofSeconds(90));
  }

  /** Every readable build status event the probe has seen so far (other tests send garbage). */
  public static List<BuildStatus> statuses(TopicProbe probe) {
    List<BuildStatus> events = new ArrayList<>();
    for (String value : probe.values()) {
      try {
        events.add(EventJson.read(value, BuildStatus.class));
      } catch (EventJson.MalformedEventException e) {
        // not an event: skip it
      }
    }
    return events;
  }

  /** How many events of this type the probe has seen for the build so far. */
  public static long count(TopicProbe probe, Class<? extends BuildStatus> type, long buildId) {
    return statuses(probe).stream()
        .filter(type::isInstance)
        .filter(e -> e.buildId() == buildId)
        .count();
  }
}
