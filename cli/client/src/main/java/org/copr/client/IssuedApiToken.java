package org.copr.client;

import java.time.Instant;

/**
 * A new API token, from {@link CoprClient#apiTokenCreate}: the only time its value, {@code token},
 * is shown (the service keeps a hash of it).
 */
public record IssuedApiToken(
    long id, String name, String username, String token, Instant createdAt, Instant expiresAt) {}
