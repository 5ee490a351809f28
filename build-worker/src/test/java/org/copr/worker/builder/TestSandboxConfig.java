package org.copr.worker.builder;

import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.copr.worker.config.WorkerConfig;

/** The sandbox's settings with their defaults, for tests that make a builder by hand. */
public record TestSandboxConfig(int uidBase, int processes, long bytes, List<String> provides)
    implements WorkerConfig.Sandbox {

  public static TestSandboxConfig defaults() {
    return new TestSandboxConfig(64000, 512, 4L << 30, List.of());
  }

  @Override
  public MemorySize buildSize() {
    return new MemorySize(BigInteger.valueOf(bytes));
  }

  @Override
  public Optional<List<String>> hostProvides() {
    return Optional.of(provides);
  }

  @Override
  public Optional<MemorySize> memory() {
    return Optional.empty();
  }

  @Override
  public Optional<Duration> cpuTime() {
    return Optional.empty();
  }
}
