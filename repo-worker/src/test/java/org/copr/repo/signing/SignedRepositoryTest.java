package org.copr.repo.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.copr.contracts.CoprEvent;
import org.copr.contracts.SigningKey;
import org.copr.contracts.StorageLayout;
import org.copr.contracts.Topics;
import org.copr.repo.Coprs;
import org.copr.repo.Events;
import org.copr.repo.FinishedBuilds;
import org.copr.repo.RepoWorkerConfig;
import org.copr.testing.Dnf;
import org.copr.testing.Processes;
import org.copr.testing.TestRpms;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every package in a repository is signed with its copr's key, and real dnf with gpgcheck=1 and
 * only a .repo file (gpgkey= pointing at the published pubkey.gpg) checks it: rpm -K, dnf install,
 * a tampered copy refused, a dependency copr with its own key, a key made anew for a copr created
 * again, an extended key, and the private key found nowhere in clear.
 */
@QuarkusTest
class SignedRepositoryTest {
  private static final String FEDORA = Coprs.FEDORA;
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String PRIVATE_ARMOR = "PGP PRIVATE KEY BLOCK";
  private static TopicProbe status;
  private static TopicProbe keyEvents;

  @Inject RepoWorkerConfig config;
  @Inject SigningKeys keys;

  @TestHTTPResource("/repos")
  URL repos;

  @BeforeAll
  static void probe() {
    status = Events.statusProbe();
    keyEvents = new TopicProbe(Events.bootstrap(), Topics.COPR_KEYS);
  }

  @AfterAll
  static void close() {
    status.close();
    keyEvents.close();
  }

  @Test
  void everyPackageIsSignedAndDnfWithGpgcheckInstallsItAndRefusesATamperedCopy() throws Exception {
    String copr = Coprs.create(layout(), "signed", FEDORA);
    String fingerprint = awaitKey(copr).fingerprint();
    assertThat(fingerprint).matches("[0-9A-F]{40}");
    assertThat(keys.fingerprint(copr)).contains(fingerprint);
    assertThat(Files.readString(pubkey(copr))).contains("BEGIN PGP PUBLIC KEY BLOCK");

    long id = FinishedBuilds.nextBuildId();
    Events.publish(FinishedBuilds.build(layout(), id, copr, FEDORA, "hello-copr", "1.0"));
    Events.awaitPublished(status, id);
    Path folder = layout().publishedBuild(copr, FEDORA, id, "hello-copr");

    List<Path> packages = rpms(folder);
    assertThat(packages)
        .extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder("hello-copr-1.0-1.noarch.rpm", "hello-copr-1.0-1.src.rpm");
    assertSignedBy(pubkey(copr), fingerprint, packages);

    Dnf dnf = Dnf.throwaway().repoFile(repoFile(url(""), copr));
    String out = dnf.check("install", "hello-copr");
    assertThat(out).contains("Importing GPG key 0x" + shortId(fingerprint));
    assertThat(dnf.runInstalled("hello-copr")).isEqualTo("hello-copr 1.0");

    // A mirror that changed one byte of a package and rebuilt the metadata to match it.
    Path mirror = Files.createTempDirectory("copr-tampered-");
    Processes.check(
        mirror, Map.of(), List.of("cp", "-a", layout().repos().resolve(copr).toString(), "."));
    Path tampered =
        mirror
            .resolve(copr)
            .resolve(FEDORA)
            .resolve(folder.getFileName())
            .resolve("hello-copr-1.0-1.noarch.rpm");
    byte[] bytes = Files.readAllBytes(tampered);
    bytes[bytes.length - 1] ^= 0x01; // the payload is the end of the file
    Files.write(tampered, bytes);
    Processes.check(
        mirror,
        Map.of(),
        List.of("createrepo_c", "--no-database", mirror.resolve(copr).resolve(FEDORA).toString()));
    Dnf victim = Dnf.throwaway().repoFile(repoFile("file://" + mirror + "/", copr));
    Processes.Result refused = victim.install("hello-copr");
    assertThat(refused.exitCode()).as(refused.output()).isNotZero();
    assertThat(refused.output()).contains("GPG check FAILED");
    assertThat(victim.run("-q", "list", "--installed", "hello-copr").exitCode()).isNotZero();
  }

  @Test
  void aPackageRequiringOneOfADependencyCoprInstallsWithBothKeysChecked() {
    String base = Coprs.create(layout(), "sbase", FEDORA);
    String app = Coprs.create(layout(), "sapp", FEDORA);
    long lib = FinishedBuilds.nextBuildId();
    Events.publish(FinishedBuilds.build(layout(), lib, base, FEDORA, "libgreet", "1.5"));
    long tool = FinishedBuilds.nextBuildId();
    Events.publish(
        FinishedBuilds.build(
            layout(),
            tool,
            1,
            app,
            FEDORA,
            "greeter",
            "3.0",
            TestRpms.Options.defaults().requires("libgreet >= 1.5")));
    Events.awaitPublished(status, lib);
    Events.awaitPublished(status, tool);
    String baseKey = keys.fingerprint(base).orElseThrow();
    String appKey = keys.fingerprint(app).orElseThrow();
    assertThat(baseKey).isNotEqualTo(appKey);
    assertSignedBy(
        pubkey(base), baseKey, rpms(layout().publishedBuild(base, FEDORA, lib, "libgreet")));
    assertSignedBy(
        pubkey(app), appKey, rpms(layout().publishedBuild(app, FEDORA, tool, "greeter")));

    // As api-service writes it: the copr's section, then each dependency's, each with its key.
    Dnf dnf = Dnf.throwaway().repoFile(repoFile(url(""), app) + repoFile(url(""), base));
    String out = dnf.check("install", "greeter");
    assertThat(out)
        .contains("Importing GPG key 0x" + shortId(appKey))
        .contains("Importing GPG key 0x" + shortId(baseKey));
    assertThat(dnf.runInstalled("greeter")).isEqualTo("greeter 3.0");
    assertThat(dnf.runInstalled("libgreet")).isEqualTo("libgreet 1.5");

    // Without the dependency's key dnf refuses its package.
    String wrongKey =
        repoFile(url(""), app)
            + repoFile(url(""), base).replace(url(base + "/pubkey.gpg"), url(app + "/pubkey.gpg"));
    Processes.Result refused = Dnf.throwaway().repoFile(wrongKey).install("greeter");
    assertThat(refused.exitCode()).as(refused.output()).isNotZero();
  }

  @Test
  void aBuildOfACoprWithoutAKeyYetMakesTheKeyFirstAndIsPublishedSigned() {
    // A copr whose repository exists without copr_created having made a key (made before signing
    // existed, or its key creation failed): the build makes the key itself.
    String copr = "nokey-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    Events.copr(new CoprEvent.ChrootsAdded(copr, List.of(FEDORA)));
    Coprs.awaitRepodata(layout(), copr, FEDORA);
    assertThat(keys.fingerprint(copr)).isEmpty();

    long id = FinishedBuilds.nextBuildId();
    Events.publish(FinishedBuilds.build(layout(), id, copr, FEDORA, "hello-copr", "1.0"));
    Events.awaitPublished(status, id);
    String fingerprint = awaitKey(copr).fingerprint();
    assertSignedBy(
        pubkey(copr), fingerprint, rpms(layout().publishedBuild(copr, FEDORA, id, "hello-copr")));
  }

  @Test
  void aCoprCreatedAgainUnderADeletedCoprsNameGetsANewKey() {
    String copr = Coprs.create(layout(), "again", FEDORA);
    String first = awaitKey(copr).fingerprint();

    Events.copr(new CoprEvent.Deleted(copr));
    await().atMost(WAIT).until(() -> !Files.exists(layout().repos().resolve(copr)));
    assertThat(keys.fingerprint(copr)).isEmpty();
    assertThat(keys.folder().resolve(copr + ".key")).doesNotExist();

    Events.copr(new CoprEvent.Created(copr, "bob", List.of(FEDORA)));
    Coprs.awaitRepodata(layout(), copr, FEDORA);
    String second =
        keyEvents
            .awaitEvent(
                SigningKey.class,
                k -> k.copr().equals(copr) && !k.fingerprint().equals(first),
                WAIT)
            .fingerprint();
    long id = FinishedBuilds.nextBuildId();
    Events.publish(FinishedBuilds.build(layout(), id, copr, FEDORA, "hello-copr", "1.0"));
    Events.awaitPublished(status, id);
    assertSignedBy(
        pubkey(copr), second, rpms(layout().publishedBuild(copr, FEDORA, id, "hello-copr")));
    Dnf dnf = Dnf.throwaway().repoFile(repoFile(url(""), copr));
    assertThat(dnf.check("install", "hello-copr")).contains("0x" + shortId(second));
  }

  @Test
  void aKeyNearItsExpiryIsExtendedAndWhatItSignedStillInstalls() {
    String copr = Coprs.create(layout(), "extend", FEDORA);
    SigningKey made = awaitKey(copr);
    String fingerprint = made.fingerprint();
    long id = FinishedBuilds.nextBuildId();
    Events.publish(FinishedBuilds.build(layout(), id, copr, FEDORA, "hello-copr", "1.0"));
    Events.awaitPublished(status, id);

    // Bring the key to 30 days before expiry, as if it were almost five years old.
    assertThat(
            keys.extendIfExpiring(
                copr, Instant.now().plus(Duration.ofDays(3650)), Duration.ofDays(30)))
        .isTrue();
    SigningKey shortened =
        keyEvents.awaitEvent(
            SigningKey.class,
            k ->
                k.copr().equals(copr)
                    && k.expiresAt().isBefore(Instant.now().plus(Duration.ofDays(31))),
            WAIT);
    assertThat(shortened.fingerprint()).isEqualTo(fingerprint);

    keys.extendExpiring();
    SigningKey extended =
        keyEvents.awaitEvent(
            SigningKey.class,
            k -> k.copr().equals(copr) && k.expiresAt().isAfter(made.expiresAt()),
            WAIT);
    assertThat(extended.fingerprint()).isEqualTo(fingerprint);
    assertThat(extended.expiresAt())
        .isCloseTo(Instant.now().plus(config.signing().keyLifetime()), within(2, ChronoUnit.DAYS));
    assertThat(publishedExpiry(pubkey(copr))).isEqualTo(extended.expiresAt());

    Dnf dnf = Dnf.throwaway().repoFile(repoFile(url(""), copr));
    assertThat(dnf.check("install", "hello-copr")).contains("0x" + shortId(fingerprint));
  }

  @Test
  void thePrivateKeyIsNeverInClearOnDiskInKafkaOrInTheLog() throws Exception {
    String copr = Coprs.create(layout(), "secret", FEDORA);
    awaitKey(copr);
    long id = FinishedBuilds.nextBuildId();
    Events.publish(FinishedBuilds.build(layout(), id, copr, FEDORA, "hello-copr", "1.0"));
    Events.awaitPublished(status, id);

    SigningKeys.Secret secret = keys.secret(copr);
    String armored = new String(secret.armored(), StandardCharsets.US_ASCII);
    assertThat(armored).contains(PRIVATE_ARMOR);
    // The secret key's armor repeats the public key's packet: only the lines that are not in the
    // published public key are secret material.
    String published = Files.readString(pubkey(copr));
    List<String> material =
        secretLines(armored).stream().filter(l -> !published.contains(l)).toList();
    assertThat(material).hasSizeGreaterThan(20);

    List<Path> places = new ArrayList<>();
    places.addAll(files(keys.folder()));
    places.addAll(files(layout().root()));
    places.add(Path.of("target/repo-worker-test.log"));
    assertThat(places).contains(keys.folder().resolve(copr + ".key"));
    for (Path file : places) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.ISO_8859_1);
      } catch (NoSuchFileException e) {
        continue; // removed meanwhile (results/ of a build published by then)
      }
      assertThat(text).as(file.toString()).doesNotContain(PRIVATE_ARMOR);
      for (String line : material) {
        assertThat(text).as(file.toString()).doesNotContain(line);
      }
    }
    assertThat(keys.folder().resolve(".work")).isEmptyDirectory();
    assertThat(keys.folder().startsWith(layout().root()))
        .as("keys inside the shared storage")
        .isFalse();

    // Each topic is read up to a record this test made, so the probe saw the test's records.
    Map<String, String> lastKeys =
        Map.of(Topics.COPRS, copr, Topics.COPR_KEYS, copr, Topics.BUILDS_STATUS, Long.toString(id));
    for (var topic : lastKeys.entrySet()) {
      try (TopicProbe probe = new TopicProbe(Events.bootstrap(), topic.getKey())) {
        probe.awaitRecord(r -> topic.getValue().equals(r.key()), WAIT);
        String all = String.join("\n", probe.values());
        assertThat(all).as(topic.getKey()).doesNotContain(PRIVATE_ARMOR);
        for (String line : material) {
          assertThat(all).as(topic.getKey()).doesNotContain(line);
        }
      }
    }
  }

  private SigningKey awaitKey(String copr) {
    SigningKey key = keyEvents.awaitEvent(SigningKey.class, k -> k.copr().equals(copr), WAIT);
    await().atMost(WAIT).until(() -> Files.isRegularFile(pubkey(copr)));
    return key;
  }

  /** rpm -K with only the copr's public key imported: every signature good and by that key. */
  private static void assertSignedBy(Path pubkey, String fingerprint, List<Path> packages) {
    try {
      Path db = Files.createTempDirectory("copr-rpmdb-");
      Processes.check(
          db, Map.of(), List.of("rpm", "--dbpath", db.toString(), "--import", pubkey.toString()));
      for (Path rpm : packages) {
        String out =
            Processes.check(
                db, Map.of(), List.of("rpm", "--dbpath", db.toString(), "-Kv", rpm.toString()));
        assertThat(out)
            .as(rpm.toString())
            .contains(
                "Header V4 RSA/SHA256 Signature, key ID "
                    + shortId(fingerprint).toLowerCase()
                    + ": OK")
            .doesNotContain("NOT OK")
            .doesNotContain("NOKEY");
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The expiry that a user importing pubkey.gpg sees, read by gpg itself. */
  private static Instant publishedExpiry(Path pubkey) {
    try {
      Path home = Files.createTempDirectory("copr-gpg-");
      String listing =
          Processes.check(
              home,
              Map.of(),
              List.of(
                  "gpg",
                  "--homedir",
                  home.toString(),
                  "--with-colons",
                  "--show-keys",
                  pubkey.toString()));
      String pub = listing.lines().filter(l -> l.startsWith("pub:")).findFirst().orElseThrow();
      return Instant.ofEpochSecond(Long.parseLong(pub.split(":")[6]));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<Path> rpms(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".rpm")).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Every regular file under dir; folders that go while it walks are skipped. */
  private static List<Path> files(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile()) {
              files.add(file);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE;
          }
        });
    return files;
  }

  /** The base64 lines of an armored key's body: any of them found elsewhere is key material. */
  private static List<String> secretLines(String armored) {
    return armored.lines().filter(l -> l.length() >= 60 && l.matches("[A-Za-z0-9+/=]+")).toList();
  }

  /**
   * The .repo section api-service writes for a copr (baseurl with the chroot, gpgkey beside it).
   */
  private static String repoFile(String reposUrl, String copr) {
    return "[copr-"
        + copr
        + "]\nname=Copr "
        + copr
        + "\nbaseurl="
        + reposUrl
        + copr
        + "/fedora-40-$basearch/\nenabled=1\ngpgcheck=1\ngpgkey="
        + reposUrl
        + copr
        + "/pubkey.gpg\n\n";
  }

  private static String shortId(String fingerprint) {
    return fingerprint.substring(fingerprint.length() - 8);
  }

  private String url(String path) {
    return repos + "/" + path;
  }

  private Path pubkey(String copr) {
    return layout().repos().resolve(copr).resolve(SigningKeys.PUBLIC_KEY);
  }

  private StorageLayout layout() {
    return config.layout();
  }
}
