package org.copr.worker.messaging;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.EventJson;
import org.copr.contracts.Topics;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends build status events to {@link Topics#BUILDS_STATUS}, keyed by build id, and does not return
 * before the broker has them: a status that is lost would leave a build running forever in the
 * API's eyes. While the broker is away it keeps trying; consumers drop the duplicates this may
 * make.
 */
@ApplicationScoped
public class StatusSender {
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration LAST_RETRY = Duration.ofSeconds(30);

  private final MutinyEmitter<String> emitter;

  public StatusSender(@Channel("status") MutinyEmitter<String> emitter) {
    this.emitter = emitter;
  }

  public void send(BuildStatus event) {
    String json = EventJson.write(event);
    Duration wait = FIRST_RETRY;
    while (true) {
      try {
        // The producer reports a failure at the latest after its delivery.timeout.ms.
        emitter.sendMessageAndAwait(keyed(event.buildId(), json));
        return;
      } catch (RuntimeException e) {
        Log.warnf(
            "build %d attempt %d: %s not sent (%s), retrying in %s",
            event.buildId(), event.attempt(), type(event), e.getMessage(), wait);
      }
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        Log.errorf("build %d: interrupted, %s is lost: %s", event.buildId(), type(event), json);
        return;
      }
      wait = wait.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait.multipliedBy(2);
    }
  }

  static Message<String> keyed(Object key, String json) {
    return Message.of(json)
        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key.toString()).build());
  }

  private static String type(BuildStatus event) {
    return event.getClass().getSimpleName().toLowerCase();
  }
}
