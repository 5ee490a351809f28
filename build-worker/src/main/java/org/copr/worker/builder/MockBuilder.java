package org.copr.worker.builder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Production builds: a clean buildroot per attempt for the chroot's mock config, with the copr's
 * own repository and its dependencies' repositories added so that BuildRequires resolve from them.
 */
public record MockBuilder(Path executable) implements Builder {
  private static final Pattern CHROOT_UID =
      Pattern.compile("^\\s*config_opts\\[['\"]chrootuid['\"]\\]\\s*=\\s*([0-9]{1,10})\\s*(#.*)?$");

  /**
   * mock runs rpmbuild as {@code chrootuid}, by default the uid that started it: the worker's own,
   * whose credentials file and process environment a build could then read. A worker refuses to
   * start with mock unless its configuration sets another uid, not root.
   */
  public static void checkBuildUid(Path mockConfig, int workerUid) {
    OptionalInt uid = chrootUid(mockConfig);
    if (uid.isEmpty() || uid.getAsInt() == workerUid || uid.getAsInt() == 0) {
      throw new IllegalStateException(
          "mock would run builds as "
              + (uid.isEmpty() ? "the worker's own uid" : "uid " + uid.getAsInt())
              + ": set config_opts['chrootuid'] (and chrootgid) in "
              + mockConfig
              + " to a uid of the builds' own, not root and not the worker's ("
              + workerUid
              + ")");
    }
  }

  static OptionalInt chrootUid(Path mockConfig) {
    OptionalInt uid = OptionalInt.empty();
    try {
      for (String line : Files.readAllLines(mockConfig)) {
        Matcher m = CHROOT_UID.matcher(line);
        if (m.matches()) {
          uid = OptionalInt.of(Integer.parseInt(m.group(1)));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return OptionalInt.empty();
    }
    return uid;
  }

  @Override
  public String name() {
    return "mock";
  }

  /** mock prints its own steps; rpmbuild's output it writes to build.log in the result folder. */
  @Override
  public Path rpmbuildLog(BuildJob job) {
    return job.resultDir().resolve("build.log");
  }

  @Override
  public List<String> command(BuildJob job) {
    List<String> cmd = new ArrayList<>();
    cmd.add(executable.toString());
    cmd.addAll(List.of("-r", job.chroot().name()));
    cmd.addAll(List.of("--rebuild", job.srpm().toString()));
    cmd.addAll(List.of("--resultdir", job.resultDir().toString()));
    // One argument each: a URL (checked by the event rules) can never be read as an option.
    for (String repo : job.repos()) {
      cmd.add("--addrepo=" + repo);
    }
    // Two attempts (or two builds) of one chroot on one host must not share a buildroot.
    cmd.addAll(List.of("--uniqueext", job.uniqueName()));
    // mock stops rpmbuild itself at the timeout; the worker's own timer is the backstop.
    cmd.addAll(List.of("--rpmbuild_timeout", Long.toString(job.timeout().toSeconds())));
    return List.copyOf(cmd);
  }
}
