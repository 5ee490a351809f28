package org.copr.repo.build;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.EventJson;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Sends repo-worker's build status events and returns only once Kafka has acknowledged them,
 * retrying through broker outages: a build that was published is always reported.
 */
@ApplicationScoped
public class StatusReporter {
  private static final Logger LOG = Logger.getLogger(StatusReporter.class);
  private static final Duration ACK_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final MutinyEmitter<String> emitter;

  StatusReporter(@Channel("build-status-out") MutinyEmitter<String> emitter) {
    this.emitter = emitter;
  }

  public void report(BuildStatus event) {
    String key = Long.toString(event.buildId());
    String json = EventJson.write(event);
    Duration backoff = Duration.ofMillis(500);
    while (true) {
      try {
        Message<String> message =
            Message.of(
                json,
                Metadata.of(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()));
        emitter.sendMessage(message).await().atMost(ACK_TIMEOUT);
        return;
      } catch (RuntimeException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw new IllegalStateException("interrupted while reporting build " + key, e);
        }
        LOG.warnf(
            "cannot send %s of build %s (%s), retrying in %s",
            event.getClass().getSimpleName(), key, e.getMessage(), backoff);
        sleep(backoff);
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
      }
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reporting a build status", e);
    }
  }
}
