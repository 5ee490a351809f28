package org.copr.worker.builder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.copr.contracts.BuildStatus.BuildrootPackage;
import org.copr.worker.config.WorkerConfig;

/**
 * The local backend: {@code rpmbuild --rebuild} inside bubblewrap, as an unprivileged uid of its
 * own, with no network, its own PID, IPC and UTS namespaces, the host's /usr and /etc read-only, a
 * size-bounded tmpfs as its build folder, its SRPM read-only and its result folder writable.
 * BuildRequires the host does not provide, with their own Requires, are downloaded with dnf from
 * the build's repositories, unpacked (in a sandbox too) into a root of the attempt's own and shown
 * at their own paths ({@link MergedRoot}). See src-docs/build-worker.md, "The sandbox".
 */
public final class SandboxBuilder implements Builder {
  /** Where the sandbox that unpacks the BuildRequires sees the attempt's own root. */
  static final String DEPS = "/copr-deps";

  static final List<String> PROGRAM_DIRS =
      List.of("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin");

  /** The uid and gid the build has inside its user namespace. */
  static final int INNER_ID = 1000;

  private final Path bwrap;
  private final Path rpmbuild;
  private final Path prlimit;
  private final Optional<Path> setpriv;
  private final Optional<Path> dnf;
  private final Path unshare;
  private final HostSystem hostSystem;
  private final WorkerConfig.Sandbox config;
  private final HostProvides hostProvides;
  private final String path;
  private final int ownUid;
  private final MemoryBudget memory;

  public SandboxBuilder(
      Path bwrap,
      Path rpmbuild,
      Path prlimit,
      Optional<Path> setpriv,
      Optional<Path> dnf,
      Path unshare,
      WorkerConfig.Sandbox config,
      Path workDir,
      Path cacheDir,
      String path,
      int slots) {
    this.bwrap = bwrap;
    this.rpmbuild = rpmbuild;
    this.prlimit = prlimit;
    this.setpriv = setpriv;
    this.dnf = dnf;
    this.unshare = unshare;
    this.config = config;
    this.hostSystem =
        new HostSystem(PROGRAM_DIRS, Set.copyOf(config.hostProvides().orElse(List.of())));
    this.hostProvides = new HostProvides(cacheDir, rpmbuild, path);
    this.path = path;
    this.ownUid = ownUid();
    this.memory = MemoryBudget.of(config, slots);
    if (ownUid == 0 && setpriv.isEmpty()) {
      throw new IllegalStateException(
          "the worker runs as root and setpriv is not on the PATH (" + path + ")");
    }
    if (ownUid == 0) {
      reachable(workDir);
      reachable(cacheDir);
    }
  }

  /**
   * The builds' uids must reach the folders bubblewrap binds from the work folder and the cache:
   * the worker opens its own folders to them (search only) and checks that every parent is.
   */
  private static void reachable(Path dir) {
    try {
      Files.createDirectories(dir);
      Set<java.nio.file.attribute.PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
      perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
      Files.setPosixFilePermissions(dir, perms);
      for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
        if (!Files.getPosixFilePermissions(p)
            .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
          throw new IllegalStateException(
              "the sandbox's uids cannot reach "
                  + dir
                  + ": "
                  + p
                  + " is not searchable by others (chmod o+x, or set copr.worker.work-dir)");
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot prepare " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return "sandbox";
  }

  @Override
  public Path executable() {
    return bwrap;
  }

  /**
   * bubblewrap's own environment, which its first process inside keeps (and a build can read):
   * nothing of the worker's, not even its PATH or folders. The build's is set by --setenv.
   */
  @Override
  public Map<String, String> environment(BuildJob job, String path) {
    return Map.of("PATH", "/usr/bin:/bin", "LC_ALL", "C.UTF-8");
  }

  public MemoryBudget memory() {
    return memory;
  }

  @Override
  public String bounds(BuildJob job) {
    return "its processes may write at most "
        + MemoryBudget.shown(memory.perProcess())
        + " of memory each (copr.worker.sandbox.memory "
        + MemoryBudget.shown(memory.total())
        + " less its "
        + MemoryBudget.shown(memory.buildFolder())
        + " build folder) and use "
        + cpuSeconds(job)
        + " s of CPU time each";
  }

  /** RLIMIT_CPU: the configured CPU time, never more than the build's timeout. */
  long cpuSeconds(BuildJob job) {
    long timeout = Math.max(1, job.timeout().toSeconds());
    return config.cpuTime().map(d -> Math.max(1, Math.min(d.toSeconds(), timeout))).orElse(timeout);
  }

  /** The host uid the attempt's processes run as (and count against its process limit). */
  public int uid(BuildJob job) {
    return ownUid == 0 ? config.uidBase() + job.slot() : ownUid;
  }

  @Override
  public void prepare(BuildJob job, Consumer<String> log) throws IOException, InterruptedException {
    Path work = job.workDir();
    // The build reads a private copy: readable by its uid, and the one that was checked.
    Path srpm = Files.createDirectories(work.resolve("srpm")).resolve(job.srpm().getFileName());
    Files.copy(job.srpm(), srpm, StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(srpm, PosixFilePermissions.fromString("rw-r--r--"));
    Files.createDirectories(job.resultDir());
    giveToBuild(job, job.resultDir());

    BuildRequires requires = BuildRequires.of(srpm, hostSystem);
    if (requires.host().isEmpty() && requires.fromRepos().isEmpty()) {
      return;
    }
    log.accept(
        "copr-build-worker: BuildRequires from the host toolchain: "
            + requires.host()
            + "; from the build's repositories: "
            + requires.fromRepos());
    if (requires.fromRepos().isEmpty()) {
      Files.createSymbolicLink(work.resolve("rpmdb"), hostProvides.db(requires.host()).rpmdb());
      return;
    }
    if (job.repos().isEmpty() || dnf.isEmpty()) {
      throw new BuildRefusedException(nothingProvides(requires.fromRepos()));
    }
    BuildRoot root = new BuildRoot(this, dnf.get(), hostSystem);
    BuildRoot.Closure closure = root.resolve(job, requires, log);
    Optional<HostProvides.Db> host =
        closure.host().isEmpty()
            ? Optional.empty()
            : Optional.of(hostProvides.db(List.copyOf(closure.host())));
    InstalledPackages.write(work, root.install(job, closure, host, log), log);
  }

  @Override
  public List<BuildrootPackage> buildroot(BuildJob job) {
    return InstalledPackages.read(job.workDir());
  }

  @Override
  public List<String> command(BuildJob job) {
    Path work = job.workDir();
    Optional<MergedRoot> merged;
    try {
      merged = MergedRoot.of(unshare, work);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> cmd = sandbox(job, false, merged);
    cmd.addAll(List.of("--ro-bind", work.resolve("srpm").toString(), "/srpm"));
    cmd.addAll(List.of("--bind", job.resultDir().toString(), "/results"));
    String dbpath = "/build/rpmdb";
    if (merged.isPresent()) {
      // Where rpm looks (rpmbuild is told; Debian's rpm defaults to ~/.rpmdb, HOME is /build).
      dbpath = "/var/lib/rpm";
      cmd.addAll(List.of("--ro-bind", work.resolve("deps/var/lib/rpm").toString(), dbpath));
      cmd.addAll(List.of("--symlink", dbpath, "/build/.rpmdb"));
      cmd.addAll(merged.get().ownBinds());
      // The Fedora paths the packages use, which Debian's gcc, ld.so and pkg-config do not search.
      setenv(cmd, "LIBRARY_PATH", "/usr/lib64");
      setenv(cmd, "LD_LIBRARY_PATH", "/usr/lib64");
      setenv(cmd, "PKG_CONFIG_PATH", "/usr/lib64/pkgconfig:/usr/share/pkgconfig");
    } else if (Files.exists(work.resolve("rpmdb"))) {
      cmd.addAll(List.of("--ro-bind", work.resolve("rpmdb").toString(), "/copr-rpmdb"));
      dbpath = "/copr-rpmdb";
    }
    cmd.add("--");
    // Line-buffered inside too: the build's own stdio is what the log shows as it comes.
    cmd.addAll(List.of("stdbuf", "-oL", "-eL"));
    cmd.add(rpmbuild.toString());
    cmd.add("--rebuild");
    define(cmd, "_topdir", "/build/rpmbuild");
    define(cmd, "_tmppath", "/build/tmp");
    define(cmd, "_rpmdir", "/results");
    // Flat, like mock's result directory, instead of one subfolder per arch.
    define(cmd, "_build_name_fmt", "%%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm");
    cmd.addAll(List.of("--dbpath", dbpath));
    cmd.add("/srpm/" + job.srpm().getFileName());
    return cmd;
  }

  /**
   * The sandbox up to its own folders: limits, the uid, namespaces, the host's toolchain read-only,
   * a bounded tmpfs at /build (also /tmp and /var/tmp) and an environment from scratch.
   */
  List<String> sandbox(BuildJob job) {
    return sandbox(job, false, Optional.empty());
  }

  /**
   * The sandbox; with {@code network} it keeps the host's network (dnf fetching from the build's
   * repositories), with {@code merged} it shows the attempt's buildroot at the host's paths;
   * everything else is the same.
   */
  List<String> sandbox(BuildJob job, boolean network, Optional<MergedRoot> merged) {
    long size = config.buildSize().asLongValue();
    long cpu = cpuSeconds(job);
    List<String> cmd = new ArrayList<>();
    cmd.add(prlimit.toString());
    cmd.add("--nproc=" + config.processes() + ":" + config.processes());
    cmd.add("--fsize=" + size + ":" + size);
    cmd.add("--core=0:0");
    // Memory a process may write (heap, private mappings); the tmpfs is the rest of the budget.
    cmd.add("--data=" + memory.perProcess() + ":" + memory.perProcess());
    // SIGXCPU at the soft limit (the shell says "CPU time limit exceeded"), SIGKILL 10 s later.
    cmd.add("--cpu=" + cpu + ":" + (cpu + 10));
    cmd.add("--");
    if (ownUid == 0) {
      int uid = uid(job);
      cmd.addAll(
          List.of(
              setpriv.orElseThrow().toString(),
              "--reuid=" + uid,
              "--regid=" + uid,
              "--clear-groups",
              "--"));
    }
    merged.ifPresent(m -> cmd.addAll(m.mountingPrefix()));
    cmd.add(bwrap.toString());
    cmd.addAll(
        List.of(
            "--unshare-all",
            "--unshare-user",
            "--disable-userns",
            "--die-with-parent",
            "--new-session",
            "--uid",
            Integer.toString(INNER_ID),
            "--gid",
            Integer.toString(INNER_ID),
            "--hostname",
            "localhost"));
    if (network) {
      cmd.add("--share-net");
    }
    cmd.addAll(List.of("--ro-bind", merged.map(m -> m.source("usr")).orElse("/usr"), "/usr"));
    for (String top : List.of("bin", "sbin", "lib", "lib64", "lib32", "libx32")) {
      Path host = Path.of("/", top);
      try {
        if (Files.isSymbolicLink(host)) {
          cmd.addAll(List.of("--symlink", Files.readSymbolicLink(host).toString(), "/" + top));
        } else if (Files.isDirectory(host)) {
          cmd.addAll(List.of("--ro-bind", host.toString(), "/" + top));
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + host, e);
      }
    }
    cmd.addAll(List.of("--ro-bind", merged.map(m -> m.source("etc")).orElse("/etc"), "/etc"));
    cmd.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
    cmd.addAll(List.of("--size", Long.toString(memory.buildFolder()), "--tmpfs", "/build"));
    cmd.addAll(List.of("--dir", "/build/tmp", "--symlink", "/build/tmp", "/tmp"));
    cmd.addAll(List.of("--dir", "/var", "--symlink", "/build/tmp", "/var/tmp"));
    cmd.add("--clearenv");
    setenv(cmd, "PATH", basePath());
    setenv(cmd, "HOME", "/build");
    setenv(cmd, "LC_ALL", "C.UTF-8");
    setenv(cmd, "TMPDIR", "/build/tmp");
    cmd.addAll(List.of("--chdir", "/build"));
    return cmd;
  }

  private static String basePath() {
    return String.join(":", PROGRAM_DIRS);
  }

  /** When the worker is root, the build's uid owns the folders it may write. */
  void giveToBuild(BuildJob job, Path dir) throws IOException {
    if (ownUid == 0) {
      int uid = uid(job);
      Files.setAttribute(dir, "unix:uid", uid);
      Files.setAttribute(dir, "unix:gid", uid);
    }
  }

  static String nothingProvides(List<String> names) {
    return "nothing provides " + String.join(", ", names);
  }

  private static void define(List<String> cmd, String macro, String value) {
    cmd.add("--define");
    cmd.add(macro + " " + value);
  }

  private static void setenv(List<String> cmd, String name, String value) {
    cmd.addAll(List.of("--setenv", name, value));
  }

  private static int ownUid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException e) {
      throw new IllegalStateException("cannot tell the worker's uid", e);
    }
  }
}
