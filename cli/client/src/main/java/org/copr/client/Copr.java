package org.copr.client;

import java.time.Instant;
import java.util.List;

/**
 * A copr: a named group of package repositories, one per chroot ({@code <release>-<arch>}).
 *
 * @param timeout seconds one of its builds may run, unless the build was asked with its own
 * @param permissions the users other than the owner who may build in it or administer it
 * @param gpgFingerprint the fingerprint of the key its packages are signed with; null until
 *     repo-worker made the key, moments after the copr
 */
public record Copr(
    String name,
    String owner,
    String description,
    List<String> releases,
    List<String> arches,
    List<String> chroots,
    List<String> dependencies,
    int timeout,
    List<Permission> permissions,
    Instant createdAt,
    String gpgFingerprint) {

  /** One user's permission on a copr: {@code builder} or {@code admin}. */
  public record Permission(String username, String permission) {}
}
