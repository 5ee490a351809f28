package org.copr.scheduler;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.copr.contracts.BuildControl;
import org.copr.contracts.BuildRequested;
import org.copr.contracts.BuildSpec;
import org.copr.contracts.Event;
import org.copr.contracts.Topics;
import org.copr.testing.KafkaBroker;
import org.copr.testing.TopicProbe;
import org.copr.testing.TopicSender;

/** What the tests send to the test broker, as api-service and the workers would. */
final class Kafka {
  private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() * 1000);
  private static TopicSender sender;
  private static final java.util.Map<Long, BuildSpec> SPECS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private Kafka() {}

  static String servers() {
    return KafkaBroker.shared().bootstrapServers();
  }

  static TopicProbe probe(String topic) {
    return new TopicProbe(servers(), topic);
  }

  /**
   * The dispatches to the stand-in workers of {@code arch} (each worker has a dispatch topic of its
   * own), including those of stand-ins made after the probe.
   */
  static TopicProbe dispatches(String arch) {
    return new TopicProbe(
        servers(),
        java.util.regex.Pattern.compile(
            java.util.regex.Pattern.quote(Topics.WORKER_PREFIX + WorkerStandIn.prefix(arch))
                + "[0-9]+"
                + java.util.regex.Pattern.quote(Topics.DISPATCH_SUFFIX)));
  }

  /** api-service asks for a build of a package of the owner's copr for the chroot. */
  static long request(String owner, String chroot) {
    BuildRequested request = requestOf(owner, chroot);
    send(Topics.BUILDS_REQUESTED, request.build().buildId(), request);
    return request.build().buildId();
  }

  /** As {@link #request(String, String)}, with the build's own timeout. */
  static long request(String owner, String chroot, long timeoutSeconds) {
    BuildRequested request =
        new BuildRequested(requestOf(owner, chroot).build(), timeoutSeconds, null);
    send(Topics.BUILDS_REQUESTED, request.build().buildId(), request);
    return request.build().buildId();
  }

  static BuildRequested requestOf(String owner, String chroot) {
    long id = IDS.incrementAndGet();
    String sha256 = String.format("%064x", id);
    String srpm = "srpms/" + sha256 + ".src.rpm";
    BuildSpec spec =
        new BuildSpec(id, owner + "-copr", owner, "pkg-" + id, chroot, srpm, sha256, List.of());
    SPECS.put(id, spec);
    return new BuildRequested(spec);
  }

  /** The spec of a build the tests requested, as the worker that builds it knows it. */
  static BuildSpec spec(long buildId) {
    return SPECS.get(buildId);
  }

  static void cancel(long buildId) {
    send(Topics.BUILDS_CONTROL, buildId, new BuildControl.Cancel(buildId, "canceled by its owner"));
  }

  static synchronized void send(String topic, Object key, Event event) {
    if (sender == null) {
      sender = new TopicSender(KafkaBroker.shared().admin());
    }
    sender.send(topic, key.toString(), event);
  }
}
