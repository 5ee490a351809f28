package org.copr.worker.builder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Production builds: a clean buildroot per attempt for the chroot's mock config, with the copr's
 * own repository and its dependencies' repositories added so that BuildRequires resolve from them.
 */
public record MockBuilder(Path executable) implements Builder {

  @Override
  public String name() {
    return "mock";
  }

  @Override
  public List<String> command(BuildJob job) {
    List<String> cmd = new ArrayList<>();
    cmd.add(executable.toString());
    cmd.addAll(List.of("-r", job.chroot().name()));
    cmd.addAll(List.of("--rebuild", job.srpm().toString()));
    cmd.addAll(List.of("--resultdir", job.resultDir().toString()));
    for (String repo : job.repos()) {
      cmd.addAll(List.of("--addrepo", repo));
    }
    // Two attempts (or two builds) of one chroot on one host must not share a buildroot.
    cmd.addAll(List.of("--uniqueext", job.uniqueName()));
    // mock stops rpmbuild itself at the timeout; the worker's own timer is the backstop.
    cmd.addAll(List.of("--rpmbuild_timeout", Long.toString(job.timeout().toSeconds())));
    return List.copyOf(cmd);
  }
}
