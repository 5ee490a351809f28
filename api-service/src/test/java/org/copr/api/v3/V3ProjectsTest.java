package org.copr.api.v3;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.copr.api.Api;
import org.junit.jupiter.api.Test;

/**
 * {@code /api_3/project} with the bodies copr-cli and Packit send (python-copr's ProjectProxy: the
 * path values repeated in the query, every argument in the body, null where not given).
 */
@QuarkusTest
class V3ProjectsTest {
  static final String REPOS = "http://127.0.0.1:8083/repos/";

  /**
   * copr-cli create NAME --chroot C... --description D: its defaults, as python-copr sends them.
   */
  static String cliCreate(String name, List<String> chroots, String description) {
    return """
        {"name": "%s", "chroots": %s, "description": "%s", "instructions": null,
         "homepage": null, "contact": null, "additional_repos": null, "unlisted_on_hp": null,
         "enable_net": false, "persistent": false, "auto_prune": true, "bootstrap": "default",
         "bootstrap_image": null, "isolation": "default", "follow_fedora_branching": true,
         "devel_mode": null, "delete_after_days": null, "multilib": false,
         "module_hotfixes": false, "fedora_review": false, "appstream": false,
         "runtime_dependencies": null, "packit_forge_projects_allowed": null,
         "repo_priority": null, "storage": null}
        """
        .formatted(name, json(chroots), description);
  }

  /** Packit's create_or_update_copr_project: project_proxy.add(..., exist_ok=True). */
  static String packitAdd(String name, List<String> chroots) {
    return """
        {"name": "%s", "chroots": %s,
         "description": "Continuous builds initiated by Packit service.\\nFor more info check out https://packit.dev/",
         "instructions": "You can check out the upstream project https://github.com/packit/hello to find out how to consume these builds. This copr project is created and handled by the Packit project (https://packit.dev/).",
         "homepage": null, "contact": "https://github.com/packit/packit/issues",
         "additional_repos": null, "unlisted_on_hp": true, "enable_net": false,
         "persistent": false, "auto_prune": true, "bootstrap": null, "bootstrap_image": null,
         "isolation": null, "follow_fedora_branching": false, "devel_mode": false,
         "delete_after_days": 60, "multilib": false, "module_hotfixes": false,
         "fedora_review": null, "appstream": false, "runtime_dependencies": null,
         "packit_forge_projects_allowed": null, "repo_priority": null, "storage": null}
        """
        .formatted(name, json(chroots));
  }

  /** python-copr's project_proxy.edit with only chroots given (Packit's update). */
  static String editChroots(List<String> chroots) {
    return """
        {"chroots": %s, "description": null, "instructions": null, "homepage": null,
         "contact": null, "repos": null, "unlisted_on_hp": null, "enable_net": null,
         "auto_prune": null, "bootstrap": null, "isolation": null,
         "follow_fedora_branching": null, "bootstrap_image": null, "devel_mode": null,
         "delete_after_days": null, "multilib": null, "module_hotfixes": null,
         "fedora_review": null, "appstream": null, "runtime_dependencies": null,
         "packit_forge_projects_allowed": null, "repo_priority": null}
        """
        .formatted(json(chroots));
  }

  static String json(List<String> values) {
    return values.stream().map(v -> "\"" + v + "\"").toList().toString();
  }

  static Response add(V3Clients.Login login, String owner, String body, String existOk) {
    return login
        .authenticated()
        .contentType(ContentType.JSON)
        .queryParam("ownername", owner)
        .queryParam("exist_ok", existOk)
        .body(body)
        .post("/api_3/project/add/{o}", owner);
  }

  static String newProject(V3Clients.Login login, List<String> chroots) {
    String name = Api.unique("v3p");
    add(login, login.username(), cliCreate(name, chroots, "d"), "False").then().statusCode(200);
    return name;
  }

  static ValidatableResponse error(Response r, int status, String sentence) {
    return r.then()
        .statusCode(status)
        .contentType(ContentType.JSON)
        .body("error", equalTo(sentence));
  }

  @Test
  void copcCliCreateAnswersTheWholeProject() {
    V3Clients.Login jdoe = V3Clients.newLogin("v3jdoe");
    String name = Api.unique("hello");
    add(
            jdoe,
            jdoe.username(),
            cliCreate(name, List.of("fedora-40-x86_64", "epel-9-x86_64"), "my packages"),
            "False")
        .then()
        .statusCode(200)
        .body("$", not(hasKey("error")))
        .body("id", instanceOf(Integer.class))
        .body("name", equalTo(name))
        .body("ownername", equalTo(jdoe.username()))
        .body("full_name", equalTo(jdoe.username() + "/" + name))
        .body("homepage", nullValue())
        .body("contact", nullValue())
        .body("description", equalTo("my packages"))
        .body("instructions", equalTo(""))
        .body("devel_mode", equalTo(false))
        .body("persistent", equalTo(false))
        .body("unlisted_on_hp", equalTo(false))
        .body("auto_prune", equalTo(false))
        .body("enable_net", equalTo(false))
        .body("bootstrap", equalTo("default"))
        .body("isolation", equalTo("default"))
        .body("module_hotfixes", equalTo(false))
        .body("appstream", equalTo(false))
        .body("packit_forge_projects_allowed", empty())
        .body("follow_fedora_branching", equalTo(false))
        .body("$", hasKey("repo_priority"))
        .body("repo_priority", nullValue())
        .body("additional_repos", empty())
        .body("storage", equalTo("backend"))
        .body(
            "chroot_repos",
            equalTo(
                Map.of(
                    "epel-9-x86_64", REPOS + name + "/epel-9-x86_64/",
                    "fedora-40-x86_64", REPOS + name + "/fedora-40-x86_64/")));

    V3Clients.plain()
        .queryParam("ownername", jdoe.username())
        .queryParam("projectname", name)
        .get("/api_3/project")
        .then()
        .statusCode(200)
        .body("full_name", equalTo(jdoe.username() + "/" + name))
        .body("chroot_repos.keySet()", contains("epel-9-x86_64", "fedora-40-x86_64"));
    // our own API sees the same copr
    Api.anonymous()
        .get("/coprs/{n}", name)
        .then()
        .statusCode(200)
        .body("releases", contains("epel-9", "fedora-40"))
        .body("arches", contains("x86_64"));
  }

  @Test
  void addingAnExistingProjectIs400UnlessExistOk() {
    V3Clients.Login jdoe = V3Clients.newLogin("v3jdoe");
    String name = newProject(jdoe, List.of("fedora-40-x86_64"));
    error(
        add(jdoe, jdoe.username(), cliCreate(name, List.of("fedora-41-x86_64"), "other"), "False"),
        400,
        "name: You already have a project named '" + name + "'.");
    // exist_ok answers the project as it is: nothing of the new body is applied
    add(jdoe, jdoe.username(), packitAdd(name, List.of("fedora-41-x86_64")), "True")
        .then()
        .statusCode(200)
        .body("description", equalTo("d"))
        .body("unlisted_on_hp", equalTo(false))
        .body("chroot_repos.keySet()", contains("fedora-40-x86_64"));
  }

  @Test
  void packitsSequenceAddGetCompareEdit() {
    V3Clients.Login packit = V3Clients.newLogin("v3packit");
    String name = Api.unique("packit-hello-pr-1");
    String owner = packit.username();
    add(packit, owner, packitAdd(name, List.of("fedora-41-x86_64")), "True")
        .then()
        .statusCode(200)
        .body("contact", equalTo("https://github.com/packit/packit/issues"))
        .body("unlisted_on_hp", equalTo(true))
        .body("instructions", containsString("handled by the Packit project"));
    // the next PR run: add again (exists), get, compare, edit with the union of chroots
    add(packit, owner, packitAdd(name, List.of("fedora-42-x86_64")), "True").then().statusCode(200);
    Map<String, Object> project =
        packit
            .authenticated()
            .queryParam("ownername", owner)
            .queryParam("projectname", name)
            .get("/api_3/project")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("");
    assertEquals(
        "Continuous builds initiated by Packit service.\nFor more info check out https://packit.dev/",
        project.get("description"));
    assertEquals(List.of(), project.get("additional_repos"));
    assertEquals(false, project.get("module_hotfixes"));
    assertEquals("default", project.get("bootstrap"));
    packit
        .authenticated()
        .contentType(ContentType.JSON)
        .queryParam("ownername", owner)
        .queryParam("projectname", name)
        .body(editChroots(List.of("fedora-41-x86_64", "fedora-42-x86_64")))
        .put("/api_3/project/edit/{o}/{p}", owner, name)
        .then()
        .statusCode(200)
        .body("$", not(hasKey("error")))
        .body("chroot_repos.keySet()", contains("fedora-41-x86_64", "fedora-42-x86_64"))
        .body("description", containsString("Packit service"))
        .body("contact", equalTo("https://github.com/packit/packit/issues"))
        .body("unlisted_on_hp", equalTo(true));
  }

  @Test
  void copcCliModifyChangesTheDescribedFields() {
    V3Clients.Login jdoe = V3Clients.newLogin("v3jdoe");
    String dep = newProject(jdoe, List.of("fedora-40-x86_64"));
    String name = newProject(jdoe, List.of("fedora-40-x86_64"));
    String body =
        """
        {"chroots": null, "description": "new", "instructions": "dnf copr enable it",
         "homepage": "https://example.org/hello", "contact": "jdoe@example.org",
         "repos": ["copr://%s/%s"], "unlisted_on_hp": true, "enable_net": null,
         "auto_prune": null, "bootstrap": "default", "isolation": null,
         "follow_fedora_branching": null, "bootstrap_image": null, "devel_mode": null,
         "delete_after_days": null, "multilib": null, "module_hotfixes": null,
         "fedora_review": null, "appstream": null, "runtime_dependencies": null,
         "packit_forge_projects_allowed": null, "repo_priority": null}
        """
            .formatted(jdoe.username(), dep);
    jdoe.authenticated()
        .contentType(ContentType.JSON)
        .queryParam("ownername", jdoe.username())
        .queryParam("projectname", name)
        .body(body)
        .put("/api_3/project/edit/{o}/{p}", jdoe.username(), name)
        .then()
        .statusCode(200)
        .body("description", equalTo("new"))
        .body("instructions", equalTo("dnf copr enable it"))
        .body("homepage", equalTo("https://example.org/hello"))
        .body("contact", equalTo("jdoe@example.org"))
        .body("unlisted_on_hp", equalTo(true))
        .body("additional_repos", contains("copr://" + jdoe.username() + "/" + dep))
        .body("chroot_repos.keySet()", contains("fedora-40-x86_64"));
    Api.anonymous().get("/coprs/{n}", name).then().body("dependencies", contains(dep));
  }

  @Test
  void unlistedProjectsAreLeftOffTheHomePageButFoundBySearch() {
    V3Clients.Login jdoe = V3Clients.newLogin("v3jdoe");
    // names that sort first, so that both would be on the home page's first page
    String listed = "00a-" + Api.unique("v3");
    String unlisted = "00b-" + Api.unique("v3");
    add(jdoe, jdoe.username(), cliCreate(listed, List.of("fedora-40-x86_64"), "d"), "False")
        .then()
        .statusCode(200);
    add(jdoe, jdoe.username(), packitAdd(unlisted, List.of("fedora-40-x86_64")), "False")
        .then()
        .statusCode(200)
        .body("unlisted_on_hp", equalTo(true));
    Api.anonymous()
        .get("/")
        .then()
        .statusCode(200)
        .body(containsString(listed))
        .body(not(containsString(unlisted)));
    Api.anonymous().queryParam("q", unlisted).get("/").then().body(containsString(unlisted));
  }

  @Test
  void chrootsMustBeReleasesTimesArches() {
    V3Clients.Login jdoe = V3Clients.newLogin("v3jdoe");
    String name = Api.unique("v3p");
    Response r =
        add(
            jdoe,
            jdoe.username(),
            cliCreate(name, List.of("fedora-40-x86_64", "fedora-41-aarch64"), "d"),
            "False");
    r.then()
        .statusCode(400)
        .body("error", containsString("releases × arches"))
        .body("error", containsString("[fedora-40-aarch64, fedora-41-x86_64]"));
    error(
        add(jdoe, jdoe.username(), cliCreate(name, List.of("fedora-40-sparc"), "d"), "False"),
        400,
        "Unexpected chroot: fedora-40-sparc");
    error(
        add(jdoe, jdoe.username(), cliCreate(name, List.of("rawhide"), "d"), "False"),
        400,
        "Unexpected chroot: rawhide");
    error(
        add(jdoe, jdoe.username(), cliCreate(name, List.of(), "d"), "False"),
        400,
        "chroots: At least one chroot must be selected");
    // nothing was made
    V3Clients.plain()
        .queryParam("ownername", jdoe.username())
        .queryParam("projectname", name)
        .get("/api_3/project")
        .then()
        .statusCode(404)
        .body("error", equalTo("Project " + jdoe.username() + "/" + name + " does not exist."));
    // a product is fine, in any order
    add(
            jdoe,
            jdoe.username(),
            cliCreate(
                name,
                List.of(
                    "fedora-41-aarch64",
                    "fedora-40-x86_64",
                    "fedora-40-aarch64",
                    "fedora-41-x86_64"),
                "d"),
            "False")
        .then()
        .statusCode(200)
        .body("chroot_repos.size()", equalTo(4));
  }

  @Test
  void knobsThisCoprDoesNotHaveAreRefusedNamingTheField() {
    V3Clients.Login jdoe = V3Clients.newLogin("v3jdoe");
    String name = Api.unique("v3p");
    String base = cliCreate(name, List.of("fedora-40-x86_64"), "d");
    error(
        add(
            jdoe,
            jdoe.username(),
            base.replace("\"enable_net\": false", "\"enable_net\": true"),
            "False"),
        400,
        "enable_net: not supported by this Copr: builds in this Copr have no network access;"
            + " send false or leave it out.");
    add(
            jdoe,
            jdoe.username(),
            base.replace("\"bootstrap\": \"default\"", "\"bootstrap\": \"image\""),
            "False")
        .then()
        .statusCode(400)
        .body("error", containsString("bootstrap: not supported by this Copr"))
        .body("error", containsString("not 'image'"));
    add(jdoe, jdoe.username(), base.replace("\"storage\": null", "\"storage\": \"pulp\""), "False")
        .then()
        .statusCode(400)
        .body("error", containsString("storage: "));
    add(
            jdoe,
            jdoe.username(),
            base.replace("\"repo_priority\": null", "\"repo_priority\": \"5\""),
            "False")
        .then()
        .statusCode(400)
        .body("error", containsString("repo_priority: "));
    add(
            jdoe,
            jdoe.username(),
            base.replace(
                "\"additional_repos\": null",
                "\"additional_repos\": [\"https://example.org/repo\"]"),
            "False")
        .then()
        .statusCode(400)
        .body("error", containsString("additional_repos: "))
        .body("error", containsString("copr://owner/project"));
    V3Clients.plain()
        .queryParam("ownername", jdoe.username())
        .queryParam("projectname", name)
        .get("/api_3/project")
        .then()
        .statusCode(404);
  }

  @Test
  void onlyOwnersAndAdminsEdit() {
    V3Clients.Login jdoe = V3Clients.newLogin("v3jdoe");
    V3Clients.Login mallory = V3Clients.newLogin("v3mallory");
    String name = newProject(jdoe, List.of("fedora-40-x86_64"));
    error(
        mallory
            .authenticated()
            .contentType(ContentType.JSON)
            .body(editChroots(List.of("fedora-41-x86_64")))
            .put("/api_3/project/edit/{o}/{p}", jdoe.username(), name),
        403,
        "Only owners and admins may update their projects.");
    // the copr under another owner's name does not exist, whoever asks
    error(
        mallory
            .authenticated()
            .contentType(ContentType.JSON)
            .body(editChroots(List.of("fedora-41-x86_64")))
            .put("/api_3/project/edit/{o}/{p}", mallory.username(), name),
        404,
        "Project " + mallory.username() + "/" + name + " does not exist.");
    error(
        mallory
            .authenticated()
            .contentType(ContentType.JSON)
            .body("{\"verify\": true}")
            .delete("/api_3/project/delete/{o}/{p}", jdoe.username(), name),
        403,
        "Only owners may delete their projects.");
    error(
        mallory
            .authenticated()
            .contentType(ContentType.JSON)
            .body(cliCreate(Api.unique("x"), List.of("fedora-40-x86_64"), "d"))
            .post("/api_3/project/add/{o}", jdoe.username()),
        403,
        "You can create projects only under your own name ("
            + mallory.username()
            + "), not under "
            + jdoe.username()
            + ".");
    // a name another user has is taken: names are unique across users here
    mallory
        .authenticated()
        .contentType(ContentType.JSON)
        .body(cliCreate(name, List.of("fedora-40-x86_64"), "d"))
        .queryParam("exist_ok", "True")
        .post("/api_3/project/add/{o}", mallory.username())
        .then()
        .statusCode(409)
        .body("error", containsString("taken by a project of another user"));
    // an admin grantee may edit
    Api.as(jdoe.username())
        .contentType(ContentType.JSON)
        .body(Map.of("username", mallory.username(), "permission", "admin"))
        .post("/coprs/{n}/grant", name)
        .then()
        .statusCode(200);
    mallory
        .authenticated()
        .contentType(ContentType.JSON)
        .body(editChroots(List.of("fedora-41-x86_64")))
        .put("/api_3/project/edit/{o}/{p}", jdoe.username(), name)
        .then()
        .statusCode(200)
        .body("chroot_repos.keySet()", contains("fedora-41-x86_64"));
    V3Clients.plain()
        .queryParam("ownername", jdoe.username())
        .queryParam("projectname", name)
        .get("/api_3/project")
        .then()
        .body("chroot_repos.keySet()", contains("fedora-41-x86_64"));
  }

  @Test
  void groupsBadNamesAndMissingArguments() {
    V3Clients.Login jdoe = V3Clients.newLogin("v3jdoe");
    error(
        add(jdoe, "@copr", cliCreate(Api.unique("g"), List.of("fedora-40-x86_64"), "d"), "False"),
        404,
        "Group copr does not exist.");
    add(jdoe, jdoe.username(), cliCreate("-rf", List.of("fedora-40-x86_64"), "d"), "False")
        .then()
        .statusCode(400)
        .body("error", containsString("name: "));
    error(
        V3Clients.plain().queryParam("projectname", "x").get("/api_3/project"),
        400,
        "Missing argument ownername");
    error(
        V3Clients.plain()
            .queryParam("ownername", "@copr")
            .queryParam("projectname", "x")
            .get("/api_3/project"),
        404,
        "Group copr does not exist.");
    add(
            jdoe,
            jdoe.username(),
            cliCreate(Api.unique("b"), List.of("fedora-40-x86_64"), "d"),
            "Maybe")
        .then()
        .statusCode(400)
        .body("error", containsString("exist_ok"));
    // a huge body is refused before it is read
    String huge = cliCreate(Api.unique("h"), List.of("fedora-40-x86_64"), "x".repeat(2 << 20));
    add(jdoe, jdoe.username(), huge, "False").then().statusCode(413).body("$", hasKey("error"));
    String long_ = cliCreate(Api.unique("h"), List.of("fedora-40-x86_64"), "x".repeat(20_000));
    add(jdoe, jdoe.username(), long_, "False")
        .then()
        .statusCode(422)
        .body("error", containsString("description: at most"));
  }

  @Test
  void listsPageByOwnerAndSearchFindsWithoutLogin() {
    V3Clients.Login jdoe = V3Clients.newLogin("v3lister");
    String a = newProject(jdoe, List.of("fedora-40-x86_64"));
    String b = newProject(jdoe, List.of("fedora-40-x86_64"));
    String c = newProject(jdoe, List.of("fedora-40-x86_64"));
    // Generated names sort as text ("p-100" before "p-99"): the order by name is the sorted one.
    List<String> byName = java.util.stream.Stream.of(a, b, c).sorted().toList();
    V3Clients.plain()
        .queryParam("ownername", jdoe.username())
        .get("/api_3/project/list")
        .then()
        .statusCode(200)
        .body("items.name", contains(a, b, c))
        .body("meta.limit", nullValue())
        .body("meta.offset", equalTo(0));
    V3Clients.plain()
        .queryParam("ownername", jdoe.username())
        .queryParam("limit", 2)
        .queryParam("offset", 0)
        .queryParam("order", "name")
        .queryParam("order_type", "DESC")
        .get("/api_3/project/list")
        .then()
        .statusCode(200)
        .body("items.name", contains(byName.get(2), byName.get(1)))
        .body("meta.limit", equalTo(2))
        .body("meta.offset", equalTo(0))
        .body("meta.order", equalTo("name"))
        .body("meta.order_type", equalTo("DESC"));
    V3Clients.plain()
        .queryParam("ownername", jdoe.username())
        .queryParam("limit", 2)
        .queryParam("offset", 2)
        .get("/api_3/project/list")
        .then()
        .body("items.name", contains(c))
        .body("meta.offset", equalTo(2));
    V3Clients.plain()
        .queryParam("ownername", jdoe.username())
        .queryParam("limit", 2)
        .queryParam("offset", 4)
        .get("/api_3/project/list")
        .then()
        .statusCode(200)
        .body("items", empty())
        .body("meta.limit", equalTo(2))
        .body("meta.offset", equalTo(4));
    V3Clients.plain()
        .queryParam("ownername", "nobody-" + jdoe.username())
        .get("/api_3/project/list")
        .then()
        .statusCode(200)
        .body("items", empty());
    // all projects, as dnf copr and copr-cli list without an owner ask
    V3Clients.plain()
        .get("/api_3/project/list")
        .then()
        .statusCode(200)
        .body("items.name", hasItem(a));
    V3Clients.plain()
        .queryParam("query", b)
        .get("/api_3/project/search")
        .then()
        .statusCode(200)
        .body("items.full_name", contains(jdoe.username() + "/" + b))
        .body("$", not(hasKey("error")));
    V3Clients.plain()
        .queryParam("query", jdoe.username())
        .queryParam("limit", 10)
        .get("/api_3/project/search")
        .then()
        .body("items.name", contains(a, b, c));
    error(V3Clients.plain().get("/api_3/project/search"), 400, "Missing argument query");
    V3Clients.plain()
        .queryParam("ownername", jdoe.username())
        .queryParam("order", "owner")
        .get("/api_3/project/list")
        .then()
        .statusCode(400)
        .body("error", containsString("order must be one of id, name"));
  }

  @Test
  void deleteReadsTheBodyAndAnswersTheProjectAsItWas() {
    V3Clients.Login jdoe = V3Clients.newLogin("v3jdoe");
    String name = newProject(jdoe, List.of("fedora-40-x86_64"));
    error(
        jdoe.authenticated()
            .contentType(ContentType.JSON)
            .body("{\"verify\": false}")
            .delete("/api_3/project/delete/{o}/{p}", jdoe.username(), name),
        400,
        "verify: This field is required.");
    jdoe.authenticated()
        .contentType(ContentType.JSON)
        .queryParam("ownername", jdoe.username())
        .queryParam("projectname", name)
        .body("{\"verify\": true}")
        .delete("/api_3/project/delete/{o}/{p}", jdoe.username(), name)
        .then()
        .statusCode(200)
        .body("name", equalTo(name))
        .body("full_name", equalTo(jdoe.username() + "/" + name))
        .body("chroot_repos.keySet()", contains("fedora-40-x86_64"));
    error(
        V3Clients.plain()
            .queryParam("ownername", jdoe.username())
            .queryParam("projectname", name)
            .get("/api_3/project"),
        404,
        "Project " + jdoe.username() + "/" + name + " does not exist.");
  }

  @Test
  void forkIsRefusedClearlyAndRegenerateReposAnswersTheProject() {
    V3Clients.Login jdoe = V3Clients.newLogin("v3jdoe");
    String name = newProject(jdoe, List.of("fedora-40-x86_64"));
    jdoe.authenticated()
        .contentType(ContentType.JSON)
        .body(
            "{\"name\": \"forked\", \"ownername\": \""
                + jdoe.username()
                + "\", \"confirm\": false}")
        .post("/api_3/project/fork/{o}/{p}", jdoe.username(), name)
        .then()
        .statusCode(400)
        .body("error", startsWithForking());
    jdoe.authenticated()
        .put("/api_3/project/regenerate-repos/{o}/{p}", jdoe.username(), name)
        .then()
        .statusCode(200)
        .body("name", equalTo(name));
  }

  @Test
  void olderClientsPostToEditAndDelete() {
    V3Clients.Login jdoe = V3Clients.newLogin("v3jdoe");
    String name = newProject(jdoe, List.of("fedora-40-x86_64"));
    jdoe.authenticated()
        .contentType(ContentType.JSON)
        .body("{\"description\": \"by post\", \"chroots\": null}")
        .post("/api_3/project/edit/{o}/{p}/", jdoe.username(), name)
        .then()
        .statusCode(200)
        .body("description", equalTo("by post"));
    error(
        jdoe.authenticated()
            .contentType(ContentType.JSON)
            .body("{\"verify\": true}")
            .post("/api_3/project/delete/@copr/{p}", name),
        404,
        "Group copr does not exist.");
    jdoe.authenticated()
        .contentType(ContentType.JSON)
        .body("{\"verify\": true}")
        .post("/api_3/project/delete/{o}/{p}", jdoe.username(), name)
        .then()
        .statusCode(200)
        .body("description", equalTo("by post"));
    Api.anonymous().get("/coprs/{n}", name).then().statusCode(404);
  }

  private static org.hamcrest.Matcher<String> startsWithForking() {
    return org.hamcrest.Matchers.startsWith("Forking is not supported by this Copr");
  }

  @Test
  void mockChrootsListsReleasesTimesArches() {
    Map<String, Object> chroots =
        V3Clients.plain()
            .get("/api_3/mock-chroots/list")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("");
    for (String c :
        List.of(
            "fedora-rawhide-x86_64",
            "fedora-42-aarch64",
            "epel-9-s390x",
            "centos-stream-10-i386")) {
      assertEquals("", chroots.get(c), c);
    }
    assertEquals(false, chroots.containsKey("error"));
  }
}
