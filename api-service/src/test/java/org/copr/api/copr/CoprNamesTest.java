package org.copr.api.copr;

import static org.copr.api.Api.ADMIN;
import static org.copr.api.Api.anonymous;
import static org.copr.api.Api.as;
import static org.copr.api.Api.createCopr;
import static org.copr.api.Api.error;
import static org.copr.api.Api.newUser;
import static org.copr.api.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.copr.api.DbState;
import org.junit.jupiter.api.Test;

/**
 * A deleted copr's name stays its owner's: the .repo files already on users' machines name it, so
 * no other account may create a copr of that name, unless a site admin releases it.
 */
@QuarkusTest
class CoprNamesTest {
  private static final List<String> FEDORA = List.of("fedora-40");
  private static final List<String> X86 = List.of("x86_64");

  @Inject DbState db;

  @Test
  void aDeletedCoprsNameIsRefusedToAnyoneButItsFormerOwner() {
    String alice = newUser("alice");
    String mallory = newUser("mallory");
    String name = unique("squat");
    createCopr(alice, name, FEDORA, X86).then().statusCode(201);
    as(alice).delete("/coprs/{name}", name).then().statusCode(204);

    db.refuses(409, "conflict", () -> createCopr(mallory, name, FEDORA, X86));
    error(createCopr(mallory, name, FEDORA, X86), 409, "conflict")
        .body("detail", containsString("belonged to a deleted copr of " + alice));
    anonymous()
        .get("/copr_names/{name}", name)
        .then()
        .statusCode(200)
        .body("name", equalTo(name))
        .body("former_owner", equalTo(alice));

    createCopr(alice, name, FEDORA, X86).then().statusCode(201).body("owner", equalTo(alice));
    error(anonymous().get("/copr_names/{name}", name), 404, "not_found");
    as(alice).delete("/coprs/{name}", name).then().statusCode(204);
    error(createCopr(mallory, name, FEDORA, X86), 409, "conflict");
  }

  @Test
  void aSiteAdminDeletingAnotherAccountsCoprKeepsTheNameForThatAccount() {
    String bob = newUser("bob");
    String name = unique("kept");
    createCopr(bob, name, FEDORA, X86).then().statusCode(201);
    as(ADMIN).delete("/coprs/{name}", name).then().statusCode(204);

    error(createCopr(ADMIN, name, FEDORA, X86), 409, "conflict");
    anonymous().get("/copr_names/{name}", name).then().body("former_owner", equalTo(bob));
  }

  @Test
  void onlyASiteAdminReleasesAName() {
    String alice = newUser("alice");
    String mallory = newUser("mallory");
    String name = unique("released");
    createCopr(alice, name, FEDORA, X86).then().statusCode(201);
    as(alice).delete("/coprs/{name}", name).then().statusCode(204);

    db.refuses(401, "unauthorized", () -> anonymous().delete("/copr_names/{name}", name));
    db.refuses(403, "forbidden", () -> as(mallory).delete("/copr_names/{name}", name));
    db.refuses(403, "forbidden", () -> as(alice).delete("/copr_names/{name}", name));
    error(as(ADMIN).delete("/copr_names/{name}", unique("never-used")), 404, "not_found");

    as(ADMIN).delete("/copr_names/{name}", name).then().statusCode(204);
    createCopr(mallory, name, FEDORA, X86).then().statusCode(201).body("owner", equalTo(mallory));
  }
}
