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

/**
 * {@code /api_3/project}: python-copr's project proxy. Path values are repeated in the query; the
 * path decides. Reads need no login ({@code dnf copr} lists and searches without one).
 */
@Path(V3Paths.ROOT + "/project")
@Produces(MediaType.APPLICATION_JSON)
public class V3ProjectResource {
  private final V3ProjectService projects;

  V3ProjectResource(V3ProjectService projects) {
    this.projects = projects;
  }

  @GET
  public V3Project get(
      @QueryParam("ownername") String ownername, @QueryParam("projectname") String projectname) {
    return projects.get(ownername, projectname);
  }

  @GET
  @Path("list")
  public V3List<V3Project> list(
      @QueryParam("ownername") String ownername,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("order") String order,
      @QueryParam("order_type") String orderType) {
    return projects.list(
        ownername, V3Paging.of(limit, offset, order, orderType, V3Paging.ID_OR_NAME));
  }

  @GET
  @Path("search")
  public V3List<V3Project> search(
      @QueryParam("query") String query,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("order") String order,
      @QueryParam("order_type") String orderType) {
    return projects.search(
        query, V3Paging.of(limit, offset, order, orderType, V3Paging.ID_OR_NAME));
  }

  @POST
  @Path("add/{ownername}")
  @Authenticated
  @Consumes(MediaType.APPLICATION_JSON)
  public V3Project add(
      @PathParam("ownername") String ownername,
      @QueryParam("exist_ok") String existOk,
      V3ProjectRequests.NewProject body) {
    return projects.add(ownername, V3Query.flag("exist_ok", existOk), body);
  }

  @PUT
  @Path("edit/{ownername}/{projectname}")
  @Authenticated
  @Consumes(MediaType.APPLICATION_JSON)
  public V3Project edit(
      @PathParam("ownername") String ownername,
      @PathParam("projectname") String projectname,
      V3ProjectRequests.ProjectEdit body) {
    return projects.edit(ownername, projectname, body);
  }

  /** Deprecated by Fedora, still sent by older clients. */
  @POST
  @Path("edit/{ownername}/{projectname}")
  @Authenticated
  @Consumes(MediaType.APPLICATION_JSON)
  public V3Project editByPost(
      @PathParam("ownername") String ownername,
      @PathParam("projectname") String projectname,
      V3ProjectRequests.ProjectEdit body) {
    return edit(ownername, projectname, body);
  }

  @DELETE
  @Path("delete/{ownername}/{projectname}")
  @Authenticated
  @Consumes(MediaType.APPLICATION_JSON)
  public V3Project delete(
      @PathParam("ownername") String ownername,
      @PathParam("projectname") String projectname,
      V3ProjectRequests.ProjectDelete body) {
    return projects.delete(ownername, projectname, body);
  }

  @POST
  @Path("delete/{ownername}/{projectname}")
  @Authenticated
  @Consumes(MediaType.APPLICATION_JSON)
  public V3Project deleteByPost(
      @PathParam("ownername") String ownername,
      @PathParam("projectname") String projectname,
      V3ProjectRequests.ProjectDelete body) {
    return delete(ownername, projectname, body);
  }

  @POST
  @Path("fork/{ownername}/{projectname}")
  @Authenticated
  public V3Project fork(
      @PathParam("ownername") String ownername, @PathParam("projectname") String projectname) {
    return projects.fork(ownername, projectname);
  }

  @PUT
  @Path("fork/{ownername}/{projectname}")
  @Authenticated
  public V3Project forkByPut(
      @PathParam("ownername") String ownername, @PathParam("projectname") String projectname) {
    return fork(ownername, projectname);
  }

  @PUT
  @Path("regenerate-repos/{ownername}/{projectname}")
  @Authenticated
  public V3Project regenerateRepos(
      @PathParam("ownername") String ownername, @PathParam("projectname") String projectname) {
    return projects.regenerateRepos(ownername, projectname);
  }

  @POST
  @Path("regenerate-repos/{ownername}/{projectname}")
  @Authenticated
  public V3Project regenerateReposByPost(
      @PathParam("ownername") String ownername, @PathParam("projectname") String projectname) {
    return regenerateRepos(ownername, projectname);
  }
}
