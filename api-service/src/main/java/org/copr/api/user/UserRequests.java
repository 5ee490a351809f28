package org.copr.api.user;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Bodies of the user routes besides POST /users. */
public final class UserRequests {
  private UserRequests() {}

  /** PUT /users/me/password: only the current password may change it. */
  @RegisterForReflection
  public record PasswordChange(String currentPassword, String newPassword) {}

  /** PUT /users/{username}, site admins only: a null field stays as it is. */
  @RegisterForReflection
  public record UserUpdate(Boolean disabled) {}
}
