import io.quarkus.runtime.configuration.MemorySize;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.copr.contracts.Chroot;
import org.copr.testing.SignedRepos;
import org.copr.testing.TestRpms;
import org.copr.worker.builder.BuildJob;
import org.copr.worker.builder.Builder;
import org.copr.worker.builder.Builders;
import org.copr.worker.config.WorkerConfig;

/**
 * Benchmark (not a test), run by bench/sandbox-cost: the same SRPMs built with bare {@code
 * rpmbuild --rebuild} (the old unsandboxed backend's command, --nodeps) and with the build-worker's
 * sandbox backend (its real prepare + command: BuildRequires, bubblewrap, limits), alternating, in
 * one run. Prints milliseconds per build and the sandbox's cost.
 */
public class SandboxCostBench {
  static final String PATH = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");

  record Sandbox(
      int uidBase,
      int processes,
      MemorySize buildSize,
      Optional<List<String>> hostProvides,
      Optional<MemorySize> memory,
      Optional<Duration> cpuTime)
      implements WorkerConfig.Sandbox {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]).toAbsolutePath();
    int rounds = Integer.parseInt(args[1]);
    deleteTree(dir);
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path srpms = Files.createDirectories(dir.resolve("srpms"));

    Map<String, Path> packages = new LinkedHashMap<>();
    packages.put("no BuildRequires", srpm(srpms, "plain", "", "printf 'x' > plain"));
    packages.put(
        "BuildRequires make, gcc (host)",
        srpm(
            srpms,
            "tools",
            "BuildRequires: make\nBuildRequires: gcc\n",
            "printf 'int main(void){return 0;}' > t.c && gcc -O0 -o tools t.c"));
    // As the worker meets it: a copr's repository over HTTP, its packages signed with the key it
    // publishes beside it (the sandbox's dnf takes nothing else).
    SignedRepos repos = new SignedRepos();
    String repo = repos.repo("bench-deps", "fedora-40-x86_64", true, "hello-dep");
    Path fromRepo =
        srpm(
            srpms,
            "app",
            "BuildRequires: hello-dep\n",
            // Bare rpmbuild (--nodeps) has no hello-dep: the same SRPM must build there too.
            "(hello-dep || echo 'no hello-dep') > app");

    Builder sandbox =
        Builders.choose(
            WorkerConfig.Backend.SANDBOX,
            PATH,
            new Sandbox(
                64000,
                512,
                new MemorySize(BigInteger.valueOf(4L << 30)),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()),
            dir.resolve("work"));

    System.out.printf("rounds: %d (bare and sandbox alternating, after one warm-up each)%n", rounds);
    System.out.printf(
        "%-34s %12s %12s %12s %8s%n", "package", "bare ms", "sandbox ms", "cost ms", "ratio");
    for (var p : packages.entrySet()) {
      report(p.getKey(), p.getValue(), List.of(), dir, sandbox, rounds);
    }
    report(
        "BuildRequires hello-dep (repo, dnf)",
        fromRepo,
        List.of(repo),
        dir,
        sandbox,
        rounds);
    // The buildroot's whole closure: the BuildRequires' package Requires n - 1 others (two dnf
    // rounds, one rpm transaction, n packages unpacked and merged at their own paths).
    for (int n : new int[] {1, 10, 50}) {
      Map<String, String> specs = new LinkedHashMap<>();
      List<String> leaves = new ArrayList<>();
      for (int i = 1; i < n; i++) {
        String leaf = "closure" + n + "-leaf" + i;
        leaves.add(leaf);
        specs.put(leaf, TestRpms.spec(leaf, "1.0", TestRpms.Options.defaults()));
      }
      String top = "closure" + n + "-top";
      specs.put(
          top,
          TestRpms.spec(
              top, "1.0", TestRpms.Options.defaults().requires(leaves.toArray(String[]::new))));
      String closureRepo = repos.repoOfSpecs("bench-closure-" + n, "fedora-40-x86_64", specs);
      Path needs =
          srpm(
              srpms,
              "needs" + n,
              "BuildRequires: " + top + "\n",
              "(" + top + " || echo 'no " + top + "') > needs" + n);
      report(
          "closure of " + n + " (repo, dnf)", needs, List.of(closureRepo), dir, sandbox, rounds);
    }
    repos.close();
  }

  static void report(
      String label, Path srpm, List<String> repos, Path dir, Builder sandbox, int rounds)
      throws Exception {
    List<Long> bare = new ArrayList<>();
    List<Long> boxed = new ArrayList<>();
    for (int i = -1; i < rounds; i++) {
      long b = bare(srpm, dir);
      long s = sandboxed(srpm, repos, dir, sandbox);
      if (i >= 0) {
        bare.add(b);
        boxed.add(s);
      }
    }
    double bm = median(bare);
    double sm = median(boxed);
    System.out.printf(
        "%-34s %12.0f %12.0f %12.0f %8.2f%n", label, bm, sm, sm - bm, sm / bm);
  }

  static long bare(Path srpm, Path dir) throws Exception {
    Path work = fresh(dir.resolve("bare"));
    long start = System.nanoTime();
    run(
        work,
        List.of(
            "rpmbuild",
            "--rebuild",
            "--define",
            "_topdir " + work.resolve("rpmbuild"),
            "--define",
            "_tmppath " + work.resolve("tmp"),
            "--define",
            "_rpmdir " + work.resolve("results"),
            "--dbpath",
            work.resolve("rpmdb").toString(),
            "--nodeps",
            srpm.toString()));
    return (System.nanoTime() - start) / 1_000_000;
  }

  static long sandboxed(Path srpm, List<String> repos, Path dir, Builder sandbox)
      throws Exception {
    Path work = fresh(dir.resolve("work/attempt"));
    BuildJob job =
        new BuildJob(
            1,
            1,
            Chroot.parse("fedora-40-x86_64"),
            srpm,
            work.resolve("results"),
            work,
            repos,
            Duration.ofMinutes(5),
            0);
    long start = System.nanoTime();
    List<String> log = new ArrayList<>();
    sandbox.prepare(job, log::add);
    run(work, sandbox.command(job));
    long ms = (System.nanoTime() - start) / 1_000_000;
    try (Stream<Path> rpms = Files.list(work.resolve("results"))) {
      if (rpms.noneMatch(p -> p.toString().endsWith(".rpm"))) {
        throw new IllegalStateException("the sandbox built nothing: " + log);
      }
    }
    return ms;
  }

  static Path srpm(Path out, String name, String requires, String build) throws Exception {
    Path top = Files.createTempDirectory("bench-spec-");
    String spec =
        "Name: "
            + name
            + "\nVersion: 1\nRelease: 1\nSummary: bench\nLicense: MIT\n"
            // A compiled program makes an arch package; everything else is noarch.
            + (build.contains("gcc") ? "" : "BuildArch: noarch\n")
            + "AutoReq: no\n"
            + requires
            + "%description\nbench\n%build\n"
            + build
            + "\n%install\ninstall -D -m 0755 "
            + name
            + " %{buildroot}/usr/bin/"
            + name
            + "\n%files\n/usr/bin/"
            + name
            + "\n";
    Path file = top.resolve(name + ".spec");
    Files.writeString(file, spec);
    run(
        top,
        List.of(
            "rpmbuild",
            "-bs",
            "--define",
            "_topdir " + top,
            "--define",
            "_srcrpmdir " + out,
            "--dbpath",
            top.resolve("rpmdb").toString(),
            file.toString()));
    return out.resolve(name + "-1-1.src.rpm");
  }

  static void run(Path dir, List<String> cmd) throws Exception {
    Path out = Files.createTempFile("bench-", ".log");
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(cmd + " failed:\n" + Files.readString(out));
    }
    Files.delete(out);
  }

  static Path fresh(Path dir) throws IOException {
    deleteTree(dir);
    Files.createDirectories(dir);
    return dir;
  }

  static double median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
