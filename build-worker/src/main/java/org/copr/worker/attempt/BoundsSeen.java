package org.copr.worker.attempt;

/**
 * What a build's own output says about the bounds it hit: rlimits make an allocation fail or send
 * SIGXCPU, and the program or its shell says so. Only the build's own verdict is shaped by it.
 */
final class BoundsSeen {
  private volatile boolean memory;
  private volatile boolean cpu;

  void line(String line) {
    if (line.startsWith("copr-build-worker")) {
      return;
    }
    if (line.contains("CPU time limit exceeded")) {
      cpu = true;
    }
    if (line.contains("MemoryError")
        || line.contains("Cannot allocate memory")
        || line.contains("out of memory")
        || line.contains("Out of memory")
        || line.contains("std::bad_alloc")
        || line.contains("virtual memory exhausted")) {
      memory = true;
    }
  }

  /** The bound the build hit, as its reason names it; empty when no bound was seen. */
  String why(String bounds) {
    if (bounds.isEmpty() || (!memory && !cpu)) {
      return "";
    }
    String what =
        memory && cpu
            ? "it ran out of memory and CPU time"
            : memory ? "it ran out of memory" : "it ran out of CPU time";
    return what + " (" + bounds + ")";
  }
}
