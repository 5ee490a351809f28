package org.copr.api.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.copr.api.PageRequest;
import org.copr.api.build.BuildDto;
import org.copr.api.build.BuildService;
import org.copr.api.build.PackageDto;
import org.copr.api.build.PackageService;
import org.copr.api.copr.CoprDto;
import org.copr.api.copr.CoprService;
import org.copr.api.copr.RepoUrls;
import org.copr.api.web.WebQueries.Access;
import org.copr.contracts.rest.BuildState;
import org.copr.contracts.rest.Page;

/** What anyone may read of a copr: overview, builds, packages and one package. */
@Path("/copr/{copr}")
@Produces(MediaType.TEXT_HTML)
public class CoprPages {
  static final int MATRIX_PACKAGES = 25;
  static final int PER_PAGE = 50;
  static final List<String> STATES =
      Arrays.stream(BuildState.values()).map(BuildState::wire).toList();

  private final Pages pages;
  private final Visitor visitor;
  private final WebQueries queries;
  private final CoprService coprs;
  private final PackageService packages;
  private final BuildService builds;
  private final RepoUrls repos;

  CoprPages(
      Pages pages,
      Visitor visitor,
      WebQueries queries,
      CoprService coprs,
      PackageService packages,
      BuildService builds,
      RepoUrls repos) {
    this.repos = repos;
    this.pages = pages;
    this.visitor = visitor;
    this.queries = queries;
    this.coprs = coprs;
    this.packages = packages;
    this.builds = builds;
  }

  /** How to install from the copr on one release: the .repo file and the two commands. */
  public record Install(String release, String repoUrl, String addRepo, String install) {}

  /** One package's row of the state matrix: its newest build in each of the copr's chroots. */
  public record MatrixRow(String pkg, String evr, List<BuildDto> cells) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance overview(
        Visit visit,
        CoprDto copr,
        Access access,
        List<Install> installs,
        List<MatrixRow> matrix,
        long packageCount,
        KeyCheck key);

    static native TemplateInstance builds(
        Visit visit,
        CoprDto copr,
        Access access,
        Page<BuildDto> builds,
        String pkg,
        String state,
        List<String> states,
        Paging paging);

    static native TemplateInstance packages(
        Visit visit, CoprDto copr, Access access, List<MatrixRow> matrix, Paging paging);

    static native TemplateInstance pkg(
        Visit visit, CoprDto copr, Access access, PackageDto pkg, List<BuildDto> builds);
  }

  @GET
  public Response overview(@PathParam("copr") String name, @Context UriInfo uri) {
    return pages.show(
        () -> {
          CoprDto copr = coprs.get(name);
          Page<PackageDto> first =
              packages.list(name, PageRequest.of(Integer.toString(MATRIX_PACKAGES), "0"));
          String example = first.items().isEmpty() ? "PACKAGE" : first.items().get(0).name();
          String base = uri.getBaseUri().toString().replaceAll("/+$", "");
          List<Install> installs =
              copr.releases().stream()
                  .map(
                      release -> {
                        String url = base + "/coprs/" + copr.name() + "/repo/" + release + ".repo";
                        return new Install(
                            release,
                            url,
                            "sudo curl -fsSL -o /etc/yum.repos.d/copr-"
                                + copr.name()
                                + ".repo "
                                + url,
                            "sudo dnf install " + example);
                      })
                  .toList();
          return Templates.overview(
              visitor.visit(),
              copr,
              queries.access(name),
              installs,
              matrix(copr, first.items()),
              first.total(),
              KeyCheck.of(copr.gpgFingerprint(), repos.publicKey(copr.name())));
        });
  }

  @GET
  @Path("builds")
  public Response builds(
      @PathParam("copr") String name,
      @QueryParam("package") String pkg,
      @QueryParam("state") String state,
      @QueryParam("offset") String offset) {
    return pages.show(
        () -> {
          CoprDto copr = coprs.get(name);
          Page<BuildDto> page =
              builds.list(name, pkg, state, PageRequest.of(Integer.toString(PER_PAGE), offset));
          return Templates.builds(
              visitor.visit(),
              copr,
              queries.access(name),
              page,
              pkg == null ? "" : pkg,
              state == null ? "" : state,
              STATES,
              Paging.of(page, "/copr/" + name + "/builds", "package", pkg, "state", state));
        });
  }

  @GET
  @Path("packages")
  public Response packages(@PathParam("copr") String name, @QueryParam("offset") String offset) {
    return pages.show(
        () -> {
          CoprDto copr = coprs.get(name);
          Page<PackageDto> page =
              packages.list(name, PageRequest.of(Integer.toString(PER_PAGE), offset));
          return Templates.packages(
              visitor.visit(),
              copr,
              queries.access(name),
              matrix(copr, page.items()),
              Paging.of(page, "/copr/" + name + "/packages"));
        });
  }

  @GET
  @Path("package/{pkg}")
  public Response pkg(@PathParam("copr") String name, @PathParam("pkg") String pkg) {
    return pages.show(
        () ->
            Templates.pkg(
                visitor.visit(),
                coprs.get(name),
                queries.access(name),
                packages.get(name, pkg),
                builds
                    .list(name, pkg, null, PageRequest.of(Integer.toString(PER_PAGE), "0"))
                    .items()));
  }

  static List<MatrixRow> matrix(CoprDto copr, List<PackageDto> pkgs) {
    List<MatrixRow> rows = new ArrayList<>();
    for (PackageDto p : pkgs) {
      Map<String, BuildDto> latest = new HashMap<>();
      p.latestBuilds().forEach(b -> latest.put(b.chroot(), b));
      List<BuildDto> cells = new ArrayList<>();
      copr.chroots().forEach(chroot -> cells.add(latest.get(chroot)));
      rows.add(
          new MatrixRow(p.name(), p.versions().isEmpty() ? "" : p.versions().get(0).evr(), cells));
    }
    return rows;
  }
}
