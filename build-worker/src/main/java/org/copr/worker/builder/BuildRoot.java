package org.copr.worker.builder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The attempt's own root with the BuildRequires its repositories provide: downloaded with dnf from
 * the build's repositories only, then unpacked and recorded in a sandbox (see {@link #install});
 * the build sees it read-only at {@link SandboxBuilder#DEPS}.
 */
final class BuildRoot {
  private static final Pattern MISSING = Pattern.compile("^No package (.+) available\\.$");
  private static final int SETUP_OUTPUT = 16 * 1024;

  private final SandboxBuilder sandbox;
  private final Path dnf;
  private final String path;

  BuildRoot(SandboxBuilder sandbox, Path dnf, String path) {
    this.sandbox = sandbox;
    this.dnf = dnf;
    this.path = path;
  }

  /** Fetches the packages that provide {@code wanted}; a name none provides refuses the build. */
  Path download(BuildJob job, List<String> wanted, Consumer<String> log)
      throws IOException, InterruptedException {
    Path work = job.workDir();
    Path rpms = Files.createDirectories(work.resolve("deps-rpms"));
    List<String> cmd = new ArrayList<>();
    cmd.add(dnf.toString());
    cmd.addAll(
        List.of(
            "-q",
            "-y",
            "--disableplugin=local",
            "--installroot=" + work.resolve("dnf"),
            "--releasever=" + releaseVersion(job),
            "--setopt=reposdir=/dev/null",
            "--setopt=cachedir=" + work.resolve("dnf-cache"),
            "--setopt=strict=0"));
    for (int i = 0; i < job.repos().size(); i++) {
      String id = "copr" + i;
      cmd.add("--repofrompath=" + id + "," + job.repos().get(i));
      cmd.add("--setopt=" + id + ".gpgcheck=0");
      cmd.add("--setopt=" + id + ".skip_if_unavailable=False");
    }
    cmd.addAll(List.of("download", "--destdir", rpms.toString()));
    cmd.addAll(wanted);
    long start = System.nanoTime();
    Result r = run(cmd, work, job.timeout());
    List<String> missing = new ArrayList<>();
    for (String line : r.output().lines().toList()) {
      Matcher m = MISSING.matcher(line.strip());
      if (m.matches()) {
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
    String extra = "";
    if (host.isPresent()) {
      cmd.addAll(List.of("--ro-bind", host.get().rpm().toString(), "/copr-host.rpm"));
      extra = " /copr-host.rpm";
    }
    cmd.addAll(List.of("--", "sh", "-c"));
    cmd.add(
        "cd "
            + SandboxBuilder.DEPS
            + " && for r in /deps-rpms/*.rpm; do rpm2archive -n - < \"$r\" | tar -x -f - || exit 1;"
            + " done && rpm --dbpath "
            + SandboxBuilder.DEPS
            + "/var/lib/rpm -i --justdb --nodeps --noscripts --notriggers --ignoresize"
            + " /deps-rpms/*.rpm"
            + extra);
    Result r = run(cmd, job.workDir(), job.timeout());
    r.output().lines().forEach(log);
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
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.environment().clear();
    pb.environment().put("PATH", path);
    pb.environment().put("HOME", dir.toString());
    pb.environment().put("LC_ALL", "C.UTF-8");
    Process p = pb.start();
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new BuildRefusedException("the build timed out after " + timeout);
      }
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(out)) {
      head = in.readNBytes(SETUP_OUTPUT);
    }
    return new Result(p.exitValue(), new String(head, StandardCharsets.UTF_8));
  }

  private static String releaseVersion(BuildJob job) {
    String release = job.chroot().release();
    String version = release.substring(release.lastIndexOf('-') + 1);
    return version.isEmpty() ? "0" : version;
  }
}
