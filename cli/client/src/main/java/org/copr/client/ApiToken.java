package org.copr.client;

import java.time.Instant;

/** An API token as the service lists it: never its value, which only its creation shows. */
public record ApiToken(
    long id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {}
