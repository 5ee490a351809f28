package org.copr.worker.builder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.copr.rpm.BuildRequirements;

/**
 * An SRPM's BuildRequires, split into those the host's toolchain provides and those a repository of
 * the build must provide. The host provides a BuildRequires that is an existing file under its
 * read-only system folders (which the sandbox shows), names a program on the sandbox's PATH, or is
 * listed in {@code copr.worker.sandbox.host-provides}; versions of host tools are not checked.
 */
record BuildRequires(List<String> host, List<String> fromRepos) {
  /** What may stand in a generated spec's Provides: no macros, no spaces, no new lines. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._+/()\\-:]{1,200}");

  private static final List<String> SYSTEM_DIRS = List.of("/usr/");

  /**
   * Reads and checks the SRPM's BuildRequires (module rpm's rule, the one api-service's intake
   * applies): an entry that is not a dependency token refuses the build before anything runs.
   */
  static BuildRequires of(Path srpm, List<String> programDirs, Set<String> configured)
      throws IOException {
    List<BuildRequirements.Requirement> requires;
    try {
      requires = BuildRequirements.read(srpm);
    } catch (BuildRequirements.BadRequirementException e) {
      throw new BuildRefusedException(e.getMessage());
    }
    List<String> host = new ArrayList<>();
    List<String> fromRepos = new ArrayList<>();
    for (BuildRequirements.Requirement r : requires) {
      String name = r.name();
      if (r.rpmlib()) {
        continue; // rpm's own features, which rpmbuild checks itself
      }
      if (PLAIN.matcher(name).matches()
          && (configured.contains(name) || onHost(name, programDirs))) {
        if (!host.contains(name)) {
          host.add(name);
        }
      } else if (!fromRepos.contains(r.spec())) {
        fromRepos.add(r.spec());
      }
    }
    return new BuildRequires(List.copyOf(host), List.copyOf(fromRepos));
  }

  private static boolean onHost(String name, List<String> programDirs) {
    if (name.startsWith("/")) {
      Path p = Path.of(name).normalize();
      return SYSTEM_DIRS.stream().anyMatch(d -> p.toString().startsWith(d)) && Files.exists(p);
    }
    if (name.contains("(")) {
      return false; // perl(Foo), pkgconfig(bar): the host's Debian packages do not say
    }
    // A program (links followed, as the shell would) on the sandbox's PATH.
    return programDirs.stream()
        .map(dir -> Path.of(dir, name))
        .anyMatch(p -> Files.isRegularFile(p) && Files.isExecutable(p));
  }
}
