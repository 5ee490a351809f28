package org.copr.repo.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.copr.repo.Children;
import org.copr.repo.Tree;
import org.copr.runtime.process.ExternalCommand;

/**
 * gpg in a throwaway home (mode 0700, inside the private key folder, removed with its agent on
 * close). Secret key material goes in through stdin and comes out through stdout (a file in the
 * home), never through arguments or the shared storage; what gpg prints on stderr (never key
 * material) is kept for errors.
 */
final class Gpg implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path home;

  private Gpg(Path home) {
    this.home = home;
  }

  /**
   * gpg-agent's sockets live in the home (no /run/user here), and a socket's path may have at most
   * 107 bytes: the longest is this home's name plus {@code /S.gpg-agent.browser}.
   */
  private static final int MAX_SOCKET_PATH = 107;

  private static final String LONGEST_SOCKET = "/g000000/S.gpg-agent.browser";

  /** Refuses, at start, a work folder so deep that gpg-agent could not make its sockets. */
  static void checkRoom(Path workRoot) {
    int length = workRoot.toAbsolutePath().toString().length() + LONGEST_SOCKET.length();
    if (length > MAX_SOCKET_PATH) {
      throw new IllegalStateException(
          "copr.repo.keys is too deep for gpg-agent's sockets: "
              + workRoot.toAbsolutePath()
              + " leaves "
              + length
              + " bytes for a socket path, at most "
              + MAX_SOCKET_PATH
              + " are possible; choose a shorter folder");
    }
  }

  static Gpg open(Path workRoot) throws IOException {
    Files.createDirectories(workRoot);
    while (true) {
      Path home = workRoot.resolve("g" + Integer.toString(RANDOM.nextInt(1 << 30), 36));
      try {
        return new Gpg(
            Files.createDirectory(
                home,
                PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------"))));
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // another signing's home: draw again
      }
    }
  }

  Path home() {
    return home;
  }

  /** Makes an unprotected RSA signing key (the home is its only protection while it lives). */
  String generate(String userId, int bits, Duration lifetime) throws IOException {
    String parameters =
        "%no-protection\n"
            + "Key-Type: RSA\n"
            + "Key-Length: "
            + bits
            + "\n"
            + "Key-Usage: sign\n"
            + "Name-Real: "
            + userId
            + "\n"
            + "Expire-Date: "
            + Math.max(1, lifetime.toDays())
            + "d\n"
            + "%commit\n";
    run(parameters.getBytes(StandardCharsets.UTF_8), "--batch", "--gen-key");
    return keys().get(0).fingerprint();
  }

  void importSecret(byte[] armored) throws IOException {
    run(armored, "--batch", "--import");
  }

  byte[] exportSecret(String fingerprint) throws IOException {
    return run(null, "--batch", "--armor", "--export-secret-keys", fingerprint);
  }

  byte[] exportPublic(String fingerprint) throws IOException {
    return run(null, "--batch", "--armor", "--export", fingerprint);
  }

  void setExpiry(String fingerprint, Duration lifetime) throws IOException {
    run(null, "--batch", "--quick-set-expire", fingerprint, Math.max(1, lifetime.toDays()) + "d");
  }

  record Key(String fingerprint, Optional<Instant> expires) {}

  /** The secret keys in this home, read from gpg's machine-readable listing. */
  List<Key> keys() throws IOException {
    String listing =
        new String(
            run(null, "--batch", "--with-colons", "--fixed-list-mode", "--list-secret-keys"),
            StandardCharsets.UTF_8);
    List<Key> keys = new ArrayList<>();
    Optional<Instant> expires = Optional.empty();
    boolean primary = false;
    for (String line : listing.split("\n")) {
      String[] f = line.split(":", -1);
      if (f[0].equals("sec")) {
        primary = true;
        expires =
            f.length > 6 && !f[6].isEmpty()
                ? Optional.of(Instant.ofEpochSecond(Long.parseLong(f[6])))
                : Optional.empty();
      } else if (f[0].equals("fpr") && primary) {
        keys.add(new Key(f[9], expires));
        primary = false;
      } else if (f[0].equals("ssb")) {
        primary = false;
      }
    }
    if (keys.isEmpty()) {
      throw new IOException("gpg lists no secret key");
    }
    return keys;
  }

  /** Runs gpg in this home; returns its stdout, or fails with its stderr. */
  byte[] run(byte[] stdin, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString()));
    command.addAll(List.of(args));
    return run(command, Map.of(), stdin);
  }

  /**
   * Runs a tool that uses this home (gpg itself, or rpmsign through it). Its stdout, which may be
   * key material, goes to a file inside this home (mode 0700, removed at once after reading).
   */
  byte[] run(List<String> command, Map<String, String> env, byte[] stdin) throws IOException {
    Path out = Files.createTempFile(home, "stdout-", ".bin");
    Path err = Files.createTempFile(home, "stderr-", ".txt");
    Map<String, String> childEnv = new java.util.HashMap<>(env);
    childEnv.put("GNUPGHOME", home.toString());
    childEnv.put("HOME", home.toString());
    ExternalCommand tool =
        ExternalCommand.of(command)
            .environment(Children.environment(childEnv))
            .timeout(TIMEOUT)
            .output(out)
            .errors(err)
            .keep(0);
    if (stdin != null) {
      tool.input(stdin);
    }
    try {
      ExternalCommand.Result result = tool.run();
      if (result.timedOut()) {
        throw new IOException(command.get(0) + " timed out after " + TIMEOUT);
      }
      if (result.exitCode() != 0) {
        throw new IOException(
            String.join(" ", command.subList(0, Math.min(command.size(), 4)))
                + "... exited "
                + result.exitCode()
                + ": "
                + tail(Files.readString(err)));
      }
      return Files.readAllBytes(out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + command.get(0), e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static String tail(String text) {
    String t = text.strip();
    return t.length() <= 1000 ? t : "..." + t.substring(t.length() - 1000);
  }

  /** Stops the home's agent (it holds the key in memory) and removes the home. */
  @Override
  public void close() {
    try {
      ExternalCommand.of("gpgconf", "--kill", "gpg-agent")
          .environment(
              Children.environment(Map.of("GNUPGHOME", home.toString(), "HOME", home.toString())))
          .timeout(Duration.ofSeconds(10))
          .run();
    } catch (IOException e) {
      // no agent to stop
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Tree.delete(home);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
