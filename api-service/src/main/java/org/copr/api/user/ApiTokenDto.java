package org.copr.api.user;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** A token as GET /users/me/tokens lists it: never its value, which only its creation shows. */
@RegisterForReflection
public record ApiTokenDto(
    long id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {
  static ApiTokenDto of(ApiToken t) {
    return new ApiTokenDto(t.id, t.name, t.createdAt, t.expiresAt, t.lastUsedAt);
  }
}
