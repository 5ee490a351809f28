package org.copr.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.copr.contracts.rest.BuildState;
import org.copr.testing.KafkaBroker;
import org.copr.testing.TestRpms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library against the real api-service (PostgreSQL, Kafka), as another JVM service uses it. */
class CoprClientTest {
  static ApiServiceProcess api;
  static String alice;
  static String bob;
  static CoprClient asAlice;
  static CoprClient asBob;

  @BeforeAll
  static void users() {
    api = ApiServiceProcess.shared();
    alice = ApiServiceProcess.uniqueName("alice");
    bob = ApiServiceProcess.uniqueName("bob");
    api.admin().userCreate(alice, "alice-password", false);
    api.admin().userCreate(bob, "bob-password", false);
    asAlice = new CoprClient(api.url(), alice, "alice-password");
    asBob = new CoprClient(api.url(), bob, "bob-password");
  }

  @Test
  void aCoprLivesThroughEveryCoprMethod() {
    String name = ApiServiceProcess.uniqueName("life");
    String base = ApiServiceProcess.uniqueName("base");
    asAlice.coprCreate(base, "base libs", List.of("fedora-40"), List.of());

    Copr created =
        asAlice.coprCreate(
            name,
            "Hello packages",
            List.of("fedora-40"),
            List.of(base),
            List.of("x86_64", "aarch64"));
    assertThat(created.owner()).isEqualTo(alice);
    assertThat(created.chroots())
        .containsExactlyInAnyOrder("fedora-40-x86_64", "fedora-40-aarch64");
    assertThat(created.dependencies()).containsExactly(base);

    assertThat(new CoprClient(api.url(), null, null).coprInfo(name))
        .usingRecursiveComparison()
        .ignoringFields("createdAt")
        .isEqualTo(created);
    assertThat(asBob.coprList()).extracting(Copr::name).contains(name, base);
    assertThat(asBob.coprList(alice)).extracting(Copr::name).containsExactlyInAnyOrder(name, base);

    Copr edited = asAlice.coprEdit(name, CoprChanges.description("Hello, edited"));
    assertThat(edited.description()).isEqualTo("Hello, edited");
    assertThat(edited.releases()).containsExactly("fedora-40");

    assertThat(asAlice.coprAddReleases(name, List.of("epel-9")).chroots())
        .contains("epel-9-x86_64", "epel-9-aarch64");
    assertThat(asAlice.coprRemoveReleases(name, List.of("fedora-40")).releases())
        .containsExactly("epel-9");
    assertThat(asAlice.coprRemoveDependencies(name, List.of(base)).dependencies()).isEmpty();
    assertThat(asAlice.coprAddDependencies(name, List.of(base)).dependencies())
        .containsExactly(base);

    assertThat(asAlice.coprGrant(name, bob, "builder").permissions())
        .containsExactly(new Copr.Permission(bob, "builder"));
    assertThat(asAlice.coprRevoke(name, bob).permissions()).isEmpty();

    asAlice.coprDelete(name);
    assertThatThrownBy(() -> asAlice.coprInfo(name))
        .isInstanceOfSatisfying(
            CoprException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.error()).isEqualTo("not_found");
              assertThat(e.detail()).contains(name);
            });
  }

  @Test
  void packagesUploadBuildAndGo(@TempDir Path dir) throws Exception {
    String copr = ApiServiceProcess.uniqueName("pkgs");
    asAlice.coprCreate(copr, "", List.of("fedora-40", "epel-9"), List.of());
    Path srpm = TestRpms.srpm(dir, "hello-lib", "1.2", TestRpms.Options.defaults());
    List<long[]> progress = new ArrayList<>();

    Upload upload =
        asAlice.pkgCreate(copr, srpm, (sent, total) -> progress.add(new long[] {sent, total}));

    assertThat(upload.pkg().name()).isEqualTo("hello-lib");
    assertThat(upload.pkg().latestEvr()).isEqualTo("1.2-1");
    assertThat(upload.pkg().versions().get(0).srpmSize()).isEqualTo(Files.size(srpm));
    assertThat(upload.builds())
        .extracting(Build::chroot)
        .containsExactlyInAnyOrder("fedora-40-x86_64", "epel-9-x86_64");
    assertThat(upload.builds()).allMatch(b -> b.state() == BuildState.PENDING);
    long[] last = progress.get(progress.size() - 1);
    assertThat(last[0]).isEqualTo(last[1]).isGreaterThan(Files.size(srpm));

    assertThat(asBob.pkgList(copr)).extracting(Pkg::name).containsExactly("hello-lib");
    assertThat(asBob.pkgInfo(copr, "hello-lib").versions())
        .extracting(Pkg.Version::evr)
        .containsExactly("1.2-1");
    assertThat(asBob.buildList(copr)).hasSize(2);
    assertThat(asBob.buildList(copr, "hello-lib")).hasSize(2);

    Build first = upload.builds().get(0);
    BackendStandIn worker = new BackendStandIn(api);
    int attempt = worker.start(first, "line one\n");
    LogChunk chunk = asBob.buildLog(first.id(), 0);
    assertThat(chunk.text()).isEqualTo("line one\n");
    assertThat(chunk.state()).isEqualTo(BuildState.RUNNING);
    worker.appendLog(first, attempt, "line two\n");
    worker.finish(first, attempt, true);
    LogChunk rest = asBob.buildLog(first.id(), chunk.nextOffset());
    assertThat(rest.text()).isEqualTo("line two\n");
    assertThat(rest.state()).isEqualTo(BuildState.SUCCEEDED);
    assertThat(asBob.buildInfo(first.id()).endedAt()).isNotNull();

    Build second = upload.builds().get(1);
    assertThatThrownBy(() -> asBob.buildCancel(second.id()))
        .isInstanceOfSatisfying(CoprException.class, e -> assertThat(e.status()).isEqualTo(403));
    assertThat(asAlice.buildCancel(second.id()).cancelRequestedAt()).isNotNull();
    worker.confirmCancel(second);
    assertThat(asBob.buildInfo(second.id()).state()).isEqualTo(BuildState.CANCELED);
    assertThatThrownBy(() -> asAlice.buildCancel(second.id()))
        .isInstanceOfSatisfying(
            CoprException.class, e -> assertThat(e.error()).isEqualTo("conflict"));

    assertThat(asBob.repoFile(copr, "fedora-40")).contains("[").contains("baseurl=");

    asAlice.pkgDelete(copr, "hello-lib");
    assertThat(asBob.pkgList(copr)).isEmpty();
  }

  @Test
  void refusalsCarryStatusErrorAndDetail() {
    String copr = ApiServiceProcess.uniqueName("refused");
    CoprClient anonymous = new CoprClient(api.url(), null, null);
    assertThatThrownBy(() -> anonymous.coprCreate(copr, "", List.of("fedora-40"), List.of()))
        .isInstanceOfSatisfying(CoprException.class, e -> assertThat(e.status()).isEqualTo(401));
    CoprClient wrong = new CoprClient(api.url(), alice, "not-her-password");
    assertThatThrownBy(wrong::userMe)
        .isInstanceOfSatisfying(
            CoprException.class, e -> assertThat(e.error()).isEqualTo("unauthorized"));

    asAlice.coprCreate(copr, "", List.of("fedora-40"), List.of());
    assertThatThrownBy(() -> asAlice.coprCreate(copr, "", List.of("fedora-40"), List.of()))
        .isInstanceOfSatisfying(
            CoprException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.error()).isEqualTo("conflict");
            });
    assertThatThrownBy(() -> asBob.coprDelete(copr))
        .isInstanceOfSatisfying(CoprException.class, e -> assertThat(e.status()).isEqualTo(403));
    assertThatThrownBy(() -> asAlice.coprAddReleases(copr, List.of("Not A Release")))
        .isInstanceOfSatisfying(
            CoprException.class, e -> assertThat(e.status()).isBetween(400, 422));
    assertThat(asAlice.coprInfo(copr).releases()).containsExactly("fedora-40");
  }

  @Test
  void usersAndLogins() {
    User me = asAlice.userMe();
    assertThat(me.username()).isEqualTo(alice);
    assertThat(me.admin()).isFalse();
    String carol = ApiServiceProcess.uniqueName("carol");
    assertThat(api.admin().userCreate(carol, "carol-password", true).admin()).isTrue();
    assertThat(new CoprClient(api.url(), carol, "carol-password").userMe().admin()).isTrue();
    assertThatThrownBy(
            () -> asAlice.userCreate(ApiServiceProcess.uniqueName("dave"), "dave-password", false))
        .isInstanceOfSatisfying(CoprException.class, e -> assertThat(e.status()).isEqualTo(403));
  }

  @Test
  void anUnreachableServiceIsANetworkError() {
    CoprClient nowhere = new CoprClient("http://127.0.0.1:" + KafkaBroker.freePort(), null, null);
    assertThatThrownBy(nowhere::coprList)
        .isInstanceOfSatisfying(
            CoprException.class,
            e -> {
              assertThat(e.isNetworkError()).isTrue();
              assertThat(e.error()).isEqualTo(CoprException.NETWORK_ERROR);
              assertThat(e.detail()).contains("cannot reach the Copr service at http://127.0.0.1:");
            });
  }
}
