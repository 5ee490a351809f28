package org.copr.api.user;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

@RegisterForReflection
public record UserDto(String username, boolean admin, boolean disabled, Instant createdAt) {
  static UserDto of(User u) {
    return new UserDto(u.username, u.admin(), u.disabled, u.createdAt);
  }
}
