package org.copr.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Real dnf as a user's machine would run it, offline, in a throwaway root: only the given
 * repositories are enabled, nothing is copied to the host (the local plugin is off) and metadata is
 * refreshed on every call, since tests change repositories between calls.
 */
public final class Dnf {
  private final Path root;
  private final String releasever;
  private final List<String> repoArgs = new ArrayList<>();

  public Dnf(Path root, String releasever) {
    this.root = root;
    this.releasever = releasever;
  }

  /** A fresh root for Fedora 40 with the given repositories (by base URL) enabled. */
  public static Dnf throwaway(String... repoUrls) {
    try {
      Path root = Files.createDirectories(Files.createTempDirectory("copr-dnf-").resolve("root"));
      Dnf dnf = new Dnf(root, "40");
      for (int i = 0; i < repoUrls.length; i++) {
        dnf.repo("copr" + i, repoUrls[i]);
      }
      return dnf;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds a repository by its base URL (http:// or file://). */
  public Dnf repo(String id, String baseUrl) {
    repoArgs.add("--repofrompath=" + id + "," + baseUrl);
    repoArgs.add("--setopt=" + id + ".gpgcheck=0");
    // A repository that cannot be read is an error, not an empty repository.
    repoArgs.add("--setopt=" + id + ".skip_if_unavailable=False");
    return this;
  }

  /** Adds the repositories of a dnf .repo file, as a user would drop it into /etc/yum.repos.d. */
  public Dnf repoFile(String text) {
    try {
      Path dir = Files.createDirectories(root.resolve(".copr-repos.d"));
      Files.writeString(dir.resolve("copr-" + repoArgs.size() + ".repo"), text);
      if (!repoArgs.contains("--setopt=reposdir=" + dir)) {
        repoArgs.add("--setopt=reposdir=" + dir);
      }
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Processes.Result run(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.addAll(
        List.of(
            "dnf",
            "-y",
            "--refresh",
            "--disableplugin=local",
            "--installroot=" + root,
            "--releasever=" + releasever,
            "--setopt=cachedir=" + root.resolve(".dnf-cache"),
            "--setopt=install_weak_deps=0"));
    if (repoArgs.stream().noneMatch(a -> a.startsWith("--setopt=reposdir="))) {
      cmd.add("--disablerepo=*");
      cmd.add("--setopt=reposdir=" + root.resolve(".no-repos"));
    }
    cmd.addAll(repoArgs);
    cmd.addAll(List.of(args));
    return Processes.run(root.getParent(), Map.of(), cmd);
  }

  /** Runs dnf and fails the test with its output unless it succeeds. */
  public String check(String... args) {
    Processes.Result r = run(args);
    if (r.exitCode() != 0) {
      throw new AssertionError(
          "dnf " + String.join(" ", args) + " exited " + r.exitCode() + ":\n" + r.output());
    }
    return r.output();
  }

  /** "name version-release" of every binary package the enabled repositories offer, sorted. */
  public List<String> available() {
    String out =
        check(
            "-q",
            "repoquery",
            "--available",
            "--arch=noarch,x86_64",
            "--qf",
            "%{name} %{version}-%{release}");
    return out.lines().map(String::strip).filter(l -> !l.isEmpty()).sorted().toList();
  }

  public Processes.Result install(String... packages) {
    List<String> args = new ArrayList<>(List.of("install"));
    args.addAll(List.of(packages));
    return run(args.toArray(String[]::new));
  }

  /** Runs a program installed into the root; test packages install /bin/sh scripts. */
  public String runInstalled(String program) {
    return Processes.check(
            root.getParent(),
            Map.of(),
            List.of("sh", root.resolve("usr/bin/" + program).toString()))
        .trim();
  }
}
