package org.copr.worker.messaging;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.copr.contracts.BuildDispatch;
import org.copr.contracts.Chroot;
import org.copr.contracts.EventJson;
import org.copr.contracts.EventJson.MalformedEventException;
import org.copr.worker.build.Builds;
import org.copr.worker.config.Worker;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code copr.builds.dispatch.<arch>} in the arch's consumer group, one dispatch at a time. A
 * dispatch is acknowledged (its offset committed) as soon as it has a slot; until then it waits
 * here, unacknowledged, so a worker never holds more builds than it has slots. A dispatch that is
 * not one goes to the dead-letter topic.
 */
@ApplicationScoped
public class DispatchConsumer {
  private final Builds builds;
  private final Worker worker;

  public DispatchConsumer(Builds builds, Worker worker) {
    this.builds = builds;
    this.worker = worker;
  }

  @Incoming("dispatch")
  @Blocking
  public CompletionStage<Void> onDispatch(Message<String> message) {
    BuildDispatch dispatch;
    try {
      dispatch = read(message.getPayload());
    } catch (MalformedEventException e) {
      Log.warnf("dispatch sent to the dead-letter topic: %s", e.getMessage());
      return message.nack(e);
    }
    try {
      if (builds.take(dispatch)) {
        return message.ack();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Draining or shutting down: never acknowledged, so the arch's next worker gets it.
    return new CompletableFuture<>();
  }

  BuildDispatch read(String json) {
    BuildDispatch dispatch = EventJson.read(json, BuildDispatch.class);
    var spec = dispatch.build();
    if (spec == null || spec.srpm() == null || spec.chroot() == null || dispatch.attempt() < 1) {
      throw new MalformedEventException(
          "a dispatch needs build.srpm, build.chroot and attempt >= 1");
    }
    String arch;
    try {
      arch = Chroot.parse(spec.chroot()).arch();
    } catch (IllegalArgumentException e) {
      throw new MalformedEventException(e.getMessage(), e);
    }
    if (!arch.equals(worker.arch())) {
      throw new MalformedEventException(
          "build " + spec.buildId() + " is for " + arch + ", this worker builds " + worker.arch());
    }
    return dispatch;
  }
}
