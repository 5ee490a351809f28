package org.copr.scheduler;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.copr.contracts.BuildDispatch;
import org.copr.testing.TopicProbe;

/**
 * The scheduler against a real broker and a real database; the tests play api-service and the build
 * workers. Each test class uses arches of its own so that their queues never mix.
 */
abstract class ServiceTest {
  static final Duration PATIENCE = Duration.ofSeconds(90);

  /** GET /queue/builds/{id}: the scheduler's view of one build. */
  static JsonPath build(long buildId) {
    return given().get("/queue/builds/{id}", buildId).then().statusCode(200).extract().jsonPath();
  }

  static JsonPath awaitBuild(long buildId, Predicate<JsonPath> condition) {
    return await()
        .atMost(PATIENCE)
        .until(
            () -> given().get("/queue/builds/{id}", buildId).then().extract(),
            r -> r.statusCode() == 200 && condition.test(r.jsonPath()))
        .jsonPath();
  }

  static Predicate<JsonPath> state(String state, int attempt) {
    return b -> state.equals(b.getString("state")) && b.getInt("attempt") == attempt;
  }

  /** The arch's entry in GET /queue. */
  static Map<String, Object> queueOf(String arch) {
    return given()
        .get("/queue")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getMap("arches.find { it.arch == '" + arch + "' }");
  }

  static BuildDispatch awaitDispatch(TopicProbe dispatches, long buildId, int attempt) {
    return dispatches.awaitEvent(
        BuildDispatch.class,
        d -> d.build().buildId() == buildId && d.attempt() == attempt,
        PATIENCE);
  }
}
