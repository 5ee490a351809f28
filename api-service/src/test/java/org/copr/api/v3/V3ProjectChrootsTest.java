package org.copr.api.v3;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.copr.api.Api;
import org.junit.jupiter.api.Test;

/** {@code /api_3/project-chroot}: get-chroot, mock-config, edit-chroot (always multipart). */
@QuarkusTest
class V3ProjectChrootsTest {
  static final String REPOS = "http://127.0.0.1:8083/repos/";

  /** python-copr's project_chroot_proxy.edit: every field in the 'json' file part. */
  static Response edit(
      V3Clients.Login login, String owner, String project, String chroot, String json) {
    return login
        .authenticated()
        .queryParam("ownername", owner)
        .queryParam("projectname", project)
        .queryParam("chrootname", chroot)
        .multiPart("json", "json", json.getBytes(StandardCharsets.UTF_8), "application/json")
        .put("/api_3/project-chroot/edit/{o}/{p}/{c}", owner, project, chroot);
  }

  static String editBody(String packages, String modules, String reset) {
    return """
        {"additional_repos": null, "additional_packages": %s, "additional_modules": %s,
         "with_opts": null, "without_opts": null, "delete_comps": false, "bootstrap": null,
         "bootstrap_image": null, "isolation": null, "reset_fields": %s}
        """
        .formatted(packages, modules, reset);
  }

  @Test
  void getAndBuildConfigShowTheChrootAndTheReposBuildsGet() {
    V3Clients.Login jdoe = V3Clients.newLogin("v3chroot");
    String owner = jdoe.username();
    String dep = V3ProjectsTest.newProject(jdoe, List.of("fedora-40-x86_64"));
    String name = V3ProjectsTest.newProject(jdoe, List.of("fedora-40-x86_64", "fedora-41-x86_64"));
    jdoe.authenticated()
        .contentType(ContentType.JSON)
        .body("{\"repos\": [\"copr://" + owner + "/" + dep + "\"]}")
        .put("/api_3/project/edit/{o}/{p}", owner, name)
        .then()
        .statusCode(200);
    V3Clients.plain()
        .queryParam("ownername", owner)
        .queryParam("projectname", name)
        .queryParam("chrootname", "fedora-40-x86_64")
        .get("/api_3/project-chroot")
        .then()
        .statusCode(200)
        .body("$", not(hasKey("error")))
        .body("mock_chroot", equalTo("fedora-40-x86_64"))
        .body("ownername", equalTo(owner))
        .body("projectname", equalTo(name))
        .body("$", hasKey("comps_name"))
        .body("comps_name", nullValue())
        .body("additional_repos", empty())
        .body("additional_packages", empty())
        .body("additional_modules", empty())
        .body("with_opts", empty())
        .body("without_opts", empty())
        .body("$", hasKey("delete_after_days"))
        .body("isolation", equalTo("default"));
    V3Clients.plain()
        .queryParam("ownername", owner)
        .queryParam("projectname", name)
        .queryParam("chrootname", "fedora-40-x86_64")
        .get("/api_3/project-chroot/build-config")
        .then()
        .statusCode(200)
        .body("chroot", equalTo("fedora-40-x86_64"))
        .body("repos.id", contains("copr_base", "copr_" + owner + "_" + dep))
        .body(
            "repos.baseurl",
            contains(REPOS + name + "/fedora-40-x86_64/", REPOS + dep + "/fedora-40-x86_64/"))
        .body("repos[0].name", equalTo("Copr repository"))
        .body("repos[0].module_hotfixes", equalTo(false))
        .body("repos[0].repo_gpgcheck", equalTo(false))
        .body("repos[0]", hasKey("priority"))
        .body("additional_repos", contains(REPOS + dep + "/fedora-40-x86_64/"))
        .body("additional_packages", empty())
        .body("enable_net", equalTo(false))
        .body("isolation", equalTo("default"));
    // the dependency has no fedora-41: builds there get only the copr's own repository
    V3Clients.plain()
        .queryParam("ownername", owner)
        .queryParam("projectname", name)
        .queryParam("chrootname", "fedora-41-x86_64")
        .get("/api_3/project-chroot/build-config")
        .then()
        .body("repos.id", contains("copr_base"));
    V3Clients.plain()
        .queryParam("ownername", owner)
        .queryParam("projectname", name)
        .queryParam("chrootname", "epel-9-x86_64")
        .get("/api_3/project-chroot")
        .then()
        .statusCode(404)
        .body(
            "error",
            equalTo(
                "Chroot name epel-9-x86_64 does not exist in Copr " + owner + "/" + name + "."));
  }

  @Test
  void editAcceptsEmptyValuesAndResetsAndRefusesSettingsClearly() {
    V3Clients.Login jdoe = V3Clients.newLogin("v3chroot");
    String owner = jdoe.username();
    String name = V3ProjectsTest.newProject(jdoe, List.of("fedora-40-x86_64"));
    // Packit's defaults ([] and "" for modules) and copr-cli's --reset
    edit(jdoe, owner, name, "fedora-40-x86_64", editBody("[]", "\"\"", "[\"additional_packages\"]"))
        .then()
        .statusCode(200)
        .body("$", not(hasKey("error")))
        .body("mock_chroot", equalTo("fedora-40-x86_64"))
        .body("additional_packages", empty());
    edit(jdoe, owner, name, "fedora-40-x86_64", editBody("[\"gcc\", \"make\"]", "null", "null"))
        .then()
        .statusCode(400)
        .body("error", containsString("additional_packages: not supported by this Copr yet"));
    // copr-cli sends --packages as one string
    edit(jdoe, owner, name, "fedora-40-x86_64", editBody("\"gcc make\"", "null", "null"))
        .then()
        .statusCode(400)
        .body("error", containsString("additional_packages: "));
    edit(jdoe, owner, name, "fedora-40-x86_64", editBody("null", "null", "[\"nonsense\"]"))
        .then()
        .statusCode(400)
        .body("error", equalTo("Trying to reset an invalid attribute: nonsense"));
    jdoe.authenticated()
        .multiPart(
            "json",
            "json",
            editBody("null", "null", "null").getBytes(StandardCharsets.UTF_8),
            "application/json")
        .multiPart(
            "upload_comps",
            "comps.xml",
            "<comps/>".getBytes(StandardCharsets.UTF_8),
            "application/text")
        .put("/api_3/project-chroot/edit/{o}/{p}/{c}", owner, name, "fedora-40-x86_64")
        .then()
        .statusCode(400)
        .body("error", containsString("upload_comps: not supported"));
    edit(jdoe, owner, name, "epel-9-x86_64", editBody("null", "null", "null"))
        .then()
        .statusCode(404)
        .body("error", containsString("Chroot name epel-9-x86_64 does not exist"));
    V3Clients.Login mallory = V3Clients.newLogin("v3mallory");
    edit(mallory, owner, name, "fedora-40-x86_64", editBody("null", "null", "null"))
        .then()
        .statusCode(403)
        .body("error", equalTo("Only owners and admins may update their projects."));
    // without the json part
    jdoe.authenticated()
        .multiPart("other", "x", "{}".getBytes(StandardCharsets.UTF_8), "application/json")
        .put("/api_3/project-chroot/edit/{o}/{p}/{c}", owner, name, "fedora-40-x86_64")
        .then()
        .statusCode(400)
        .body("error", containsString("'json'"));
  }

  @Test
  void anotherOwnersNameFindsNothing() {
    V3Clients.Login jdoe = V3Clients.newLogin("v3chroot");
    String name = V3ProjectsTest.newProject(jdoe, List.of("fedora-40-x86_64"));
    String other = Api.newUser("v3other");
    V3Clients.plain()
        .queryParam("ownername", other)
        .queryParam("projectname", name)
        .queryParam("chrootname", "fedora-40-x86_64")
        .get("/api_3/project-chroot/build-config")
        .then()
        .statusCode(404)
        .body("error", equalTo("Project " + other + "/" + name + " does not exist."));
  }
}
