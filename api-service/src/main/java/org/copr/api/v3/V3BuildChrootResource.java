package org.copr.api.v3;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /api_3/build-chroot/...}: the chroots of a v3 build, and the deprecated path forms that
 * name the build (and chroot) in the path.
 */
@Path(V3Paths.ROOT + "/build-chroot")
@Produces(MediaType.APPLICATION_JSON)
public class V3BuildChrootResource {
  private final V3BuildService builds;

  V3BuildChrootResource(V3BuildService builds) {
    this.builds = builds;
  }

  @GET
  public V3BuildChroot get(
      @QueryParam("build_id") String buildId, @QueryParam("chrootname") String chroot) {
    return builds.chroot(buildId(buildId), chroot);
  }

  @GET
  @Path(V3BuildResource.ID + "/{chroot}")
  public V3BuildChroot getByPath(@PathParam("id") String id, @PathParam("chroot") String chroot) {
    return builds.chroot(V3BuildResource.id(id), chroot);
  }

  @GET
  @Path("/list")
  public V3List<V3BuildChroot> list(
      @QueryParam("build_id") String buildId,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("order") String order,
      @QueryParam("order_type") String orderType) {
    return builds.chroots(buildId(buildId), paging(limit, offset, order, orderType));
  }

  @GET
  @Path("/list/" + V3BuildResource.ID)
  public V3List<V3BuildChroot> listByPath(
      @PathParam("id") String id,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("order") String order,
      @QueryParam("order_type") String orderType) {
    return builds.chroots(V3BuildResource.id(id), paging(limit, offset, order, orderType));
  }

  @GET
  @Path("/built-packages")
  public V3BuiltPackages builtPackages(
      @QueryParam("build_id") String buildId, @QueryParam("chrootname") String chroot) {
    return builds.builtPackages(buildId(buildId), chroot);
  }

  private static V3Paging paging(String limit, String offset, String order, String orderType) {
    return V3Paging.of(limit, offset, order, orderType, V3Paging.ID_OR_NAME);
  }

  private static long buildId(String value) {
    if (value == null || value.isBlank()) {
      throw V3Coprs.missing("build_id");
    }
    if (!value.matches("[0-9]+")) {
      throw org.copr.api.error.ApiException.badRequest(
          "Bad request parameters: build_id: '" + value + "' is not a build id");
    }
    return V3BuildResource.id(value);
  }
}
