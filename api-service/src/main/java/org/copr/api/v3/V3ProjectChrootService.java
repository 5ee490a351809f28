package org.copr.api.v3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import org.copr.api.copr.Copr;
import org.copr.api.copr.RepoUrls;
import org.copr.api.error.ApiException;
import org.copr.api.user.Caller;

/** API v3's project chroots: a copr's {@code <release>-<arch>}, with no settings of their own. */
@ApplicationScoped
public class V3ProjectChrootService {
  private final V3Coprs coprs;
  private final RepoUrls repoUrls;
  private final Caller caller;

  V3ProjectChrootService(V3Coprs coprs, RepoUrls repoUrls, Caller caller) {
    this.coprs = coprs;
    this.repoUrls = repoUrls;
    this.caller = caller;
  }

  @Transactional
  public V3ProjectChroot.Settings get(String ownername, String projectname, String chrootname) {
    Copr copr = coprs.require(ownername, projectname);
    return settings(copr, chroot(copr, chrootname));
  }

  @Transactional
  public V3ProjectChroot.BuildConfig buildConfig(
      String ownername, String projectname, String chrootname) {
    Copr copr = coprs.require(ownername, projectname);
    String chroot = chroot(copr, chrootname);
    List<V3ProjectChroot.Repo> repos = new ArrayList<>();
    repos.add(
        new V3ProjectChroot.Repo(
            repoUrls.chroot(copr.name, chroot),
            "copr_base",
            "Copr repository",
            false,
            null,
            false));
    List<String> additional = new ArrayList<>();
    for (Copr d : repoUrls.dependenciesFor(copr, chroot)) {
      String url = repoUrls.chroot(d.name, chroot);
      String id = "copr_" + d.owner.username + "_" + d.name;
      repos.add(new V3ProjectChroot.Repo(url, id, "Additional repo " + id, false, null, false));
      additional.add(url);
    }
    return new V3ProjectChroot.BuildConfig(
        chroot, repos, additional, List.of(), List.of(), List.of(), List.of(), false, "default");
  }

  @Transactional
  public V3ProjectChroot.Settings edit(
      String ownername, String projectname, String chrootname, V3ChrootEdit body, boolean comps) {
    var me = caller.require();
    Copr copr = coprs.require(ownername, projectname);
    if (!copr.canManage(me)) {
      throw ApiException.forbidden(V3ProjectService.NOT_MANAGER);
    }
    String chroot = chroot(copr, chrootname);
    body.check(comps);
    return settings(copr, chroot);
  }

  private static String chroot(Copr copr, String chrootname) {
    if (chrootname == null || chrootname.isBlank()) {
      throw V3Coprs.missing("chrootname");
    }
    if (!copr.chroots().contains(chrootname)) {
      throw ApiException.notFound(
          "Chroot name "
              + chrootname
              + " does not exist in Copr "
              + copr.owner.username
              + "/"
              + copr.name
              + ".");
    }
    return chrootname;
  }

  private static V3ProjectChroot.Settings settings(Copr copr, String chroot) {
    return new V3ProjectChroot.Settings(
        chroot,
        copr.owner.username,
        copr.name,
        null,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        null,
        "default");
  }
}
