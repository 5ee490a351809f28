package org.copr.repo.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.copr.contracts.CoprEvent;
import org.copr.contracts.EventJson;
import org.copr.repo.repository.CoprRepos;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Topic copr.coprs. A message is acknowledged (and its offset may be committed) only once its
 * repositories are changed; unreadable events and failed changes go to the dead-letter topic.
 */
@ApplicationScoped
public class CoprEventConsumer {
  private static final Logger LOG = Logger.getLogger(CoprEventConsumer.class);

  private final CoprRepos repos;

  CoprEventConsumer(CoprRepos repos) {
    this.repos = repos;
  }

  @Incoming("coprs")
  public CompletionStage<Void> onEvent(Message<String> message) {
    CompletableFuture<Void> done;
    try {
      CoprEvent event = EventJson.read(message.getPayload(), CoprEvent.class);
      LOG.infof("copr %s: %s", event.copr(), event.getClass().getSimpleName());
      done = repos.apply(event);
    } catch (RuntimeException e) {
      LOG.warnf("rejecting a copr event: %s", e.getMessage());
      return message.nack(e);
    }
    Acks.whenDone(message, done);
    // Returning at once lets the next events queue up behind this one and share its batch.
    return CompletableFuture.completedFuture(null);
  }
}
