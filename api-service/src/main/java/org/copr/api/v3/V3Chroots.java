package org.copr.api.v3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.copr.api.ApiConfig;
import org.copr.api.copr.Copr;
import org.copr.api.copr.RepoUrls;
import org.copr.api.error.ApiException;
import org.copr.contracts.Chroot;
import org.copr.contracts.NameRules;

/**
 * A v3 project names its chroots one by one; a copr here has releases and arches and builds every
 * release for every arch. A list of chroots is accepted when it is such a product.
 */
@ApplicationScoped
public class V3Chroots {
  private final ApiConfig config;
  private final RepoUrls repoUrls;

  V3Chroots(ApiConfig config, RepoUrls repoUrls) {
    this.config = config;
    this.repoUrls = repoUrls;
  }

  /** The releases and arches whose product is exactly {@code chroots}. */
  public record Product(List<String> releases, List<String> arches) {}

  public Product product(List<String> chroots) {
    if (chroots.isEmpty()) {
      throw ApiException.badRequest("chroots: At least one chroot must be selected");
    }
    SortedSet<String> wanted = new TreeSet<>();
    SortedSet<String> releases = new TreeSet<>();
    SortedSet<String> arches = new TreeSet<>();
    for (String name : chroots) {
      Chroot chroot = parse(name);
      wanted.add(chroot.name());
      releases.add(chroot.release());
      arches.add(chroot.arch());
    }
    List<String> missing = new ArrayList<>();
    for (String release : releases) {
      for (String arch : arches) {
        if (!wanted.contains(new Chroot(release, arch).name())) {
          missing.add(new Chroot(release, arch).name());
        }
      }
    }
    if (!missing.isEmpty()) {
      throw ApiException.badRequest(
          "chroots: a project in this Copr builds each of its releases for each of its"
              + " architectures (its chroots are releases × arches, named <release>-<arch>); "
              + wanted
              + " is not such a set: add "
              + missing
              + " or drop the chroots of a release or an arch");
    }
    return new Product(List.copyOf(releases), List.copyOf(arches));
  }

  /** A chroot this Copr can build: a well-formed release and a configured arch. */
  public Chroot parse(String name) {
    int dash = name == null ? -1 : name.lastIndexOf('-');
    if (dash <= 0
        || !NameRules.release(name.substring(0, dash))
        || !config.arches().contains(name.substring(dash + 1))) {
      throw ApiException.badRequest("Unexpected chroot: " + name);
    }
    return Chroot.parse(name);
  }

  /** Every chroot this Copr offers: the offered and used releases times the configured arches. */
  @Transactional
  public Map<String, String> offered() {
    SortedSet<String> releases = new TreeSet<>(config.offeredReleases());
    releases.addAll(Copr.releasesInUse());
    Map<String, String> chroots = new TreeMap<>();
    for (String release : releases) {
      for (String arch : config.arches()) {
        chroots.put(new Chroot(release, arch).name(), "");
      }
    }
    return chroots;
  }

  /** Each chroot of the copr and the URL of its repository. */
  public Map<String, String> repos(Copr copr) {
    Map<String, String> repos = new TreeMap<>();
    for (String chroot : copr.chroots()) {
      repos.put(chroot, repoUrls.chroot(copr.name, chroot));
    }
    return repos;
  }
}
