package org.copr.worker.builder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.copr.rpm.BuildRequirements;

/**
 * An SRPM's BuildRequires, split into those the host's toolchain provides and those a repository of
 * the build must provide ({@link HostSystem} says what the host provides).
 */
record BuildRequires(List<String> host, List<String> fromRepos) {
  /**
   * Reads and checks the SRPM's BuildRequires (module rpm's rule, the one api-service's intake
   * applies): an entry that is not a dependency token refuses the build before anything runs.
   */
  static BuildRequires of(Path srpm, HostSystem hostSystem) throws IOException {
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
      if (hostSystem.provides(name)) {
        if (!host.contains(name)) {
          host.add(name);
        }
      } else if (!fromRepos.contains(r.spec())) {
        fromRepos.add(r.spec());
      }
    }
    return new BuildRequires(List.copyOf(host), List.copyOf(fromRepos));
  }
}
