package org.copr.scheduler;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.copr.testing.ErrorBodies;
import org.junit.jupiter.api.Test;

/** Every failure of the scheduler's HTTP API, its own or Quarkus', in the one error body. */
@QuarkusTest
class SchedulerErrorBodyTest extends ServiceTest {
  @TestHTTPResource("/")
  URI base;

  @Test
  void unknownRouteWrongMethodAndBugsAnswerTheErrorBody() {
    ErrorBodies.checkCommonFailures(base, "/queue", true);
  }

  @Test
  void unknownThingsAndMalformedIdsAre404WithTheErrorBody() {
    ErrorBodies.check(base, "GET", "/queue/builds/987654321", 404, "not_found");
    ErrorBodies.check(base, "GET", "/queue/workers/nobody", 404, "not_found");
    ErrorBodies.check(base, "GET", "/queue/builds/not-a-number", 404, "not_found");
  }
}
