package org.copr.worker.builder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.copr.worker.config.WorkerConfig;

/**
 * One build's memory: {@code total} (copr.worker.sandbox.memory, or three quarters of the machine's
 * memory divided by the slots) holds its tmpfs build folder ({@code buildFolder}, at most half of
 * it) and what each of its processes may write to memory ({@code perProcess}, RLIMIT_DATA: heap and
 * private writable mappings). Without a delegated cgroup, rlimits bind per process, not per build.
 */
public record MemoryBudget(long total, long buildFolder, long perProcess) {
  private static final long MIN_PER_PROCESS = 256L << 20;

  static MemoryBudget of(WorkerConfig.Sandbox config, int slots) {
    long total =
        config
            .memory()
            .map(m -> m.asLongValue())
            .orElseGet(() -> machineMemory() / 4 * 3 / Math.max(1, slots));
    long folder = Math.min(config.buildSize().asLongValue(), total / 2);
    long perProcess = total - folder;
    if (perProcess < MIN_PER_PROCESS) {
      throw new IllegalStateException(
          "copr.worker.sandbox.memory ("
              + total
              + " bytes) leaves a build's processes less than 256 MiB beside its build folder");
    }
    return new MemoryBudget(total, folder, perProcess);
  }

  /** MemTotal, or the worker's own cgroup limit when that is lower. */
  static long machineMemory() {
    long total = Long.MAX_VALUE;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          total = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      total = 4L << 30;
    }
    for (String limit :
        List.of("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes")) {
      Optional<Long> bytes = number(Path.of(limit));
      if (bytes.isPresent() && bytes.get() > 0 && bytes.get() < total) {
        total = bytes.get();
      }
    }
    return total == Long.MAX_VALUE ? 4L << 30 : total;
  }

  private static Optional<Long> number(Path file) {
    try {
      return Optional.of(Long.parseLong(Files.readString(file).strip()));
    } catch (IOException | NumberFormatException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** As a person reads it: {@code 5 GiB}, {@code 768 MiB}. */
  public static String shown(long bytes) {
    if (bytes % (1L << 30) == 0) {
      return (bytes >> 30) + " GiB";
    }
    return bytes >= 10L << 30
        ? String.format("%.1f GiB", bytes / (double) (1L << 30))
        : (bytes >> 20) + " MiB";
  }
}
