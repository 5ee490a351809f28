package org.copr.worker.builder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Local builds without mock: {@code rpmbuild --rebuild} on the host, with its own top directory,
 * temporary directory and rpm database inside the attempt's work folder. It cannot install
 * BuildRequires; with {@code nodeps} it does not check them either, so a package whose build tools
 * are missing fails in %build instead of up front.
 */
public record RpmbuildBuilder(Path executable, boolean nodeps) implements Builder {

  @Override
  public String name() {
    return "rpmbuild";
  }

  @Override
  public List<String> command(BuildJob job) {
    Path work = job.workDir();
    List<String> cmd = new ArrayList<>();
    cmd.add(executable.toString());
    cmd.add("--rebuild");
    define(cmd, "_topdir", work.resolve("rpmbuild").toString());
    define(cmd, "_tmppath", work.resolve("tmp").toString());
    define(cmd, "_rpmdir", job.resultDir().toString());
    // Flat, like mock's result directory, instead of one subfolder per arch.
    define(cmd, "_build_name_fmt", "%%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm");
    cmd.addAll(List.of("--dbpath", work.resolve("rpmdb").toString()));
    if (nodeps) {
      cmd.add("--nodeps");
    }
    cmd.add(job.srpm().toString());
    return List.copyOf(cmd);
  }

  private static void define(List<String> cmd, String macro, String value) {
    cmd.add("--define");
    cmd.add(macro + " " + value);
  }
}
