package org.copr.repo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.copr.testing.Processes;

/**
 * Real dnf in a throwaway install root, offline, with only the given repositories (by URL) enabled:
 * what a user's machine does with a copr's .repo file.
 */
public final class Dnf {
  private final Path root;
  private final List<String> repoUrls;

  public Dnf(String... repoUrls) {
    try {
      this.root = Files.createTempDirectory("copr-dnf-root-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.repoUrls = List.of(repoUrls);
  }

  public Path root() {
    return root;
  }

  public Processes.Result run(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "dnf",
                "-y",
                "--disableplugin=local",
                "--installroot=" + root,
                "--releasever=40",
                "--setopt=reposdir=/dev/null",
                "--setopt=install_weak_deps=False",
                "--disablerepo=*",
                "--refresh"));
    for (int i = 0; i < repoUrls.size(); i++) {
      String id = "copr" + i;
      command.add("--repofrompath=" + id + "," + repoUrls.get(i));
      command.add("--enablerepo=" + id);
      command.add("--setopt=" + id + ".gpgcheck=0");
      // A repository that cannot be read is an error, not an empty repository.
      command.add("--setopt=" + id + ".skip_if_unavailable=False");
    }
    command.addAll(Arrays.asList(args));
    return Processes.run(root, Map.of(), command);
  }

  public String check(String... args) {
    Processes.Result r = run(args);
    if (r.exitCode() != 0) {
      throw new AssertionError(
          "dnf " + String.join(" ", args) + " exited " + r.exitCode() + ":\n" + r.output());
    }
    return r.output();
  }

  /** "name version-release" of every binary package the enabled repositories offer. */
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

  /** Runs an installed program the way its #!/bin/sh line would, from the install root. */
  public String runProgram(String name) {
    Path program = root.resolve("usr/bin").resolve(name);
    return Processes.check(root, Map.of(), List.of("sh", program.toString())).strip();
  }
}
