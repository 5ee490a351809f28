package org.copr.worker.builder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.copr.contracts.BuildStatus.BuildrootPackage;

/**
 * Production builds: a clean buildroot per attempt for the chroot's mock config, with the copr's
 * own repository and its dependencies' repositories (with their keys) added so that BuildRequires
 * and their whole closure resolve from them.
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

  /**
   * The attempt's mock configuration: the chroot's own, plus the build's repositories (the copr's,
   * then its dependencies') with gpgcheck and each copr's key, which {@code --addrepo} cannot give.
   * Every URL matches a strict pattern before it is written: no quote can end the Python string.
   */
  @Override
  public void prepare(BuildJob job, Consumer<String> log) throws IOException {
    StringBuilder cfg = new StringBuilder();
    cfg.append("include('/etc/mock/").append(job.chroot().name()).append(".cfg')\n");
    for (int i = 0; i < job.repos().size(); i++) {
      String url = job.repos().get(i);
      Optional<String> key = CoprKeys.keyUrl(url);
      if (!BuildRoot.REPO_URL.matcher(url).matches()
          || key.filter(k -> BuildRoot.REPO_URL.matcher(k).matches()).isEmpty()) {
        throw new BuildRefusedException("a repository URL of the build is not usable");
      }
      cfg.append("config_opts['dnf.conf'] += \"\"\"\n[copr")
          .append(i)
          .append("]\nname=copr")
          .append(i)
          .append("\nbaseurl=")
          .append(url)
          .append("\ngpgcheck=1\ngpgkey=")
          .append(key.get())
          .append("\nenabled=1\nskip_if_unavailable=False\n\"\"\"\n");
    }
    Files.writeString(config(job), cfg);
  }

  static Path config(BuildJob job) {
    return job.workDir().resolve("mock.cfg");
  }

  @Override
  public List<String> command(BuildJob job) {
    List<String> cmd = new ArrayList<>();
    cmd.add(executable.toString());
    cmd.addAll(List.of("-r", config(job).toString()));
    cmd.addAll(List.of("--rebuild", job.srpm().toString()));
    cmd.addAll(List.of("--resultdir", job.resultDir().toString()));
    // Two attempts (or two builds) of one chroot on one host must not share a buildroot.
    cmd.addAll(List.of("--uniqueext", job.uniqueName()));
    // mock stops rpmbuild itself at the timeout; the worker's own timer is the backstop.
    cmd.addAll(List.of("--rpmbuild_timeout", Long.toString(job.timeout().toSeconds())));
    return List.copyOf(cmd);
  }

  @Override
  public List<BuildrootPackage> buildroot(BuildJob job) {
    return InstalledPackages.readMock(job.resultDir());
  }
}
