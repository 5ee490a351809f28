package org.copr.api.web;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.copr.api.ApiConfig;
import org.copr.api.build.SrpmUpload;
import org.copr.contracts.rest.ErrorBody;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Admits an SRPM upload before any of its body is read or stored: the caller must be logged in
 * (and, on the web form, carry the CSRF token in the action's query or the {@code X-CSRF-Token}
 * header, since the form fields are part of the body), and may have at most {@code
 * copr.api.srpm.concurrent-uploads-per-user} uploads under way. A refusal answers at once and asks
 * the client to close the connection, so that it stops sending.
 */
public class UploadGate {
  private static final Logger LOG = Logger.getLogger(UploadGate.class);
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private final CurrentIdentityAssociation identities;
  private final Signer signer;
  private final ApiConfig config;
  private final ConcurrentMap<String, Integer> underway = new ConcurrentHashMap<>();

  UploadGate(CurrentIdentityAssociation identities, Signer signer, ApiConfig config) {
    this.identities = identities;
    this.signer = signer;
    this.config = config;
  }

  @ServerRequestFilter
  public Uni<Response> admit(
      ContainerRequestContext request, ResourceInfo resource, RoutingContext http) {
    SrpmUpload upload =
        resource.getResourceMethod() == null
            ? null
            : resource.getResourceMethod().getAnnotation(SrpmUpload.class);
    if (upload == null) {
      return Uni.createFrom().nullItem();
    }
    return identities
        .getDeferredIdentity()
        .onFailure()
        .recoverWithNull()
        .map(identity -> decide(upload, identity, request, http));
  }

  private Response decide(
      SrpmUpload upload,
      SecurityIdentity identity,
      ContainerRequestContext request,
      RoutingContext http) {
    if (identity == null || identity.isAnonymous()) {
      closeAfterAnswer(http);
      return upload.web()
          ? refused(
              Response.seeOther(
                  URI.create(
                      "/login?next="
                          + URLEncoder.encode(
                              request.getUriInfo().getPath(), StandardCharsets.UTF_8))))
          : refused(
              json(
                      401,
                      "unauthorized",
                      "log in (HTTP Basic with your username and an API token) to upload")
                  .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"copr\""));
    }
    if (upload.web() && !csrfValid(identity, request, http)) {
      closeAfterAnswer(http);
      return refused(
          json(
              403,
              "forbidden",
              "this form is stale or came from another site; reload the page and send it again"));
    }
    String user = identity.getPrincipal().getName();
    int bound = config.srpm().concurrentUploadsPerUser();
    if (!enter(user, bound)) {
      closeAfterAnswer(http);
      LOG.infof("upload of %s refused: %d under way already", user, bound);
      return refused(
          json(
              429,
              "too_many_uploads",
              "you have "
                  + bound
                  + " uploads under way; wait for one to end before you start another"));
    }
    http.addEndHandler(done -> release(user));
    return null;
  }

  /**
   * Vert.x closes a connection whose answer says {@code Connection: close}, instead of reading and
   * discarding the rest of the body to keep it alive.
   */
  private static void closeAfterAnswer(RoutingContext http) {
    http.response().putHeader("Connection", "close");
  }

  /** Counts one more upload of the user unless the bound is reached; one atomic step per user. */
  private boolean enter(String user, int bound) {
    boolean[] admitted = {false};
    underway.compute(
        user,
        (u, count) -> {
          int now = count == null ? 0 : count;
          admitted[0] = now < bound;
          return admitted[0] ? now + 1 : count;
        });
    return admitted[0];
  }

  private void release(String user) {
    underway.computeIfPresent(user, (u, count) -> count > 1 ? count - 1 : null);
  }

  private boolean csrfValid(
      SecurityIdentity identity, ContainerRequestContext request, RoutingContext http) {
    String token = request.getUriInfo().getQueryParameters().getFirst("csrf");
    if (token == null) {
      token = request.getHeaderString(CSRF_HEADER);
    }
    return signer.csrfValid(Visitor.csrfBinding(identity, http.request()), token);
  }

  private static Response.ResponseBuilder json(int status, String error, String detail) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorBody(error, detail));
  }

  /** The body is never read: the connection closes after the answer. */
  private static Response refused(Response.ResponseBuilder response) {
    return response.header("Connection", "close").build();
  }
}
