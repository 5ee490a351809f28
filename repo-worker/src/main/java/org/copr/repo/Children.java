package org.copr.repo;

import java.util.Map;

/**
 * The environment of every tool repo-worker runs (rpm, createrepo_c, gpg and its gpg-agent,
 * rpmsign), made from scratch: these tools parse packages that builds wrote, so none of them may
 * see the signing master key, the Kafka credentials or anything else of the service's own
 * environment. Only what the tools need is passed: PATH, a UTF-8 locale, TMPDIR and what the caller
 * adds (e.g. GNUPGHOME).
 */
public final class Children {
  /** The names a child's environment may hold. */
  public static final java.util.Set<String> ALLOWED =
      java.util.Set.of("PATH", "LANG", "LC_ALL", "TMPDIR", "HOME", "GNUPGHOME");

  private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";

  private Children() {}

  /** Replaces the builder's environment with a scratch one plus {@code extra}. */
  public static ProcessBuilder scratch(ProcessBuilder builder, Map<String, String> extra) {
    Map<String, String> env = builder.environment();
    String path = System.getenv("PATH");
    String tmp = System.getProperty("java.io.tmpdir");
    env.clear();
    env.put("PATH", path == null || path.isBlank() ? DEFAULT_PATH : path);
    env.put("LANG", "C.UTF-8");
    env.put("LC_ALL", "C.UTF-8");
    if (tmp != null) {
      env.put("TMPDIR", tmp);
    }
    extra.forEach(
        (name, value) -> {
          if (!ALLOWED.contains(name)) {
            throw new IllegalArgumentException(name + " is not for a child's environment");
          }
          env.put(name, value);
        });
    return builder;
  }
}
