package org.copr.api.copr;

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
import jakarta.ws.rs.core.Response;
import org.copr.api.PageRequest;
import org.copr.api.copr.CoprRequests.CoprUpdate;
import org.copr.api.copr.CoprRequests.Dependencies;
import org.copr.api.copr.CoprRequests.Grant;
import org.copr.api.copr.CoprRequests.NewCopr;
import org.copr.api.copr.CoprRequests.Releases;
import org.copr.contracts.rest.Page;

@Path("/coprs")
@Produces(MediaType.APPLICATION_JSON)
public class CoprResource {
  private final CoprService coprs;

  CoprResource(CoprService coprs) {
    this.coprs = coprs;
  }

  @GET
  public Page<CoprDto> list(
      @QueryParam("owner") String owner,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset) {
    return coprs.list(owner, PageRequest.of(limit, offset));
  }

  @GET
  @Path("/{copr_name}")
  public CoprDto get(@PathParam("copr_name") String name) {
    return coprs.get(name);
  }

  @POST
  @Authenticated
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(NewCopr body) {
    return Response.status(Response.Status.CREATED).entity(coprs.create(body)).build();
  }

  @PUT
  @Authenticated
  @Path("/{copr_name}")
  @Consumes(MediaType.APPLICATION_JSON)
  public CoprDto update(@PathParam("copr_name") String name, CoprUpdate body) {
    return coprs.update(name, body);
  }

  @DELETE
  @Authenticated
  @Path("/{copr_name}")
  public Response delete(@PathParam("copr_name") String name) {
    coprs.delete(name);
    return Response.noContent().build();
  }

  @POST
  @Authenticated
  @Path("/{copr_name}/add_dependencies")
  @Consumes(MediaType.APPLICATION_JSON)
  public CoprDto addDependencies(@PathParam("copr_name") String name, Dependencies body) {
    return coprs.addDependencies(name, body);
  }

  @POST
  @Authenticated
  @Path("/{copr_name}/remove_dependencies")
  @Consumes(MediaType.APPLICATION_JSON)
  public CoprDto removeDependencies(@PathParam("copr_name") String name, Dependencies body) {
    return coprs.removeDependencies(name, body);
  }

  @POST
  @Authenticated
  @Path("/{copr_name}/add_releases")
  @Consumes(MediaType.APPLICATION_JSON)
  public CoprDto addReleases(@PathParam("copr_name") String name, Releases body) {
    return coprs.addReleases(name, body);
  }

  @POST
  @Authenticated
  @Path("/{copr_name}/remove_releases")
  @Consumes(MediaType.APPLICATION_JSON)
  public CoprDto removeReleases(@PathParam("copr_name") String name, Releases body) {
    return coprs.removeReleases(name, body);
  }

  @POST
  @Authenticated
  @Path("/{copr_name}/grant")
  @Consumes(MediaType.APPLICATION_JSON)
  public CoprDto grant(@PathParam("copr_name") String name, Grant body) {
    return coprs.grant(name, body);
  }

  @POST
  @Authenticated
  @Path("/{copr_name}/revoke")
  @Consumes(MediaType.APPLICATION_JSON)
  public CoprDto revoke(@PathParam("copr_name") String name, Grant body) {
    return coprs.revoke(name, body);
  }

  @GET
  @Path("/{copr_name}/repo/{release}.repo")
  @Produces(MediaType.TEXT_PLAIN)
  public String repoFile(
      @PathParam("copr_name") String name, @PathParam("release") String release) {
    return coprs.repoFile(name, release);
  }
}
