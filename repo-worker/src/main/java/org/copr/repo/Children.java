package org.copr.repo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.copr.runtime.process.ExternalCommand;

/**
 * The environment of every tool repo-worker runs (rpm, createrepo_c, gpg and its gpg-agent,
 * rpmsign), made from scratch: these tools parse packages that builds wrote, so none of them may
 * see the signing master key, the Kafka credentials or anything else of the service's own
 * environment. Only what the tools need is passed: PATH, a UTF-8 locale, TMPDIR, an empty HOME of
 * their own (no ~/.rpmmacros) and what the caller adds (e.g. GNUPGHOME).
 */
public final class Children {
  /** The names a child's environment may hold. */
  public static final Set<String> ALLOWED =
      Set.of("PATH", "LANG", "LC_ALL", "TMPDIR", "HOME", "GNUPGHOME");

  private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";
  private static Path emptyHome;

  private Children() {}

  /** A scratch environment plus {@code extra}. */
  public static Map<String, String> environment(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    String path = System.getenv("PATH");
    String tmp = System.getProperty("java.io.tmpdir");
    env.put("PATH", path == null || path.isBlank() ? DEFAULT_PATH : path);
    env.put("LANG", "C.UTF-8");
    env.put("LC_ALL", "C.UTF-8");
    if (tmp != null) {
      env.put("TMPDIR", tmp);
    }
    env.put("HOME", emptyHome().toString());
    extra.forEach(
        (name, value) -> {
          if (!ALLOWED.contains(name)) {
            throw new IllegalArgumentException(name + " is not for a child's environment");
          }
          env.put(name, value);
        });
    return env;
  }

  /**
   * Runs a tool with that environment to its end and keeps what it printed; one that cannot start
   * or whose caller is interrupted fails as one that exited non-zero would, with the reason.
   */
  public static ExternalCommand.Result run(List<String> command, Duration timeout) {
    try {
      return ExternalCommand.of(command).environment(environment(Map.of())).timeout(timeout).run();
    } catch (IOException e) {
      return new ExternalCommand.Result(-1, false, "cannot run " + command.get(0) + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ExternalCommand.Result(-1, false, "interrupted: " + String.join(" ", command));
    }
  }

  private static synchronized Path emptyHome() {
    try {
      if (emptyHome == null || !Files.isDirectory(emptyHome)) {
        emptyHome = Files.createTempDirectory("copr-tool-home-");
      }
      return emptyHome;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
