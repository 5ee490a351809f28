package org.copr.api.copr;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.copr.api.ApiConfig;

/** URLs of the repositories repo-worker serves under {@code copr.api.repo.base-url}. */
@ApplicationScoped
public class RepoUrls {
  private final String base;

  @Inject
  RepoUrls(ApiConfig config) {
    base = config.repo().baseUrl().replaceAll("/+$", "");
  }

  /** The folder of all the copr's repositories. */
  public String copr(String copr) {
    return base + "/" + copr;
  }

  public String chroot(String copr, String chroot) {
    return base + "/" + copr + "/" + chroot + "/";
  }

  /** For .repo files: dnf puts the machine's architecture in place of {@code $basearch}. */
  public String basearch(String copr, String release) {
    return base + "/" + copr + "/" + release + "-$basearch/";
  }

  /** The copr's public signing key, which repo-worker publishes beside its repositories. */
  public String publicKey(String copr) {
    return base + "/" + copr + "/pubkey.gpg";
  }

  /**
   * The repositories a build of {@code copr} in {@code chroot} sees: its own and those of each
   * dependency that has that chroot (a dependency without it has no such repository).
   */
  public List<String> forBuild(Copr copr, String chroot) {
    List<String> urls = new ArrayList<>();
    urls.add(chroot(copr.name, chroot));
    dependenciesFor(copr, chroot).forEach(d -> urls.add(chroot(d.name, chroot)));
    return urls;
  }

  /** The dependencies whose repositories a build in {@code chroot} sees, in that order. */
  public List<Copr> dependenciesFor(Copr copr, String chroot) {
    return copr.dependencies.stream()
        .filter(d -> d.chroots().contains(chroot))
        .sorted(Comparator.comparing(d -> d.name))
        .toList();
  }
}
