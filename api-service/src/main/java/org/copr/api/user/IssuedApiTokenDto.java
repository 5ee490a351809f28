package org.copr.api.user;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** The answer to POST /users/me/tokens: the only time the token's value is shown. */
@RegisterForReflection
public record IssuedApiTokenDto(
    long id, String name, String username, String token, Instant createdAt, Instant expiresAt) {}
