package org.copr.api.v3;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import org.copr.api.Api;
import org.junit.jupiter.api.Test;

/** {@code /api_3/project/permissions}: list-, edit- and request-permissions, can_build_in. */
@QuarkusTest
class V3PermissionsTest {
  static Response get(V3Clients.Login login, String owner, String project) {
    return login
        .authenticated()
        .queryParam("ownername", owner)
        .queryParam("projectname", project)
        .get("/api_3/project/permissions/get/{o}/{p}", owner, project);
  }

  static Response put(
      V3Clients.Login login, String what, String owner, String project, String body) {
    return login
        .authenticated()
        .contentType(ContentType.JSON)
        .queryParam("ownername", owner)
        .queryParam("projectname", project)
        .body(body)
        .put("/api_3/project/permissions/" + what + "/{o}/{p}", owner, project);
  }

  static Response canBuildIn(String who, String owner, String project) {
    return V3Clients.plain()
        .get("/api_3/project/permissions/can_build_in/{w}/{o}/{p}", who, owner, project);
  }

  @Test
  void requestThenApproveThenGiveUp() {
    V3Clients.Login jdoe = V3Clients.newLogin("v3perm");
    V3Clients.Login packit = V3Clients.newLogin("v3permpackit");
    String owner = jdoe.username();
    String name = V3ProjectsTest.newProject(jdoe, List.of("fedora-40-x86_64"));
    get(jdoe, owner, name)
        .then()
        .statusCode(404)
        .body("error", equalTo("No permissions set on " + owner + "/" + name + " project"));
    canBuildIn(packit.username(), owner, name)
        .then()
        .statusCode(200)
        .body("who", equalTo(packit.username()))
        .body("ownername", equalTo(owner))
        .body("projectname", equalTo(name))
        .body("can_build_in", equalTo(false));

    // packit-service after a refused build: request_permissions({"builder": True})
    put(packit, "request", owner, name, "{\"builder\": true}")
        .then()
        .statusCode(200)
        .body("updated", equalTo(true))
        .body("$", not(hasKey("error")));
    put(packit, "request", owner, name, "{\"builder\": true}")
        .then()
        .body("updated", equalTo(false));
    get(jdoe, owner, name)
        .then()
        .statusCode(200)
        .body("permissions." + packit.username() + ".builder", equalTo("request"))
        .body("permissions." + packit.username() + ".admin", equalTo("nothing"));
    get(packit, owner, name)
        .then()
        .statusCode(403)
        .body(
            "error",
            equalTo(
                "User '"
                    + packit.username()
                    + "' can not see permissions for project '"
                    + owner
                    + "/"
                    + name
                    + "' (missing admin rights)"));
    canBuildIn(packit.username(), owner, name).then().body("can_build_in", equalTo(false));

    // copr-cli edit-permissions --builder packit=approved
    put(jdoe, "set", owner, name, "{\"" + packit.username() + "\": {\"builder\": \"approved\"}}")
        .then()
        .statusCode(200)
        .body("updated", contains(packit.username()));
    get(jdoe, owner, name)
        .then()
        .body("permissions." + packit.username() + ".builder", equalTo("approved"))
        .body("permissions." + packit.username() + ".admin", equalTo("nothing"));
    canBuildIn(packit.username(), owner, name).then().body("can_build_in", equalTo(true));
    Api.anonymous()
        .get("/coprs/{n}", name)
        .then()
        .body("permissions.username", contains(packit.username()))
        .body("permissions.permission", contains("builder"));

    // Packit after a refused edit: request_permissions({"admin": True}); the owner approves
    put(packit, "request", owner, name, "{\"admin\": true}").then().body("updated", equalTo(true));
    get(jdoe, owner, name)
        .then()
        .body("permissions." + packit.username() + ".admin", equalTo("request"));
    put(jdoe, "set", owner, name, "{\"" + packit.username() + "\": {\"admin\": \"approved\"}}")
        .then()
        .statusCode(200);
    get(jdoe, owner, name)
        .then()
        .body("permissions." + packit.username() + ".admin", equalTo("approved"))
        .body("permissions." + packit.username() + ".builder", equalTo("approved"));
    packit
        .authenticated()
        .contentType(ContentType.JSON)
        .body(V3ProjectsTest.editChroots(List.of("fedora-41-x86_64")))
        .put("/api_3/project/edit/{o}/{p}", owner, name)
        .then()
        .statusCode(200);

    // copr-cli request-permissions --admin=nothing: gives admin up, keeps building
    put(packit, "request", owner, name, "{\"admin\": false}").then().body("updated", equalTo(true));
    get(jdoe, owner, name)
        .then()
        .body("permissions." + packit.username() + ".admin", equalTo("nothing"))
        .body("permissions." + packit.username() + ".builder", equalTo("approved"));
    // the owner takes building away
    put(jdoe, "set", owner, name, "{\"" + packit.username() + "\": {\"builder\": \"nothing\"}}")
        .then()
        .statusCode(200);
    canBuildIn(packit.username(), owner, name).then().body("can_build_in", equalTo(false));
  }

  @Test
  void setIsAllOrNothingAndOnlyForManagers() {
    V3Clients.Login jdoe = V3Clients.newLogin("v3perm");
    V3Clients.Login bob = V3Clients.newLogin("v3permbob");
    String owner = jdoe.username();
    String name = V3ProjectsTest.newProject(jdoe, List.of("fedora-40-x86_64"));
    put(
            jdoe,
            "set",
            owner,
            name,
            "{\""
                + bob.username()
                + "\": {\"builder\": \"approved\"}, \"no-such-user-x\": {\"builder\": \"approved\"}}")
        .then()
        .statusCode(400)
        .body("error", equalTo("User 'no-such-user-x' doesn't exist"));
    canBuildIn(bob.username(), owner, name).then().body("can_build_in", equalTo(false));
    put(jdoe, "set", owner, name, "{\"" + bob.username() + "\": {\"builder\": \"maybe\"}}")
        .then()
        .statusCode(400);
    put(jdoe, "set", owner, name, "{}")
        .then()
        .statusCode(400)
        .body("error", equalTo("No permission to set"));
    put(bob, "set", owner, name, "{\"" + bob.username() + "\": {\"admin\": \"approved\"}}")
        .then()
        .statusCode(403)
        .body("error", equalTo("Only owners and admins may update their projects."));
    put(jdoe, "request", owner, name, "{\"builder\": true}")
        .then()
        .statusCode(400)
        .body("error", equalTo("Owner cannot request permissions for his own project."));
    // another owner's name: the project does not exist
    put(bob, "request", bob.username(), name, "{\"builder\": true}")
        .then()
        .statusCode(404)
        .body("error", equalTo("Project " + bob.username() + "/" + name + " does not exist."));
  }
}
