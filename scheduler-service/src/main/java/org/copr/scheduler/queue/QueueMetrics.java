package org.copr.scheduler.queue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prometheus: {@code copr_scheduler_queue_length{arch}}, {@code copr_scheduler_wait_seconds{arch}}
 * (time from queued to dispatched), {@code copr_scheduler_dispatched_total{arch}} and {@code
 * copr_scheduler_dispatch_decision_seconds{arch,quantile}} (choosing the next build and its worker)
 * and {@code copr_scheduler_unsendable_total{arch}} (queued builds failed because their stored
 * request fails the dispatch's checks).
 */
@ApplicationScoped
public class QueueMetrics {
  private final Map<String, AtomicLong> queueLength = new ConcurrentHashMap<>();

  private final MeterRegistry registry;

  QueueMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void queueLength(Map<String, Long> queuedPerArch, Iterable<String> arches) {
    for (String arch : arches) {
      gauge(arch).set(queuedPerArch.getOrDefault(arch, 0L));
    }
  }

  void dispatched(String arch, Duration waited, Duration decision) {
    Timer.builder("copr.scheduler.dispatch.decision")
        .description("Time to choose the next build in the fair order and its worker")
        .tag("arch", arch)
        .publishPercentiles(0.5, 0.95, 0.99)
        .register(registry)
        .record(decision);
    Timer.builder("copr.scheduler.wait")
        .description("Time a build waited in the queue before it was dispatched")
        .tag("arch", arch)
        .publishPercentileHistogram()
        .register(registry)
        .record(waited);
    Counter.builder("copr.scheduler.dispatched")
        .description("Builds dispatched to workers")
        .tag("arch", arch)
        .register(registry)
        .increment();
  }

  void unsendable(String arch) {
    Counter.builder("copr.scheduler.unsendable")
        .description("Queued builds failed because their stored request fails the dispatch checks")
        .tag("arch", arch)
        .register(registry)
        .increment();
  }

  private AtomicLong gauge(String arch) {
    return queueLength.computeIfAbsent(
        arch,
        a -> registry.gauge("copr.scheduler.queue.length", Tags.of("arch", a), new AtomicLong()));
  }
}
