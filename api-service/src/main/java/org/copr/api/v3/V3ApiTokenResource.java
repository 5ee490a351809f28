package org.copr.api.v3;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.copr.api.user.ApiTokenService;

/**
 * {@code POST /api_3/api-token}: copr-cli's {@code new-api-token}, which writes the answer into
 * ~/.config/copr. The token the request came with dies (Fedora's semantics), so unlike our own
 * token route this one may be called with a token.
 */
@Path(V3Paths.ROOT + "/api-token")
@Produces(MediaType.APPLICATION_JSON)
public class V3ApiTokenResource {
  private final ApiTokenService tokens;

  V3ApiTokenResource(ApiTokenService tokens) {
    this.tokens = tokens;
  }

  /** The login and token for ~/.config/copr, and the token's last day (UTC). */
  @RegisterForReflection
  public record V3ApiToken(String apiLogin, String apiToken, String expiration) {}

  @POST
  @Authenticated
  public V3ApiToken replace() {
    var issued = tokens.replaceUsed();
    return new V3ApiToken(
        issued.username(),
        issued.token(),
        LocalDate.ofInstant(issued.expiresAt(), ZoneOffset.UTC).toString());
  }
}
