package org.copr.api.v3;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** {@code /api_3/project/permissions}: copr-cli's list-, edit- and request-permissions. */
@Path(V3Paths.ROOT + "/project/permissions")
@Produces(MediaType.APPLICATION_JSON)
public class V3PermissionResource {
  private final V3PermissionService permissions;

  V3PermissionResource(V3PermissionService permissions) {
    this.permissions = permissions;
  }

  @GET
  @Path("get/{ownername}/{projectname}")
  @Authenticated
  public Map<String, Map<String, V3PermissionService.Roles>> get(
      @PathParam("ownername") String ownername, @PathParam("projectname") String projectname) {
    return permissions.get(ownername, projectname);
  }

  @PUT
  @Path("set/{ownername}/{projectname}")
  @Authenticated
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, List<String>> set(
      @PathParam("ownername") String ownername,
      @PathParam("projectname") String projectname,
      Map<String, Map<String, String>> body) {
    return permissions.set(ownername, projectname, body);
  }

  @POST
  @Path("set/{ownername}/{projectname}")
  @Authenticated
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, List<String>> setByPost(
      @PathParam("ownername") String ownername,
      @PathParam("projectname") String projectname,
      Map<String, Map<String, String>> body) {
    return set(ownername, projectname, body);
  }

  @PUT
  @Path("request/{ownername}/{projectname}")
  @Authenticated
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Boolean> request(
      @PathParam("ownername") String ownername,
      @PathParam("projectname") String projectname,
      Map<String, Boolean> body) {
    return permissions.request(ownername, projectname, body);
  }

  @POST
  @Path("request/{ownername}/{projectname}")
  @Authenticated
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Boolean> requestByPost(
      @PathParam("ownername") String ownername,
      @PathParam("projectname") String projectname,
      Map<String, Boolean> body) {
    return request(ownername, projectname, body);
  }

  /** Anyone may ask; python-copr sends its login along, which is not needed. */
  @GET
  @Path("can_build_in/{who}/{ownername}/{projectname}")
  public Map<String, Object> canBuildIn(
      @PathParam("who") String who,
      @PathParam("ownername") String ownername,
      @PathParam("projectname") String projectname) {
    return permissions.canBuildIn(who, ownername, projectname);
  }
}
