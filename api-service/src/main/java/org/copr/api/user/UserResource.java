package org.copr.api.user;

import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.copr.api.user.UserRequests.PasswordChange;
import org.copr.api.user.UserRequests.UserUpdate;

@Path("/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {
  private final UserService users;

  UserResource(UserService users) {
    this.users = users;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(NewUser body) {
    return Response.status(Response.Status.CREATED).entity(users.create(body)).build();
  }

  @GET
  @Path("/me")
  public UserDto me() {
    return users.me();
  }

  @PUT
  @Authenticated
  @Path("/me/password")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response changePassword(PasswordChange body, @Context HttpServerRequest request) {
    users.changePassword(body, PasswordIdentityProvider.clientAddress(request));
    return Response.noContent().build();
  }

  @PUT
  @Authenticated
  @Path("/{username}")
  @Consumes(MediaType.APPLICATION_JSON)
  public UserDto update(@PathParam("username") String username, UserUpdate body) {
    return users.update(username, body);
  }
}
