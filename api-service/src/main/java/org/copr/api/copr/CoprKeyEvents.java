package org.copr.api.copr;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.copr.contracts.SigningKey;
import org.copr.contracts.Topics;
import org.copr.runtime.inbound.Inbound;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Records the fingerprints repo-worker announces on {@value Topics#COPR_KEYS} (made or extended
 * keys), which {@code GET /coprs/{copr}} shows. Keyed by copr, so a copr's announcements come in
 * the order they were made; one for a copr that no longer exists changes nothing. Through runtime's
 * {@link Inbound}: an unreadable one goes to the dead letters, and one that cannot be recorded yet
 * (the database is away) is retried, each try in a new transaction.
 */
@ApplicationScoped
public class CoprKeyEvents {
  private static final Logger LOG = Logger.getLogger(CoprKeyEvents.class);

  private final Inbound inbound;

  CoprKeyEvents(Inbound inbound) {
    this.inbound = inbound;
  }

  @Incoming(Topics.COPR_KEYS)
  @Blocking
  public CompletionStage<Void> onMessage(Message<String> message) {
    return inbound.applyInTransaction(message, SigningKey.class, CoprKeyEvents::record);
  }

  private static void record(SigningKey key) {
    Copr.byName(key.copr())
        .ifPresentOrElse(
            copr -> {
              copr.signingKeyFingerprint = key.fingerprint();
              copr.signingKeyExpiresAt = key.expiresAt();
              LOG.infof("copr %s signs with key %s", copr.name, key.fingerprint());
            },
            () -> LOG.debugf("signing key of copr %s, which does not exist, ignored", key.copr()));
  }
}
