package org.copr.api.copr;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The names of deleted coprs, each kept for its former owner: {@code GET} says whose a name stays,
 * {@code DELETE} (site admins only) releases it for anyone.
 */
@Path("/copr_names")
@Produces(MediaType.APPLICATION_JSON)
public class CoprNameResource {
  private final CoprNames names;

  CoprNameResource(CoprNames names) {
    this.names = names;
  }

  @GET
  @Path("/{copr_name}")
  public CoprNameDto get(@PathParam("copr_name") String name) {
    return names.get(name);
  }

  @DELETE
  @Authenticated
  @Path("/{copr_name}")
  public Response release(@PathParam("copr_name") String name) {
    names.release(name);
    return Response.noContent().build();
  }
}
