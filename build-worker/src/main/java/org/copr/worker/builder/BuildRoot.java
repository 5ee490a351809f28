package org.copr.worker.builder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.copr.contracts.BuildStatus.BuildrootPackage;
import org.copr.rpm.PackageRelations;
import org.copr.runtime.process.ExternalCommand;

/**
 * The attempt's own root with the whole dependency closure of its BuildRequires that the host does
 * not provide: resolved and downloaded with dnf from the build's repositories only, round by round
 * along the packages' own Requires ({@link #resolve}), then checked, unpacked and recorded in a
 * sandbox ({@link #install}). The build sees the files at their own paths ({@link MergedRoot}).
 */
final class BuildRoot {
  private static final Pattern MISSING = Pattern.compile("^No package (.+) available\\.$");
  private static final int SETUP_OUTPUT = 16 * 1024;
  private static final int UNSIGNED = 3;
  private static final int UNRESOLVED = 4;

  /** More rounds than any real closure needs; a chain longer than this is refused, never looped. */
  private static final int MAX_ROUNDS = 30;

  /** At most this many packages in one buildroot (the event that records them lists as many). */
  static final int MAX_PACKAGES = 1000;

  /** Where dnf's sandbox sees its configuration, cache, root, keys and downloads. */
  private static final String DNF = "/copr-dnf";

  /** What may stand in dnf's configuration file: no spaces, new lines, '$' or '%'. */
  static final Pattern REPO_URL =
      Pattern.compile("https?://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~+\\-]+)*/?");

  private static final Pattern VERSION = Pattern.compile("([0-9]{1,10}:)?[A-Za-z0-9._+~^-]{1,128}");

  private final SandboxBuilder sandbox;
  private final Path dnf;
  private final HostSystem hostSystem;

  BuildRoot(SandboxBuilder sandbox, Path dnf, HostSystem hostSystem) {
    this.sandbox = sandbox;
    this.dnf = dnf;
    this.hostSystem = hostSystem;
  }

  /** The downloaded closure: each package's file and header, and what the host provides to it. */
  record Closure(Map<Path, PackageRelations> packages, Set<String> host) {}

  /**
   * Downloads {@code wanted}, then whatever the downloaded packages Require that neither the host
   * nor a package already downloaded provides, until nothing is missing. What nothing provides
   * refuses the build, naming what needs it, as dnf says it. Version comparisons are left to rpm's
   * transaction check in {@link #install}.
   */
  Closure resolve(BuildJob job, BuildRequires requires, Consumer<String> log)
      throws IOException, InterruptedException {
    Path dnfDir = configure(job, log);
    long start = System.nanoTime();
    Map<Path, PackageRelations> packages = new LinkedHashMap<>();
    Set<String> host = new LinkedHashSet<>(requires.host());
    Set<String> asked = new LinkedHashSet<>(requires.fromRepos());
    Map<String, String> neededBy = new LinkedHashMap<>();
    requires.fromRepos().forEach(r -> neededBy.put(r, null));
    List<String> wanted = requires.fromRepos();
    for (int round = 1; !wanted.isEmpty(); round++) {
      if (round > MAX_ROUNDS) {
        throw new BuildRefusedException(
            "the BuildRequires' Requires did not close within " + MAX_ROUNDS + " rounds");
      }
      download(job, dnfDir, wanted, neededBy);
      List<PackageRelations> fresh = new ArrayList<>();
      try (Stream<Path> files = Files.list(dnfDir.resolve("rpms"))) {
        for (Path rpm : files.sorted().toList()) {
          if (!packages.containsKey(rpm)) {
            if (packages.size() >= MAX_PACKAGES) {
              throw new BuildRefusedException(
                  "the buildroot needs more than " + MAX_PACKAGES + " packages");
            }
            PackageRelations p = PackageRelations.read(rpm);
            packages.put(rpm, p);
            fresh.add(p);
          }
        }
      }
      List<String> next = new ArrayList<>();
      for (PackageRelations p : fresh) {
        for (PackageRelations.Dependency d : p.requires()) {
          String name = d.name();
          if (name.startsWith("rpmlib(") || provided(packages.values(), name)) {
            continue;
          }
          if (!HostSystem.PLAIN.matcher(name).matches()
              || name.startsWith("-")
              || !(d.version().isEmpty() || VERSION.matcher(d.version()).matches())) {
            throw new BuildRefusedException(
                p.nevra() + " Requires \"" + shown(d.spec()) + "\", which Copr cannot install");
          }
          if (hostSystem.provides(name)) {
            host.add(name);
          } else if (asked.add(d.spec())) {
            next.add(d.spec());
            neededBy.put(d.spec(), p.nevra());
          }
        }
      }
      wanted = next;
    }
    log.accept(
        "copr-build-worker: resolved "
            + packages.size()
            + " packages from the build's repositories in "
            + (System.nanoTime() - start) / 1_000_000
            + " ms");
    return new Closure(packages, host);
  }

  private static boolean provided(Iterable<PackageRelations> packages, String name) {
    for (PackageRelations p : packages) {
      if (p.name().equals(name) || p.provides().contains(name) || p.files().contains(name)) {
        return true;
      }
    }
    return false;
  }

  private static String shown(String text) {
    String plain = text.replaceAll("[^\\x20-\\x7e]", "?");
    return plain.length() <= 200 ? plain : plain.substring(0, 200) + "…";
  }

  /**
   * dnf's configuration, written here: only the build's repositories (each with its copr's key), no
   * repository or plugin configuration of the host.
   */
  private Path configure(BuildJob job, Consumer<String> log)
      throws IOException, InterruptedException {
    Path dnfDir = Files.createDirectories(job.workDir().resolve("dnf"));
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
    try (Stream<Path> paths = Files.walk(dnfDir)) {
      for (Path p : paths.toList()) {
        sandbox.giveToBuild(job, p);
      }
    }
    return dnfDir;
  }

  /**
   * One round of {@code dnf download}, in a sandbox of its own (the host's network, nothing else of
   * the host writable, the slot's uid, an environment from scratch), every package spec after
   * {@code --}. What the packages are signed with is checked in {@link #install}.
   */
  private void download(
      BuildJob job, Path dnfDir, List<String> wanted, Map<String, String> neededBy)
      throws IOException, InterruptedException {
    List<String> cmd = dnfCommand(job, dnfDir);
    cmd.addAll(List.of("--enableplugin=download", "download", "--destdir=" + DNF + "/rpms", "--"));
    cmd.addAll(wanted);
    Result r = run(cmd, job.workDir(), job.timeout());
    List<String> missing = new ArrayList<>();
    for (String line : r.output().lines().toList()) {
      Matcher m = MISSING.matcher(line.strip());
      if (m.matches() && wanted.contains(m.group(1))) {
        String by = neededBy.get(m.group(1));
        missing.add(m.group(1) + (by == null ? "" : " needed by " + by));
      }
    }
    if (!missing.isEmpty()) {
      throw new BuildRefusedException(SandboxBuilder.nothingProvides(missing));
    }
    if (r.exit() != 0) {
      throw new BuildRefusedException(
          "cannot download the BuildRequires from the build's repositories (dnf exited "
              + r.exit()
              + "): "
              + lastLine(r.output()));
    }
  }

  private List<String> dnfCommand(BuildJob job, Path dnfDir) {
    List<String> cmd = sandbox.sandbox(job, true, Optional.empty());
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
            "--disableplugin=*"));
    return cmd;
  }

  /**
   * Checks, unpacks and records the closure (and what the host provides) in the attempt's root,
   * inside a sandbox like the build's: the packages come from users' repositories and are no more
   * trusted than the SRPM. Their scriptlets never run. rpm's transaction check (versions,
   * conflicts) must pass: its own words are the reason otherwise. Returns what was installed, with
   * the repository each package came from (the first of the build's that has it).
   */
  List<BuildrootPackage> install(
      BuildJob job, Closure closure, Optional<HostProvides.Db> host, Consumer<String> log)
      throws IOException, InterruptedException {
    Path rpms = job.workDir().resolve("dnf/rpms");
    Path deps = Files.createDirectories(job.workDir().resolve("deps"));
    sandbox.giveToBuild(job, deps);
    List<String> cmd = sandbox.sandbox(job, false, Optional.empty());
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
            + "; }; done; rpm --dbpath "
            + SandboxBuilder.DEPS
            + "/var/lib/rpm -i --justdb --noscripts --notriggers --ignoresize /deps-rpms/*.rpm"
            + extra
            + " || exit "
            + UNRESOLVED
            + "; cd "
            + SandboxBuilder.DEPS
            + " && for r in /deps-rpms/*.rpm; do rpm2archive -n - < \"$r\" | tar -x -f - || exit 1;"
            + " done");
    Result r = run(cmd, job.workDir(), job.timeout());
    r.output().lines().forEach(log);
    if (r.exit() == UNSIGNED) {
      throw new BuildRefusedException(
          "a BuildRequires from the build's repositories is not signed by its copr's key");
    }
    if (r.exit() == UNRESOLVED) {
      throw new BuildRefusedException(rpmProblems(r.output()));
    }
    if (r.exit() != 0 || !Files.isDirectory(deps.resolve("var/lib/rpm"))) {
      throw new BuildRefusedException(
          "cannot install the BuildRequires into the build's root (exit " + r.exit() + ")");
    }
    return recorded(job, closure);
  }

  /** rpm's own explanation: its {@code is needed by} and {@code conflicts with} lines. */
  private static String rpmProblems(String output) {
    List<String> problems =
        output
            .lines()
            .map(String::strip)
            .filter(l -> l.contains(" is needed by ") || l.contains("conflicts with"))
            .limit(10)
            .toList();
    return problems.isEmpty()
        ? "rpm refused the buildroot: " + lastLine(output)
        : "rpm refused the buildroot: " + String.join("; ", problems);
  }

  /** Each package with the repository dnf took it from ({@code repoquery}, from the cache). */
  private List<BuildrootPackage> recorded(BuildJob job, Closure closure)
      throws IOException, InterruptedException {
    Path dnfDir = job.workDir().resolve("dnf");
    List<String> cmd = dnfCommand(job, dnfDir);
    cmd.addAll(
        List.of("-C", "repoquery", "--qf", "%{repoid} %{name} %{version} %{release} %{arch}"));
    cmd.add("--");
    closure.packages().values().forEach(p -> cmd.add(p.nevra()));
    Result r = run(cmd, job.workDir(), job.timeout());
    Map<String, String> repoOf = new LinkedHashMap<>();
    for (String line : r.output().lines().toList()) {
      String[] parts = line.strip().split(" ", 2);
      if (parts.length == 2 && parts[0].matches("copr[0-9]{1,3}")) {
        int index = Integer.parseInt(parts[0].substring(4));
        if (index < job.repos().size()) {
          repoOf.putIfAbsent(parts[1], job.repos().get(index));
        }
      }
    }
    List<BuildrootPackage> installed = new ArrayList<>();
    for (PackageRelations p : closure.packages().values()) {
      String key = p.name() + " " + p.version() + " " + p.release() + " " + p.arch();
      installed.add(
          new BuildrootPackage(
              p.name(), p.epoch(), p.version(), p.release(), p.arch(), repoOf.get(key)));
    }
    return installed;
  }

  private static String lastLine(String output) {
    List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
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
