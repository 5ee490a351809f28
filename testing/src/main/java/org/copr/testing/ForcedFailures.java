package org.copr.testing;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * Routes that fail on purpose, in the tests of every service (this jar is on no service's main
 * class path): so that a test can show what a bug answers, through a JAX-RS resource and through a
 * plain Vert.x route.
 */
public final class ForcedFailures {
  public static final String RESOURCE = "/test-only/failing-resource";
  public static final String ROUTE = "/test-only/failing-route";

  private ForcedFailures() {}

  /** A bug in a JAX-RS resource. */
  @Path(RESOURCE)
  public static class FailingResource {
    @GET
    public String fail() {
      throw new IllegalStateException("a bug, forced by a test");
    }
  }

  /** A bug in a Vert.x route. */
  @Singleton
  public static class FailingRoute {
    void install(@Observes Router router) {
      router
          .get(ROUTE)
          .handler(
              ctx -> {
                throw new IllegalStateException("a bug, forced by a test");
              });
    }
  }
}
