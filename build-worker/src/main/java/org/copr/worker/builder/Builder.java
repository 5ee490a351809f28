package org.copr.worker.builder;

import java.nio.file.Path;
import java.util.List;

/**
 * A program that turns an SRPM into RPMs in {@link BuildJob#resultDir()}. The worker runs the
 * command, streams its output to the build log, and reads whatever RPMs it leaves there.
 */
public interface Builder {

  /** {@code mock} or {@code rpmbuild}, as in {@code copr.worker.backend}. */
  String name();

  Path executable();

  List<String> command(BuildJob job);
}
