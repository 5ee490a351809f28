package org.copr.api.v3;

import io.quarkus.security.Authenticated;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.copr.api.user.Caller;

/** {@code GET /api_3/auth-check}: who the login and token of the request are. */
@Path(V3Paths.ROOT + "/auth-check")
@Produces(MediaType.APPLICATION_JSON)
public class V3AuthResource {
  private final Caller caller;

  V3AuthResource(Caller caller) {
    this.caller = caller;
  }

  @GET
  @Authenticated
  @Transactional
  public V3User check() {
    var user = caller.require();
    return new V3User(user.id, user.username);
  }
}
