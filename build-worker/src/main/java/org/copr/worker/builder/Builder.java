package org.copr.worker.builder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.copr.contracts.BuildStatus.BuildrootPackage;

/**
 * A program that turns an SRPM into RPMs in {@link BuildJob#resultDir()}, a folder of the attempt's
 * private work folder. The worker runs the command, streams its output to the build log, and copies
 * what it left (checked) to {@code results/<build>/<attempt>/}: no builder writes the shared
 * storage, where another host could slip a file in beside its RPMs.
 */
public interface Builder {

  /** {@code mock} or {@code sandbox}, as in {@code copr.worker.backend}. */
  String name();

  Path executable();

  /**
   * Readies the attempt's work folder before {@link #command} runs (mock needs nothing: it makes
   * its own buildroot), writing what it does to {@code log}.
   *
   * @throws BuildRefusedException when the attempt cannot be built; its message is the reason
   */
  default void prepare(BuildJob job, Consumer<String> log)
      throws IOException, InterruptedException {}

  List<String> command(BuildJob job);

  /**
   * What was installed into the attempt's buildroot, once the builder has ended (empty when it
   * installed nothing or cannot tell).
   */
  default List<BuildrootPackage> buildroot(BuildJob job) {
    return List.of();
  }

  /**
   * The builder process's whole environment. mock and rpmbuild read {@code ~/.rpmmacros}: a private
   * HOME keeps the host's out of the build.
   */
  default Map<String, String> environment(BuildJob job, String path) {
    return Map.of(
        "PATH",
        path,
        "HOME",
        job.workDir().toString(),
        "LC_ALL",
        "C.UTF-8",
        "PYTHONUNBUFFERED",
        "1");
  }

  /**
   * The bounds a build of this builder runs under, as a failed build's reason names them when its
   * log says it hit one ("ran out of memory: …"); empty when the builder sets its own.
   */
  default String bounds(BuildJob job) {
    return "";
  }

  /**
   * Where the builder leaves rpmbuild's output instead of printing it, read when a build failed for
   * its reason and its log; null when the builder prints it.
   */
  default Path rpmbuildLog(BuildJob job) {
    return null;
  }
}
