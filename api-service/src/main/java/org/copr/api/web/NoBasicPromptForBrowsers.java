package org.copr.api.web;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * A browser is never asked for HTTP Basic credentials: a 401 to a request that accepts HTML comes
 * without {@code WWW-Authenticate}, so no browser ever caches a password for the site that other
 * sites' pages could then send along. JSON clients (the CLI, curl, copr-cli) keep the challenge.
 */
@Singleton
public class NoBasicPromptForBrowsers {

  void install(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE).handler(this::handle);
  }

  private void handle(RoutingContext ctx) {
    String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
    if (accept != null && accept.contains("text/html")) {
      ctx.addHeadersEndHandler(v -> ctx.response().headers().remove("WWW-Authenticate"));
    }
    ctx.next();
  }
}
