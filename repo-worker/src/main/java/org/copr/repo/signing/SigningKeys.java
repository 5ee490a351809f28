package org.copr.repo.signing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.copr.contracts.SigningKey;
import org.copr.contracts.StorageLayout;
import org.copr.contracts.Topics;
import org.copr.repo.RepoId;
import org.copr.repo.RepoWorkerConfig;
import org.copr.repo.Tree;
import org.copr.runtime.kafka.KeyedSender;
import org.jboss.logging.Logger;

/**
 * One OpenPGP signing key per copr, kept only in repo-worker's private key folder: {@code
 * <copr>.key} is the armored secret key sealed by {@link KeyVault}, {@code <copr>.properties} its
 * public facts (fingerprint, expiry). The public key is published as {@code
 * repos/<copr>/pubkey.gpg}. All changes of one copr's key happen under that copr's lock, so a
 * deletion never races a creation or an extension.
 *
 * <p>A key is made after {@code copr_created} (in the background) or by the first build that needs
 * it. A deleted copr's key is removed and a tombstone ({@code <copr>.deleted}) refuses to make a
 * new one until the copr is created again, so a build still queued for the deleted copr cannot
 * leave a key behind for a new copr of the same name.
 */
@Startup
@ApplicationScoped
public class SigningKeys {
  private static final Logger LOG = Logger.getLogger(SigningKeys.class);
  public static final String PUBLIC_KEY = "pubkey.gpg";

  private final Path folder;
  private final Path work;
  private final StorageLayout layout;
  private final RepoWorkerConfig.Signing config;
  private final KeyVault vault;
  private final KeyedSender sender;
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final Timer creation;
  private ScheduledExecutorService background;

  SigningKeys(RepoWorkerConfig config, KeyedSender sender, MeterRegistry registry)
      throws IOException {
    this.creation =
        Timer.builder("copr.repo.signing.key.creation")
            .description("Making a copr's signing key (gpg key generation, sealing, publishing)")
            .register(registry);
    this.folder = privateFolder(config.keys());
    this.work = folder.resolve(".work");
    Gpg.checkRoom(work);
    this.layout = config.layout();
    this.config = config.signing();
    this.vault = new KeyVault(config.signing().masterKey());
    this.sender = sender;
  }

  /** The copr's key, as signing needs it: its fingerprint and the secret key, decrypted. */
  public record Secret(String fingerprint, byte[] armored) {}

  @PostConstruct
  void start() throws IOException {
    // A crash may have left throwaway gpg homes behind: they hold clear keys.
    Tree.delete(work);
    background =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "signing-keys");
              t.setDaemon(true);
              return t;
            });
    long every = config.checkEvery().toMillis();
    background.scheduleWithFixedDelay(this::extendExpiring, 0, every, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    background.shutdownNow();
  }

  /**
   * A copr was created: a tombstone of an earlier copr of that name goes, and the key is made in
   * the background (a build that comes first makes it itself).
   */
  public void created(String copr) {
    RepoId.requireName("copr", copr);
    synchronized (lock(copr)) {
      try {
        Files.deleteIfExists(tombstone(copr));
        Files.createDirectories(layout.repos().resolve(copr));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    background.execute(
        () -> {
          try {
            if (!Files.exists(tombstone(copr))) { // deleted again meanwhile: nothing to make
              ensure(copr);
            }
          } catch (RuntimeException e) {
            LOG.errorf(
                "cannot make the signing key of %s (its first build will try again): %s",
                copr, e.getMessage());
          }
        });
  }

  /** A copr was deleted: its key goes, public and private, and no new one is made for it. */
  public void deleted(String copr) {
    RepoId.requireName("copr", copr);
    synchronized (lock(copr)) {
      try {
        Files.write(tombstone(copr), new byte[0]);
        Files.deleteIfExists(sealed(copr));
        Files.deleteIfExists(facts(copr));
        Files.deleteIfExists(publicKey(copr));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    LOG.infof("signing key of %s removed", copr);
  }

  /**
   * The copr's key, made now if it has none yet.
   *
   * @throws IllegalStateException when the copr was deleted, or the key cannot be made or read
   */
  public Secret secret(String copr) {
    synchronized (lock(copr)) {
      String fingerprint = ensure(copr);
      try {
        return new Secret(fingerprint, vault.open(copr, Files.readAllBytes(sealed(copr))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The copr's fingerprint, if it has a key. */
  public Optional<String> fingerprint(String copr) {
    return readFacts(copr).map(p -> p.getProperty("fingerprint"));
  }

  /** Returns the fingerprint of the copr's key, made now if missing. */
  String ensure(String copr) {
    RepoId.requireName("copr", copr);
    synchronized (lock(copr)) {
      if (Files.exists(tombstone(copr))) {
        throw new IllegalStateException("copr " + copr + " was deleted: it gets no signing key");
      }
      Optional<Properties> existing = readFacts(copr);
      if (existing.isPresent() && Files.isRegularFile(sealed(copr))) {
        if (!Files.isRegularFile(publicKey(copr))) {
          // its repository folder was made again, e.g. by a restored backup: publish the key anew
          republish(copr);
        }
        return existing.get().getProperty("fingerprint");
      }
      long started = System.nanoTime();
      try (Gpg gpg = Gpg.open(work)) {
        String fingerprint =
            gpg.generate("Copr " + copr + " signing key", config.keyBits(), config.keyLifetime());
        Gpg.Key key = gpg.keys().get(0);
        store(copr, gpg, key);
        long nanos = System.nanoTime() - started;
        creation.record(nanos, TimeUnit.NANOSECONDS);
        LOG.infof(
            "signing key %s (RSA %d) made for %s in %d ms",
            fingerprint, config.keyBits(), copr, nanos / 1_000_000);
        return fingerprint;
      } catch (IOException e) {
        throw new IllegalStateException(
            "cannot make the signing key of " + copr + ": " + e.getMessage(), e);
      }
    }
  }

  /** Extends every key that expires within the configured window. Runs daily and at start. */
  void extendExpiring() {
    Instant limit = Instant.now().plus(config.extendWithin());
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (!name.endsWith(".properties")) {
          continue;
        }
        String copr = name.substring(0, name.length() - ".properties".length());
        try {
          extendIfExpiring(copr, limit);
        } catch (RuntimeException e) {
          LOG.errorf("cannot extend the signing key of %s: %s", copr, e.getMessage());
        }
      }
    } catch (IOException e) {
      LOG.errorf("cannot list the signing keys: %s", e.getMessage());
    }
  }

  boolean extendIfExpiring(String copr, Instant limit) {
    return extendIfExpiring(copr, limit, config.keyLifetime());
  }

  /** Returns whether the key was extended (to {@code lifetime} from now). */
  boolean extendIfExpiring(String copr, Instant limit, Duration lifetime) {
    synchronized (lock(copr)) {
      Optional<Properties> facts = readFacts(copr);
      if (facts.isEmpty() || Files.exists(tombstone(copr))) {
        return false;
      }
      if (!Boolean.parseBoolean(facts.get().getProperty("announced"))) {
        try {
          announce(copr, facts.get());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      String expires = facts.get().getProperty("expires", "");
      if (expires.isEmpty() || Instant.parse(expires).isAfter(limit)) {
        return false;
      }
      try (Gpg gpg = Gpg.open(work)) {
        String fingerprint = facts.get().getProperty("fingerprint");
        gpg.importSecret(vault.open(copr, Files.readAllBytes(sealed(copr))));
        gpg.setExpiry(fingerprint, lifetime);
        Gpg.Key key = gpg.keys().get(0);
        store(copr, gpg, key);
        LOG.infof(
            "signing key %s of %s extended to %s",
            fingerprint, copr, key.expires().map(Instant::toString).orElse("never"));
        return true;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Seals and writes the home's key, publishes its public half and announces it. */
  private void store(String copr, Gpg gpg, Gpg.Key key) throws IOException {
    byte[] secret = gpg.exportSecret(key.fingerprint());
    try {
      writeAtomically(sealed(copr), vault.seal(copr, secret));
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
    Properties p = new Properties();
    p.setProperty("fingerprint", key.fingerprint());
    key.expires().ifPresent(e -> p.setProperty("expires", e.toString()));
    writeFacts(copr, p);
    publish(copr, gpg.exportPublic(key.fingerprint()));
    announce(copr, p);
  }

  /**
   * Tells api-service the key's fingerprint; the facts file records that Kafka took it, so a crash
   * before that is made good by the next check.
   */
  private void announce(String copr, Properties facts) throws IOException {
    String expires = facts.getProperty("expires");
    sender.send(
        Topics.COPR_KEYS,
        copr,
        new SigningKey(
            copr,
            facts.getProperty("fingerprint"),
            expires == null ? null : Instant.parse(expires)));
    facts.setProperty("announced", "true");
    writeFacts(copr, facts);
  }

  private void writeFacts(String copr, Properties p) throws IOException {
    Path tmp = facts(copr).resolveSibling("." + facts(copr).getFileName() + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp)) {
      p.store(w, null);
    }
    Files.move(
        tmp, facts(copr), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private void republish(String copr) {
    try (Gpg gpg = Gpg.open(work)) {
      gpg.importSecret(vault.open(copr, Files.readAllBytes(sealed(copr))));
      publish(copr, gpg.exportPublic(gpg.keys().get(0).fingerprint()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void publish(String copr, byte[] armoredPublicKey) throws IOException {
    Files.createDirectories(publicKey(copr).getParent());
    writeAtomically(publicKey(copr), armoredPublicKey);
  }

  private Optional<Properties> readFacts(String copr) {
    Path file = facts(copr);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
      return p.getProperty("fingerprint") == null ? Optional.empty() : Optional.of(p);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private Object lock(String copr) {
    return locks.computeIfAbsent(copr, c -> new Object());
  }

  private Path sealed(String copr) {
    return folder.resolve(copr + ".key");
  }

  private Path facts(String copr) {
    return folder.resolve(copr + ".properties");
  }

  private Path tombstone(String copr) {
    return folder.resolve(copr + ".deleted");
  }

  /** Where dnf finds the copr's public key: beside its chroots' repositories. */
  public Path publicKey(String copr) {
    return layout.repos().resolve(copr).resolve(PUBLIC_KEY);
  }

  Path folder() {
    return folder;
  }

  Path workRoot() {
    return work;
  }

  private static void writeAtomically(Path file, byte[] content) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.write(tmp, content);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static Path privateFolder(Path keys) throws IOException {
    Files.createDirectories(keys);
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwx------"));
    return keys.toAbsolutePath().normalize();
  }
}
