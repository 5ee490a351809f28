package org.copr.api.v3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.regex.Pattern;
import org.copr.api.copr.Copr;
import org.copr.api.copr.CoprService;
import org.copr.api.copr.RepoNaming;
import org.copr.api.error.ApiException;

/**
 * The .repo files dnf's copr plugin ({@code dnf copr enable owner/project chroot}) downloads, named
 * as Fedora names them: the plugin stores the file under its first section's id, {@code
 * copr:<host>:<owner>:<project>}, and finds it again by the host it was told (without the port).
 */
@ApplicationScoped
public class V3DnfRepos {
  private static final Pattern ARCH = Pattern.compile("[A-Za-z0-9_]{1,32}");

  private final V3Coprs coprs;
  private final CoprService coprService;

  V3DnfRepos(V3Coprs coprs, CoprService coprService) {
    this.coprs = coprs;
    this.coprService = coprService;
  }

  /** A chroot the project does not build for: the plugin lists the ones it has. */
  public static final class NoSuchChroot extends ApiException {
    private final List<String> available;

    NoSuchChroot(String detail, List<String> available) {
      super(404, "not_found", detail);
      this.available = available;
    }

    public List<String> available() {
      return available;
    }
  }

  /**
   * The repo file of {@code owner/project} for {@code release} ({@code fedora-40}); {@code arch},
   * when given, must be one the project builds for. {@code host} is the host the client asked.
   */
  @Transactional
  public String repoFile(String owner, String project, String release, String arch, String host) {
    Copr copr = coprs.require(owner, project);
    boolean archKnown =
        arch == null || (ARCH.matcher(arch).matches() && copr.arches.contains(arch));
    if (!copr.releases.contains(release) || !archKnown) {
      String asked = arch == null || !ARCH.matcher(arch).matches() ? release : release + "-" + arch;
      throw new NoSuchChroot(
          "Chroot "
              + (asked.length() > 80 ? asked.substring(0, 80) + "..." : asked)
              + " does not exist in "
              + owner
              + "/"
              + project
              + "; it has "
              + copr.chroots(),
          List.copyOf(copr.chroots()));
    }
    return coprService.repoFile(copr, release, new FedoraNaming(hostname(host)));
  }

  /** The host as the repo id carries it: Fedora's drops the port; anything odd becomes _. */
  static String hostname(String host) {
    String h = host == null || host.isBlank() ? "localhost" : host;
    if (h.startsWith("[")) {
      return h.substring(1, Math.max(1, h.indexOf(']'))).replaceAll("[^A-Za-z0-9.-]", "_");
    }
    int colon = h.indexOf(':');
    return (colon < 0 ? h : h.substring(0, colon)).replaceAll("[^A-Za-z0-9.-]", "_");
  }

  private record FedoraNaming(String host) implements RepoNaming {
    @Override
    public Section section(Copr copr, Copr root, int dependency, String release) {
      String owner = copr.owner.username;
      if (dependency == 0) {
        return new Section(
            "copr:" + host + ":" + owner + ":" + copr.name,
            "Copr repo for " + copr.name + " owned by " + owner);
      }
      return new Section(
          "coprdep:" + host + ":" + owner + ":" + copr.name,
          "Copr "
              + host
              + "/"
              + root.owner.username
              + "/"
              + root.name
              + " runtime dependency #"
              + dependency
              + " - "
              + owner
              + "/"
              + copr.name);
    }

    @Override
    public List<String> extraLines() {
      return List.of(
          "type=rpm-md", "skip_if_unavailable=True", "repo_gpgcheck=0", "enabled_metadata=1");
    }
  }
}
