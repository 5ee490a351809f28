package org.copr.api.v3;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.copr.contracts.rest.ErrorBody;
import org.copr.runtime.http.HttpErrors;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Fedora's clients print an error's {@code error} and nothing else: under {@code /api_3} it is the
 * sentence (the {@code detail}, e.g. "Project jdoe/x does not exist.", which Packit matches), not
 * the code. A refusal that names an {@code error} of its own keeps it.
 */
public class V3ErrorBodies {
  static final String LOGIN_FAILED =
      "Login invalid/expired. Send your username and an API token of this Copr"
          + " (copr new-api-token, or the web UI's API tokens page) as login and token.";
  static final String NO_ENDPOINT = "Such API endpoint doesn't exist";

  @ServerResponseFilter
  public void sentenceFirst(ContainerRequestContext request, ContainerResponseContext response) {
    if (!V3Paths.isV3(request.getUriInfo().getPath())
        || !(response.getEntity() instanceof ErrorBody body)
        || !body.error().equals(HttpErrors.codeOf(response.getStatus()))) {
      return;
    }
    String sentence =
        switch (response.getStatus()) {
          case 401 -> LOGIN_FAILED;
          case 404 -> body.detail().startsWith("no such resource") ? NO_ENDPOINT : body.detail();
          default -> body.detail();
        };
    response.setEntity(new ErrorBody(sentence, body.detail()));
  }
}
