package org.copr.api.user;

/** Who logged in with HTTP Basic, and with which API token (null: with the password). */
public record Login(User user, Long tokenId) {
  public boolean byToken() {
    return tokenId != null;
  }
}
