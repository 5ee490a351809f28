package org.copr.api.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.copr.api.ApiConfig;
import org.copr.api.build.PackageService;
import org.copr.api.copr.CoprDto;
import org.copr.api.copr.CoprRequests.CoprUpdate;
import org.copr.api.copr.CoprRequests.Grant;
import org.copr.api.copr.CoprService;
import org.copr.api.error.ApiException;
import org.jboss.resteasy.reactive.RestForm;

/**
 * A copr's settings for its managers: description, releases, arches, dependencies, permissions, and
 * deleting packages or the copr. Every change goes through {@link CoprService} or {@link
 * PackageService}, which check the permission again.
 */
@Path("/copr/{copr}")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class CoprSettings {
  private final Pages pages;
  private final Visitor visitor;
  private final WebQueries queries;
  private final CoprService coprs;
  private final PackageService packages;
  private final List<String> arches;

  CoprSettings(
      Pages pages,
      Visitor visitor,
      WebQueries queries,
      CoprService coprs,
      PackageService packages,
      ApiConfig config) {
    this.pages = pages;
    this.visitor = visitor;
    this.queries = queries;
    this.coprs = coprs;
    this.packages = packages;
    this.arches = List.copyOf(config.arches());
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance settings(
        Visit visit, CoprDto copr, WebQueries.Access access, List<String> arches, String error);
  }

  @GET
  @Path("settings")
  public Response settings(@PathParam("copr") String name) {
    return pages.show(() -> page(name, null));
  }

  @POST
  @Path("edit")
  public Response edit(
      @PathParam("copr") String name,
      @RestForm String csrf,
      @RestForm String description,
      @RestForm String releases,
      @RestForm List<String> arches,
      @RestForm String dependencies) {
    return pages.act(
        csrf,
        () -> {
          coprs.update(
              name,
              new CoprUpdate(
                  description == null ? "" : description.replace("\r\n", "\n"),
                  Forms.names(releases),
                  Forms.orEmpty(arches),
                  Forms.names(dependencies)));
          return Pages.redirect("/copr/" + name);
        },
        failure -> again(name, failure));
  }

  @POST
  @Path("grant")
  public Response grant(
      @PathParam("copr") String name,
      @RestForm String csrf,
      @RestForm String username,
      @RestForm String permission) {
    return pages.act(
        csrf,
        () -> {
          coprs.grant(name, new Grant(username == null ? "" : username.trim(), permission));
          return Pages.redirect("/copr/" + name + "/settings");
        },
        failure -> again(name, failure));
  }

  @POST
  @Path("revoke")
  public Response revoke(
      @PathParam("copr") String name, @RestForm String csrf, @RestForm String username) {
    return pages.act(
        csrf,
        () -> {
          coprs.revoke(name, new Grant(username, null));
          return Pages.redirect("/copr/" + name + "/settings");
        },
        failure -> again(name, failure));
  }

  /** Deleting asks the name typed again: a form cannot be undone, and works without JavaScript. */
  @POST
  @Path("delete")
  public Response delete(
      @PathParam("copr") String name, @RestForm String csrf, @RestForm String confirm) {
    return pages.act(
        csrf,
        () -> {
          if (!name.equals(confirm == null ? "" : confirm.trim())) {
            throw ApiException.invalid(
                "type the copr's name, " + name + ", to confirm that it is to be deleted");
          }
          coprs.delete(name);
          return Pages.redirect("/");
        },
        failure -> again(name, failure));
  }

  @POST
  @Path("package/{pkg}/delete")
  public Response deletePackage(
      @PathParam("copr") String name,
      @PathParam("pkg") String pkg,
      @RestForm String csrf,
      @RestForm String confirm) {
    return pages.act(
        csrf,
        () -> {
          if (!pkg.equals(confirm == null ? "" : confirm.trim())) {
            throw ApiException.invalid(
                "type the package's name, " + pkg + ", to confirm that it is to be deleted");
          }
          packages.delete(name, pkg);
          return Pages.redirect("/copr/" + name + "/packages");
        },
        pages::error);
  }

  private TemplateInstance page(String name, String error) {
    Visit visit = visitor.visit();
    if (!visit.loggedIn()) {
      throw new UnauthorizedException();
    }
    WebQueries.Access access = queries.access(name);
    if (!access.manage()) {
      throw ApiException.forbidden("only the owner or an admin of copr " + name + " may change it");
    }
    return Templates.settings(visit, coprs.get(name), access, arches, error);
  }

  private Response again(String name, Pages.Failure failure) {
    return pages.show(failure.status(), () -> page(name, failure.message()));
  }
}
