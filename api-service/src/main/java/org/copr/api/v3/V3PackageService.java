package org.copr.api.v3;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.copr.api.build.CoprPackage;
import org.copr.api.build.PackageService;
import org.copr.api.build.Submission;
import org.copr.api.copr.Copr;
import org.copr.api.error.ApiException;
import org.copr.api.user.Caller;
import org.copr.contracts.rest.BuildState;

/** API v3's packages over ours: each made by an upload, so its source type is {@code upload}. */
@ApplicationScoped
public class V3PackageService {
  static final Set<String> SOURCE_TYPES = Set.of("scm", "pypi", "rubygems", "custom", "distgit");

  private final V3Coprs coprs;
  private final V3BuildViews views;
  private final PackageService packages;
  private final Caller caller;

  V3PackageService(V3Coprs coprs, V3BuildViews views, PackageService packages, Caller caller) {
    this.coprs = coprs;
    this.views = views;
    this.packages = packages;
    this.caller = caller;
  }

  /** Which latest builds to show with each package. */
  public record Shown(boolean latest, boolean latestSucceeded) {}

  @Transactional
  public V3Package get(String ownername, String projectname, String name, Shown shown) {
    Copr copr = coprs.require(ownername, projectname);
    return views(List.of(require(copr, projectname, name)), shown).get(0);
  }

  @Transactional
  public V3List<V3Package> list(
      String ownername, String projectname, Shown shown, V3Paging paging) {
    Copr copr = coprs.require(ownername, projectname);
    if (paging.rows() == 0) {
      return new V3List<>(List.of(), paging.meta());
    }
    List<CoprPackage> page =
        CoprPackage.<CoprPackage>find(
                "copr = ?1 order by " + paging.order() + (paging.descending() ? " desc" : " asc"),
                copr)
            .range(paging.offset(), paging.offset() + paging.rows() - 1)
            .list();
    return new V3List<>(views(page, shown), paging.meta());
  }

  /** Adding or editing a package names a source; only uploads exist here, and they need none. */
  @Transactional
  public V3Package refuseSource(
      String ownername, String projectname, String name, String sourceType) {
    coprs.require(ownername, projectname);
    if (!SOURCE_TYPES.contains(sourceType)) {
      throw ApiException.badRequest("Unsupported package source type " + sourceType);
    }
    throw ApiException.badRequest(
        "Packages with source type "
            + sourceType
            + " are not available here yet: a package is made by uploading its SRPM"
            + " (copr-cli build <project> <file.src.rpm>)");
  }

  /** Resets a package's default source: an uploaded package has none, so it stays as it is. */
  @Transactional
  public V3Package reset(V3PackageRef ref) {
    Copr copr = coprs.require(ref.ownername(), ref.projectname());
    CoprPackage pkg = require(copr, ref.projectname(), ref.packageName());
    if (!copr.canManage(caller.require())) {
      throw ApiException.forbidden("You are not allowed to add or edit packages in this copr.");
    }
    return views(List.of(pkg), new Shown(false, false)).get(0);
  }

  /** Our package delete (its builds and published RPMs go too); the package as it was. */
  public V3Package delete(V3PackageRef ref) {
    V3Package before =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    get(
                        ref.ownername(),
                        ref.projectname(),
                        ref.packageName(),
                        new Shown(false, false)));
    packages.delete(ref.projectname(), ref.packageName());
    return before;
  }

  private static CoprPackage require(Copr copr, String projectname, String name) {
    if (name == null || name.isBlank()) {
      throw V3Coprs.missing("packagename");
    }
    return CoprPackage.find(copr, name)
        .orElseThrow(
            () ->
                ApiException.notFound("No package with name " + name + " in copr " + projectname));
  }

  private List<V3Package> views(List<CoprPackage> pkgs, Shown shown) {
    if (pkgs.isEmpty()) {
      return List.of();
    }
    Map<Long, V3Build> latest = shown.latest() ? latest(pkgs, false) : Map.of();
    Map<Long, V3Build> succeeded = shown.latestSucceeded() ? latest(pkgs, true) : Map.of();
    return pkgs.stream()
        .map(
            p ->
                new V3Package(
                    p.id,
                    p.name,
                    p.copr.owner.username,
                    p.copr.name,
                    "upload",
                    Map.of(),
                    false,
                    new V3Package.Builds(latest.get(p.id), succeeded.get(p.id))))
        .toList();
  }

  /**
   * The newest submission of each package; with {@code succeeded}, the newest whose build-chroots
   * all succeeded (the v3 build state succeeded).
   */
  private Map<Long, V3Build> latest(List<CoprPackage> pkgs, boolean succeeded) {
    List<Submission> found =
        Submission.list(
            "id in (select max(s.id) from Submission s where s.pkg in ?1"
                + (succeeded
                    ? " and not exists (select b from Build b where b.submission = s"
                        + " and b.state <> ?2)"
                    : "")
                + " group by s.pkg.id)",
            succeeded ? new Object[] {pkgs, BuildState.SUCCEEDED} : new Object[] {pkgs});
    Map<Long, V3Build> byPackage = new HashMap<>();
    List<V3Build> built = views.builds(found);
    for (int i = 0; i < found.size(); i++) {
      byPackage.put(found.get(i).pkg.id, built.get(i));
    }
    return byPackage;
  }
}
