package org.copr.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Repositories laid out as repo-worker publishes them ({@code <copr>/<chroot>/} with {@code
 * <copr>/pubkey.gpg} beside it), their packages signed with a key made here, served over HTTP on
 * 127.0.0.1; every path asked for is recorded.
 */
public final class SignedRepos implements AutoCloseable {
  private final Path root;
  private final HttpServer server;
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

  public SignedRepos() throws IOException {
    root = Files.createTempDirectory("copr-signed-repos-");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          requests.add(path);
          Path file = root.resolve(path.substring(1)).normalize();
          if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
          } else {
            exchange.sendResponseHeaders(200, Files.size(file));
            try (var out = exchange.getResponseBody()) {
              Files.copy(file, out);
            }
          }
          exchange.close();
        });
    server.start();
  }

  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<String> requests() {
    return List.copyOf(requests);
  }

  /**
   * {@code <copr>/<chroot>/} holding the binary RPMs of {@code packages}; signed with a new key of
   * the copr's (published as {@code <copr>/pubkey.gpg}) unless {@code signed} is false. Returns the
   * repository's URL.
   */
  public String repo(String copr, String chroot, boolean signed, String... packages)
      throws IOException {
    Path repo = Files.createDirectories(root.resolve(copr).resolve(chroot));
    Path srpms = Files.createTempDirectory("copr-signed-srpms-");
    for (String name : packages) {
      Path srpm = TestRpms.srpm(srpms, name, "1.0", TestRpms.Options.defaults());
      TestRpms.rebuild(srpm, repo);
    }
    if (signed) {
      sign(root.resolve(copr), repo);
    }
    Processes.check(repo, Map.of(), List.of("createrepo_c", "--quiet", repo.toString()));
    return base() + "/" + copr + "/" + chroot + "/";
  }

  /**
   * {@code <copr>/<chroot>/} holding the binary RPMs built from {@code specs} (name to spec text),
   * signed with a new key of the copr's. Built with {@code --nodeps}: the host's rpm database is
   * empty, and these stand for packages a copr built earlier.
   */
  public String repoOfSpecs(String copr, String chroot, Map<String, String> specs)
      throws IOException {
    Path repo = Files.createDirectories(root.resolve(copr).resolve(chroot));
    Path srpms = Files.createTempDirectory("copr-signed-srpms-");
    for (var spec : specs.entrySet()) {
      Path srpm = TestRpms.srpmFromSpec(srpms, spec.getKey(), spec.getValue());
      Path top = Files.createTempDirectory("copr-test-rebuild-");
      Processes.check(
          top,
          Map.of(),
          List.of(
              "rpmbuild",
              "--rebuild",
              "--nodeps",
              "--define",
              "_topdir " + top,
              "--define",
              "_rpmdir " + repo,
              "--define",
              "_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm",
              "--dbpath",
              top.resolve("rpmdb").toString(),
              srpm.toString()));
    }
    sign(root.resolve(copr), repo);
    Processes.check(repo, Map.of(), List.of("createrepo_c", "--quiet", repo.toString()));
    return base() + "/" + copr + "/" + chroot + "/";
  }

  private static void sign(Path coprDir, Path repo) throws IOException {
    Path home = Files.createTempDirectory(Path.of("/tmp"), "cg-");
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    Map<String, String> env = Map.of("GNUPGHOME", home.toString());
    Path params = home.resolve("params");
    Files.writeString(
        params,
        "%no-protection\nKey-Type: RSA\nKey-Length: 2048\nKey-Usage: sign\n"
            + "Name-Real: copr test\nExpire-Date: 1d\n%commit\n");
    Processes.check(home, env, List.of("gpg", "--batch", "--gen-key", params.toString()));
    Files.writeString(
        coprDir.resolve("pubkey.gpg"),
        Processes.check(home, env, List.of("gpg", "--batch", "--armor", "--export"))
            .lines()
            .dropWhile(l -> !l.startsWith("-----BEGIN"))
            .reduce("", (a, b) -> a + b + "\n"));
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "rpmsign",
                "--addsign",
                "--define",
                "__gpg /usr/bin/gpg",
                "--define",
                "_gpg_path " + home,
                "--define",
                "_gpg_name copr test",
                "--define",
                "_dbpath " + home.resolve("rpmdb")));
    try (Stream<Path> rpms = Files.walk(repo)) {
      rpms.filter(p -> p.toString().endsWith(".rpm")).forEach(p -> cmd.add(p.toString()));
    }
    Processes.check(home, env, cmd);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
