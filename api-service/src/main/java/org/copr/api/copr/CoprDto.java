package org.copr.api.copr;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A copr as the API shows it. {@code gpg_fingerprint} is its signing key's fingerprint, null until
 * repo-worker has made the key (moments after the copr is created).
 */
@RegisterForReflection
public record CoprDto(
    String name,
    String owner,
    String description,
    List<String> releases,
    List<String> arches,
    List<String> chroots,
    List<String> dependencies,
    int timeout,
    List<PermissionDto> permissions,
    Instant createdAt,
    String gpgFingerprint) {

  @RegisterForReflection
  public record PermissionDto(String username, String permission) {}

  static CoprDto of(Copr c) {
    return new CoprDto(
        c.name,
        c.owner.username,
        c.description,
        c.releases.stream().sorted().toList(),
        c.arches.stream().sorted().toList(),
        List.copyOf(c.chroots()),
        c.dependencies.stream().map(d -> d.name).sorted().toList(),
        c.timeout,
        c.permissions.stream()
            .sorted(Comparator.comparing(p -> p.user.username))
            .map(p -> new PermissionDto(p.user.username, p.permission.wire()))
            .toList(),
        c.createdAt,
        c.signingKeyFingerprint);
  }
}
