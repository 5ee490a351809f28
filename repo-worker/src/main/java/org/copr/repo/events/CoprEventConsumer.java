package org.copr.repo.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.copr.contracts.CoprEvent;
import org.copr.contracts.Topics;
import org.copr.repo.repository.CoprRepos;
import org.copr.runtime.inbound.Inbound;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Topic copr.coprs, through runtime's {@link Inbound}. An event only queues its repository changes
 * and returns, so the next events can join the same batch; its message is acknowledged (and its
 * offset may be committed) once the changes are made. Unreadable events and failed changes go to
 * the dead-letter topic.
 */
@ApplicationScoped
public class CoprEventConsumer {
  private static final Logger LOG = Logger.getLogger(CoprEventConsumer.class);

  private final Inbound inbound;
  private final CoprRepos repos;

  CoprEventConsumer(Inbound inbound, CoprRepos repos) {
    this.inbound = inbound;
    this.repos = repos;
  }

  @Incoming(Topics.COPRS)
  public CompletionStage<Void> onEvent(Message<String> message) {
    return inbound.start(message, CoprEvent.class, this::apply);
  }

  private CompletionStage<Void> apply(CoprEvent event) {
    LOG.infof("copr %s: %s", event.copr(), event.getClass().getSimpleName());
    return repos.apply(event);
  }
}
