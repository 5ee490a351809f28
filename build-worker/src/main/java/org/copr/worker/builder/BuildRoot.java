package org.copr.worker.builder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.copr.runtime.process.ExternalCommand;

/**
 * The attempt's own root with the BuildRequires its repositories provide: downloaded with dnf from
 * the build's repositories only, then unpacked and recorded in a sandbox (see {@link #install});
 * the build sees it read-only at {@link SandboxBuilder#DEPS}.
 */
final class BuildRoot {
  private static final Pattern MISSING = Pattern.compile("^No package (.+) available\\.$");
  private static final int SETUP_OUTPUT = 16 * 1024;
  private static final int UNSIGNED = 3;

  /** Where dnf's sandbox sees its configuration, cache, root, keys and downloads. */
  private static final String DNF = "/copr-dnf";

  /** What may stand in dnf's configuration file: no spaces, new lines, '$' or '%'. */
  private static final Pattern REPO_URL =
      Pattern.compile("https?://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~+\\-]+)*/?");

  private final SandboxBuilder sandbox;
  private final Path dnf;
  private final String path;

  BuildRoot(SandboxBuilder sandbox, Path dnf, String path) {
    this.sandbox = sandbox;
    this.dnf = dnf;
    this.path = path;
  }

  /**
   * Fetches the packages that provide {@code wanted}; a name none provides refuses the build. dnf
   * runs in a sandbox of its own (the host's network, nothing else of the host writable, the slot's
   * uid, an environment from scratch) with a configuration written here: only the build's
   * repositories, no repository or plugin configuration of the host, and every package spec after
   * {@code --}. What the packages are signed with is checked in {@link #install}.
   */
  Path download(BuildJob job, List<String> wanted, Consumer<String> log)
      throws IOException, InterruptedException {
    Path work = job.workDir();
    Path dnfDir = Files.createDirectories(work.resolve("dnf"));
    for (String sub : List.of("rpms", "cache", "root", "keys", "pluginconf")) {
      Files.createDirectories(dnfDir.resolve(sub));
    }
    StringBuilder conf = new StringBuilder("[main]\n");
    conf.append("reposdir=\n");
    conf.append("pluginconfpath=" + DNF + "/pluginconf\n");
    conf.append("cachedir=" + DNF + "/cache\n");
    conf.append("logdir=" + DNF + "/cache\n");
    conf.append("persistdir=" + DNF + "/cache\n");
    conf.append("gpgcheck=1\nlocalpkg_gpgcheck=1\nstrict=0\nskip_if_unavailable=0\n");
    conf.append("install_weak_deps=0\nkeepcache=0\n");
    for (int i = 0; i < job.repos().size(); i++) {
      String url = job.repos().get(i);
      if (!REPO_URL.matcher(url).matches()) {
        throw new BuildRefusedException("a repository URL of the build is not usable");
      }
      String id = "copr" + i;
      conf.append("\n[").append(id).append("]\nname=").append(id).append('\n');
      conf.append("baseurl=").append(url).append('\n');
      conf.append("gpgcheck=1\nenabled=1\n");
      Optional<byte[]> key = CoprKeys.fetch(url);
      if (key.isPresent()) {
        Files.write(dnfDir.resolve("keys").resolve(id + ".gpg"), key.get());
        conf.append("gpgkey=file://" + DNF + "/keys/" + id + ".gpg\n");
      } else {
        log.accept("copr-build-worker: no signing key at " + CoprKeys.keyUrl(url).orElse(url));
      }
    }
    Files.writeString(dnfDir.resolve("dnf.conf"), conf);
    giveTree(job, dnfDir);

    List<String> cmd = sandbox.sandbox(job, true);
    cmd.addAll(List.of("--bind", dnfDir.toString(), DNF));
    cmd.add("--");
    cmd.add(dnf.toString());
    cmd.addAll(
        List.of(
            "-q",
            "-y",
            "--config=" + DNF + "/dnf.conf",
            "--installroot=" + DNF + "/root",
            "--releasever=" + releaseVersion(job),
            "--disableplugin=*",
            "--enableplugin=download",
            "download",
            "--destdir=" + DNF + "/rpms",
            "--"));
    cmd.addAll(wanted);
    long start = System.nanoTime();
    Result r = run(cmd, work, job.timeout());
    List<String> missing = new ArrayList<>();
    for (String line : r.output().lines().toList()) {
      Matcher m = MISSING.matcher(line.strip());
      if (m.matches() && wanted.contains(m.group(1))) {
        missing.add(m.group(1));
      }
    }
    if (!missing.isEmpty()) {
      throw new BuildRefusedException(SandboxBuilder.nothingProvides(missing));
    }
    if (r.exit() != 0) {
      r.output().lines().forEach(log);
      throw new BuildRefusedException(
          "cannot download the BuildRequires from the build's repositories (dnf exited "
              + r.exit()
              + ")");
    }
    Path rpms = dnfDir.resolve("rpms");
    try (Stream<Path> files = Files.list(rpms)) {
      log.accept(
          "copr-build-worker: downloaded "
              + files.map(p -> p.getFileName().toString()).sorted().toList()
              + " in "
              + (System.nanoTime() - start) / 1_000_000
              + " ms");
    }
    return rpms;
  }

  /** The folders dnf writes belong to the slot's uid (when the worker is root). */
  private void giveTree(BuildJob job, Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.toList()) {
        sandbox.giveToBuild(job, p);
      }
    }
  }

  /**
   * Unpacks the downloaded packages into the attempt's root and records them (and what the host
   * provides) in its rpm database, inside a sandbox like the build's: the packages come from users'
   * repositories and are no more trusted than the SRPM. Their scriptlets never run.
   */
  void install(BuildJob job, Path rpms, Optional<HostProvides.Db> host, Consumer<String> log)
      throws IOException, InterruptedException {
    Path deps = Files.createDirectories(job.workDir().resolve("deps"));
    sandbox.giveToBuild(job, deps);
    List<String> cmd = sandbox.sandbox(job);
    cmd.addAll(List.of("--ro-bind", rpms.toString(), "/deps-rpms"));
    cmd.addAll(List.of("--bind", deps.toString(), SandboxBuilder.DEPS));
    cmd.addAll(List.of("--ro-bind", rpms.resolveSibling("keys").toString(), "/copr-keys"));
    String extra = "";
    if (host.isPresent()) {
      cmd.addAll(List.of("--ro-bind", host.get().rpm().toString(), "/copr-host.rpm"));
      extra = " /copr-host.rpm";
    }
    cmd.addAll(List.of("--", "sh", "-c"));
    // Every package must carry a signature by the key of one of the build's coprs (gpgcheck=1:
    // dnf download itself checks none); only then is anything unpacked.
    cmd.add(
        "for k in /copr-keys/*.gpg; do [ -e \"$k\" ] || continue;"
            + " rpmkeys --dbpath /build/copr-keys --import \"$k\" || exit 1; done;"
            + " for r in /deps-rpms/*.rpm; do rpmkeys --dbpath /build/copr-keys"
            + " --define '_pkgverify_level signature' --checksig -- \"$r\" > /dev/null 2>&1 || {"
            + " echo \"copr-build-worker: ${r##*/} is not signed by the key of a copr of this"
            + " build\"; exit "
            + UNSIGNED
            + "; }; done; cd "
            + SandboxBuilder.DEPS
            + " && for r in /deps-rpms/*.rpm; do rpm2archive -n - < \"$r\" | tar -x -f - || exit 1;"
            + " done && rpm --dbpath "
            + SandboxBuilder.DEPS
            + "/var/lib/rpm -i --justdb --nodeps --noscripts --notriggers --ignoresize"
            + " /deps-rpms/*.rpm"
            + extra);
    Result r = run(cmd, job.workDir(), job.timeout());
    r.output().lines().forEach(log);
    if (r.exit() == UNSIGNED) {
      throw new BuildRefusedException(
          "a BuildRequires from the build's repositories is not signed by its copr's key");
    }
    if (r.exit() != 0 || !Files.isDirectory(deps.resolve("var/lib/rpm"))) {
      throw new BuildRefusedException(
          "cannot install the BuildRequires into the build's root (exit " + r.exit() + ")");
    }
  }

  private record Result(int exit, String output) {}

  /** Runs a setup step to its end (within the build's timeout); keeps the first 16 KiB said. */
  private Result run(List<String> cmd, Path dir, Duration timeout)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "setup-", ".log");
    // bubblewrap's own environment, which its first process keeps: nothing of the worker's.
    ExternalCommand.Result r =
        ExternalCommand.of(cmd)
            .directory(dir)
            .environment(Map.of("PATH", "/usr/bin:/bin", "LC_ALL", "C.UTF-8"))
            .timeout(timeout)
            .output(out)
            .keep(SETUP_OUTPUT)
            .run();
    if (r.timedOut()) {
      throw new BuildRefusedException(
          "the build timed out after " + timeout.toString().substring(2).toLowerCase());
    }
    return new Result(r.exitCode(), r.output());
  }

  private static String releaseVersion(BuildJob job) {
    String release = job.chroot().release();
    String version = release.substring(release.lastIndexOf('-') + 1);
    return version.isEmpty() ? "0" : version;
  }
}
