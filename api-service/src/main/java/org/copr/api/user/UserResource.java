package org.copr.api.user;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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
}
