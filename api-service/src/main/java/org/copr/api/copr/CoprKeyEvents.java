package org.copr.api.copr;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.copr.contracts.EventJson;
import org.copr.contracts.SigningKey;
import org.copr.contracts.Topics;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Records the fingerprints repo-worker announces on {@value Topics#COPR_KEYS} (made or extended
 * keys), which {@code GET /coprs/{copr}} shows. Keyed by copr, so a copr's announcements come in
 * the order they were made; one for a copr that no longer exists changes nothing, and an unreadable
 * one goes to the dead letters.
 */
@ApplicationScoped
public class CoprKeyEvents {
  private static final Logger LOG = Logger.getLogger(CoprKeyEvents.class);

  @Incoming("copr-keys")
  @Blocking
  @Transactional
  public void onMessage(String json) {
    SigningKey key = EventJson.read(json, SigningKey.class);
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
