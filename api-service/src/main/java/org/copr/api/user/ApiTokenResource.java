package org.copr.api.user;

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
import org.copr.contracts.rest.Page;

/** The caller's API tokens, for HTTP Basic {@code username:token}. */
@Path("/users/me/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ApiTokenResource {
  private final ApiTokenService tokens;

  ApiTokenResource(ApiTokenService tokens) {
    this.tokens = tokens;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(NewApiToken body) {
    return Response.status(Response.Status.CREATED).entity(tokens.create(body)).build();
  }

  @GET
  public Page<ApiTokenDto> list(
      @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
    return tokens.list(PageRequest.of(limit, offset));
  }

  @DELETE
  @Path("/{id}")
  public Response revoke(@PathParam("id") long id) {
    tokens.revoke(id);
    return Response.noContent().build();
  }
}
