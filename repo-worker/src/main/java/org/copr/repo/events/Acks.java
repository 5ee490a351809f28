package org.copr.repo.events;

import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Acknowledges a message when the work it started is done, or sends it to the dead letters. */
final class Acks {
  private Acks() {}

  static void whenDone(Message<?> message, CompletableFuture<Void> work) {
    work.whenComplete(
        (ok, failure) -> {
          if (failure == null) {
            message.ack();
          } else {
            message.nack(failure);
          }
        });
  }
}
