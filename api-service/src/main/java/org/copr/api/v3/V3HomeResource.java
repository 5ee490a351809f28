package org.copr.api.v3;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** {@code GET /api_3/}: python-copr's {@code home()}, which tells it the API is there. */
@Path(V3Paths.ROOT)
@Produces(MediaType.APPLICATION_JSON)
public class V3HomeResource {
  @GET
  public Map<String, Integer> home() {
    return Map.of("version", 3);
  }
}
