package org.copr.contracts;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * Topic {@link Topics#COPR_KEYS}, keyed by copr name, from repo-worker (which alone holds the
 * private keys): the copr's signing key was made or extended. Only public facts: the OpenPGP
 * fingerprint (40 upper-case hex digits) and when the key expires.
 */
@JsonTypeName("signing_key")
@RegisterForReflection
public record SigningKey(String copr, String fingerprint, Instant expiresAt) implements Event {}
