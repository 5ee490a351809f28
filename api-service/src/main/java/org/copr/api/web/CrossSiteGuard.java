package org.copr.api.web;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.copr.api.user.Caller;
import org.copr.contracts.rest.ClientHeader;
import org.copr.contracts.rest.ErrorBody;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Keeps other sites' pages from using the REST API with the credentials a browser holds (cached
 * HTTP Basic). A page of another site can send, without asking this one first, only a form's
 * content types ({@code application/x-www-form-urlencoded}, {@code multipart/form-data}, {@code
 * text/plain}) or no body, and no header of its own. So a request that changes something and looks
 * like that and comes with credentials is refused with 403, before any of its body is read, unless
 * it carries {@link #CLIENT_HEADER} (our CLI sends it always) or logs in with an API token, which a
 * browser never holds for the site. The web pages have their CSRF tokens instead and are not
 * concerned.
 */
public class CrossSiteGuard {
  private static final Logger LOG = Logger.getLogger(CrossSiteGuard.class);

  /** The header a form cannot set; any value will do. */
  public static final String CLIENT_HEADER = ClientHeader.NAME;

  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
  private static final Set<String> FORM_TYPES =
      Set.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain");

  private final CurrentIdentityAssociation identities;

  CrossSiteGuard(CurrentIdentityAssociation identities) {
    this.identities = identities;
  }

  /**
   * Before matching: a form-shaped request gets this answer, not a 415 of the route it aimed at.
   */
  @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION)
  public Uni<Response> refuseFormShaped(ContainerRequestContext request, RoutingContext http) {
    if (READS.contains(request.getMethod())
        || WebPaths.isWeb(http.normalizedPath())
        || request.getHeaderString(CLIENT_HEADER) != null
        || !formShaped(request.getMediaType())) {
      return Uni.createFrom().nullItem();
    }
    return identities
        .getDeferredIdentity()
        .map(
            identity -> {
              // without credentials another site's page can do nothing the attacker cannot
              if (identity.isAnonymous() || identity.getAttribute(Caller.API_TOKEN) != null) {
                return null;
              }
              LOG.infof(
                  "%s %s refused: form-shaped, without %s or an API token",
                  request.getMethod(), http.normalizedPath(), CLIENT_HEADER);
              return Response.status(403)
                  .type(MediaType.APPLICATION_JSON_TYPE)
                  .entity(
                      new ErrorBody(
                          "forbidden",
                          "a request that changes something and has no body or a form's content"
                              + " type (as any web page can send) needs the "
                              + CLIENT_HEADER
                              + " header or an API token; send JSON, or add the header"))
                  .header("Connection", "close")
                  .build();
            })
        // wrong credentials: the request goes on to its 401 (or 429), which changes nothing either
        .onFailure()
        .recoverWithNull();
  }

  private static boolean formShaped(MediaType type) {
    return type == null || FORM_TYPES.contains(type.getType() + "/" + type.getSubtype());
  }
}
