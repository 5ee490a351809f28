package org.copr.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.copr.contracts.rest.ClientHeader;

/** Calls of the API as its users make them. */
public final class Api {
  public static final String ADMIN = "admin";
  public static final String ADMIN_PASSWORD = "admin-secret-for-tests";
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private Api() {}

  /** A name no other test uses (tests share one database). */
  public static String unique(String prefix) {
    return prefix + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
  }

  public static String password(String username) {
    return ADMIN.equals(username) ? ADMIN_PASSWORD : "password-of-" + username;
  }

  /** As our CLI calls: HTTP Basic, and the client header a page of another site cannot send. */
  public static RequestSpecification as(String username) {
    return given()
        .header(ClientHeader.NAME, "copr-tests")
        .auth()
        .preemptive()
        .basic(username, password(username));
  }

  public static RequestSpecification anonymous() {
    return given();
  }

  /** A new user created by the admin. */
  public static String newUser(String prefix) {
    String name = unique(prefix);
    as(ADMIN)
        .contentType(ContentType.JSON)
        .body(Map.of("username", name, "password", password(name)))
        .post("/users")
        .then()
        .statusCode(201);
    return name;
  }

  public static Response createCopr(
      String owner, String name, List<String> releases, List<String> arches) {
    return as(owner)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "name",
                name,
                "description",
                "test copr " + name,
                "releases",
                releases,
                "arches",
                arches))
        .post("/coprs");
  }

  public static String newCopr(String owner, List<String> releases, List<String> arches) {
    String name = unique("copr");
    createCopr(owner, name, releases, arches).then().statusCode(201);
    return name;
  }

  public static Response upload(String user, String copr, Path file) {
    return as(user).multiPart("srpm", file.toFile()).post("/coprs/{copr}/packages", copr);
  }

  /** An error answer with its JSON body. */
  public static ValidatableResponse error(Response r, int status, String code) {
    return r.then()
        .statusCode(status)
        .contentType(ContentType.JSON)
        .body("error", equalTo(code))
        .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
  }

  /** Polls GET /builds/{id} until the build matches (events arrive asynchronously). */
  public static Map<String, Object> awaitBuild(long id, Predicate<Map<String, Object>> match) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Map<String, Object> build;
    do {
      build =
          given().get("/builds/{id}", id).then().statusCode(200).extract().jsonPath().getMap("");
      if (match.test(build)) {
        return build;
      }
      sleep();
    } while (System.nanoTime() < deadline);
    throw new AssertionError("build " + id + " never matched; last seen " + build);
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
