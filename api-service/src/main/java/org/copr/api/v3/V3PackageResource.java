package org.copr.api.v3;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** {@code /api_3/package/...}: Fedora Copr's packages over ours. */
@Path(V3Paths.ROOT + "/package")
@Produces(MediaType.APPLICATION_JSON)
public class V3PackageResource {
  private final V3PackageService packages;
  private final V3BuildService builds;

  V3PackageResource(V3PackageService packages, V3BuildService builds) {
    this.packages = packages;
    this.builds = builds;
  }

  @GET
  public V3Package get(
      @QueryParam("ownername") String ownername,
      @QueryParam("projectname") String projectname,
      @QueryParam("packagename") String packagename,
      @QueryParam("with_latest_build") String withLatest,
      @QueryParam("with_latest_succeeded_build") String withLatestSucceeded) {
    return packages.get(
        ownername, projectname, packagename, shown(withLatest, withLatestSucceeded));
  }

  @GET
  @Path("/list")
  public V3List<V3Package> list(
      @QueryParam("ownername") String ownername,
      @QueryParam("projectname") String projectname,
      @QueryParam("with_latest_build") String withLatest,
      @QueryParam("with_latest_succeeded_build") String withLatestSucceeded,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("order") String order,
      @QueryParam("order_type") String orderType) {
    return packages.list(
        ownername,
        projectname,
        shown(withLatest, withLatestSucceeded),
        V3Paging.of(limit, offset, order, orderType, V3Paging.ID_OR_NAME));
  }

  @POST
  @Authenticated
  @Path("/{action: add|edit}/{ownername}/{projectname}/{name}/{type}")
  public V3Package addOrEdit(
      @PathParam("ownername") String ownername,
      @PathParam("projectname") String projectname,
      @PathParam("name") String name,
      @PathParam("type") String type) {
    return packages.refuseSource(ownername, projectname, name, type);
  }

  @POST
  @Authenticated
  @Path("/edit/{ownername}/{projectname}/{name}")
  public V3Package editWithoutType(
      @PathParam("ownername") String ownername,
      @PathParam("projectname") String projectname,
      @PathParam("name") String name) {
    return packages.refuseSource(ownername, projectname, name, "None");
  }

  @POST
  @Authenticated
  @Path("/build")
  @Consumes(MediaType.APPLICATION_JSON)
  public V3Build build(V3BuildRequest request) {
    return builds.buildPackage(V3BuildResource.required(request));
  }

  @PUT
  @Authenticated
  @Path("/reset")
  @Consumes(MediaType.APPLICATION_JSON)
  public V3Package reset(V3PackageRef ref) {
    return packages.reset(V3BuildResource.required(ref));
  }

  @POST
  @Authenticated
  @Path("/reset")
  @Consumes(MediaType.APPLICATION_JSON)
  public V3Package resetByPost(V3PackageRef ref) {
    return reset(ref);
  }

  @DELETE
  @Authenticated
  @Path("/delete")
  @Consumes(MediaType.APPLICATION_JSON)
  public V3Package delete(V3PackageRef ref) {
    return packages.delete(V3BuildResource.required(ref));
  }

  @POST
  @Authenticated
  @Path("/delete")
  @Consumes(MediaType.APPLICATION_JSON)
  public V3Package deleteByPost(V3PackageRef ref) {
    return delete(ref);
  }

  private static V3PackageService.Shown shown(String latest, String latestSucceeded) {
    return new V3PackageService.Shown(
        V3Query.flag("with_latest_build", latest),
        V3Query.flag("with_latest_succeeded_build", latestSucceeded));
  }
}
