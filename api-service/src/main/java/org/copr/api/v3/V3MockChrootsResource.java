package org.copr.api.v3;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * {@code GET /api_3/mock-chroots/list}: each chroot a project may pick, with a comment (none here);
 * copr-cli's {@code list-chroots}, and Packit's valid targets.
 */
@Path(V3Paths.ROOT + "/mock-chroots/list")
@Produces(MediaType.APPLICATION_JSON)
public class V3MockChrootsResource {
  private final V3Chroots chroots;

  V3MockChrootsResource(V3Chroots chroots) {
    this.chroots = chroots;
  }

  @GET
  public Map<String, String> list() {
    return chroots.offered();
  }
}
