package org.copr.api.build;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.copr.api.PageRequest;
import org.copr.api.error.ApiException;
import org.copr.contracts.rest.Page;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Packages and builds of one copr. */
@Path("/coprs/{copr_name}")
@Produces(MediaType.APPLICATION_JSON)
public class PackageResource {
  private final PackageService packages;
  private final BuildService builds;

  PackageResource(PackageService packages, BuildService builds) {
    this.packages = packages;
    this.builds = builds;
  }

  @GET
  @Path("/packages")
  public Page<PackageDto> list(
      @PathParam("copr_name") String copr,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    return packages.list(copr, PageRequest.of(limit, offset));
  }

  @GET
  @Path("/packages/{package_name}")
  public PackageDto get(
      @PathParam("copr_name") String copr, @PathParam("package_name") String name) {
    return packages.get(copr, name);
  }

  @POST
  @Authenticated
  @Path("/packages")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @SrpmUpload(web = false)
  public Response upload(
      @PathParam("copr_name") String copr,
      @QueryParam("after_build_id") String afterBuildId,
      @QueryParam("with_build_id") String withBuildId,
      @RestForm("srpm") FileUpload srpm) {
    if (srpm == null) {
      throw ApiException.badRequest("send the SRPM as the multipart/form-data part named 'srpm'");
    }
    PackageDto.Upload created =
        packages.upload(
            copr,
            srpm.uploadedFile(),
            srpm.fileName(),
            srpm.size(),
            null,
            null,
            batchOrder(afterBuildId, withBuildId));
    return Response.accepted(created).build();
  }

  /** The package's current source (its newest SRPM) built again: 202 with the new builds. */
  @POST
  @Authenticated
  @Path("/packages/{package_name}/builds")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response build(
      @PathParam("copr_name") String copr,
      @PathParam("package_name") String name,
      RebuildRequest body) {
    return Response.accepted(packages.buildLatest(copr, name, body)).build();
  }

  @DELETE
  @Authenticated
  @Path("/packages/{package_name}")
  public Response delete(
      @PathParam("copr_name") String copr, @PathParam("package_name") String name) {
    packages.delete(copr, name);
    return Response.noContent().build();
  }

  @GET
  @Path("/builds")
  public Page<BuildDto> builds(
      @PathParam("copr_name") String copr,
      @QueryParam("package") String packageName,
      @QueryParam("state") String state,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    return builds.list(copr, packageName, state, PageRequest.of(limit, offset));
  }

  /** {@code after_build_id} or {@code with_build_id}: any build of the submission to batch with. */
  private static Batches.Order batchOrder(String after, String with) {
    if (after != null && with != null) {
      throw ApiException.badRequest("give after_build_id or with_build_id, not both");
    }
    return Batches.Order.of(id(Batches.Order.AFTER, after), id(Batches.Order.WITH, with), false);
  }

  private static Long id(String param, String value) {
    if (value == null) {
      return null;
    }
    if (!value.matches("[0-9]{1,18}")) {
      throw ApiException.badRequest(param + " must be a build id, not '" + value + "'");
    }
    return Long.parseLong(value);
  }
}
