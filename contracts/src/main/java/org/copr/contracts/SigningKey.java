package org.copr.contracts;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/**
 * Topic {@link Topics#COPR_KEYS}, keyed by copr name, from repo-worker (which alone holds the
 * private keys): the copr's signing key was made or extended. Only public facts: the OpenPGP
 * fingerprint (40 upper-case hex digits) and when the key expires.
 */
@JsonTypeName("signing_key")
@RegisterForReflection
public record SigningKey(
    UUID eventId,
    Instant occurredAt,
    int schemaVersion,
    String copr,
    String fingerprint,
    Instant expiresAt)
    implements Event {
  public SigningKey(String copr, String fingerprint, Instant expiresAt) {
    this(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, copr, fingerprint, expiresAt);
  }
}
