package org.copr.runtime.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * The same error body for what never reaches a JAX-RS resource: a path no route serves, a method a
 * route does not take, a failure in a plain Vert.x route (repo-worker's files, for one).
 */
@Singleton
public class RouteErrors {
  private static final Logger LOG = Logger.getLogger(RouteErrors.class);

  void install(@Observes Router router) {
    router.errorHandler(404, ctx -> write(ctx, 404, null));
    router.errorHandler(405, ctx -> write(ctx, 405, null));
    // First of the failure handlers, before Quarkus' own page at the end.
    router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
  }

  private void failed(RoutingContext ctx) {
    if (ctx.failure() != null
        && ctx.failure().getClass().getName().startsWith("io.quarkus.security.")) {
      ctx.next(); // Quarkus' own challenge: 401 with WWW-Authenticate, or a redirect
      return;
    }
    Refusal refusal = HttpErrors.refusalIn(ctx.failure());
    if (refusal != null) {
      answer(ctx, refusal.status(), refusal.error(), refusal.getMessage());
      return;
    }
    int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
    if (status >= 500) {
      LOG.errorf(ctx.failure(), "request to %s failed", ctx.normalizedPath());
    }
    write(ctx, status, null);
  }

  private static void write(RoutingContext ctx, int status, String detail) {
    answer(
        ctx,
        status,
        HttpErrors.codeOf(status),
        detail != null ? detail : HttpErrors.detailOf(status, ctx.normalizedPath()));
  }

  public static void answer(RoutingContext ctx, int status, String detail) {
    answer(ctx, status, HttpErrors.codeOf(status), detail);
  }

  /** Answers with the error body, unless the answer already began (then only closes it). */
  public static void answer(RoutingContext ctx, int status, String error, String detail) {
    if (ctx.response().headWritten()) {
      ctx.response().close();
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(new JsonObject().put("error", error).put("detail", detail).encode());
  }
}
