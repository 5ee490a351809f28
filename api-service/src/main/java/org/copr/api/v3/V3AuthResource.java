package org.copr.api.v3;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api_3/auth-check}: who the login and token of the request are. */
@Path(V3Paths.ROOT + "/auth-check")
@Produces(MediaType.APPLICATION_JSON)
public class V3AuthResource {
  private final V3Users users;

  V3AuthResource(V3Users users) {
    this.users = users;
  }

  @GET
  @Authenticated
  public V3User check() {
    return users.current();
  }
}
