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
import org.copr.api.build.PackageDto;
import org.copr.api.build.PackageService;
import org.copr.api.build.SrpmUpload;
import org.copr.api.copr.CoprDto;
import org.copr.api.copr.CoprService;
import org.copr.api.error.ApiException;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Uploading an SRPM into a copr; its builds start at once, one per chroot. */
@Path("/copr/{copr}/upload")
@Produces(MediaType.TEXT_HTML)
public class UploadPage {
  private final Pages pages;
  private final Visitor visitor;
  private final WebQueries queries;
  private final CoprService coprs;
  private final PackageService packages;

  UploadPage(
      Pages pages,
      Visitor visitor,
      WebQueries queries,
      CoprService coprs,
      PackageService packages) {
    this.pages = pages;
    this.visitor = visitor;
    this.queries = queries;
    this.coprs = coprs;
    this.packages = packages;
  }

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance upload(
        Visit visit, CoprDto copr, WebQueries.Access access, String error);
  }

  @GET
  public Response form(@PathParam("copr") String name) {
    return pages.show(() -> page(name, null));
  }

  /**
   * The CSRF token travels in the action's query ({@code ?csrf=}), not only in the body, so that
   * {@link UploadGate} refuses a forged or anonymous upload before reading it.
   */
  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @SrpmUpload(web = true)
  public Response upload(
      @PathParam("copr") String name,
      @RestQuery("csrf") String csrf,
      @RestForm("srpm") FileUpload srpm) {
    return pages.act(
        csrf,
        () -> {
          if (srpm == null || srpm.size() == 0) {
            throw ApiException.badRequest("choose an SRPM file to upload");
          }
          PackageDto.Upload created =
              packages.upload(name, srpm.uploadedFile(), srpm.fileName(), srpm.size());
          return Pages.redirect(
              "/copr/" + name + "/builds?package=" + Paging.encode(created.pkg().name()));
        },
        failure -> pages.show(failure.status(), () -> page(name, failure.message())));
  }

  private TemplateInstance page(String name, String error) {
    Visit visit = visitor.visit();
    if (!visit.loggedIn()) {
      throw new UnauthorizedException();
    }
    WebQueries.Access access = queries.access(name);
    if (!access.build()) {
      throw ApiException.forbidden(
          "only the owner, admins and builders of copr " + name + " may upload packages");
    }
    return Templates.upload(visit, coprs.get(name), access, error);
  }
}
