package org.copr.contracts.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/**
 * scheduler-service's GET /queue, the queue of every arch it serves; the web UI's queue page reads
 * it.
 */
@RegisterForReflection
public record QueueView(List<Arch> arches) {

  /**
   * @param queued builds waiting for a slot
   * @param blocked builds that wait for a batch to end before they join the queue
   * @param owners queued builds per owner
   * @param oldestWaitSeconds how long the longest-waiting queued build has waited
   * @param dispatched builds sent to the workers that none has started yet
   * @param running builds a worker runs
   * @param freeSlots slots of live workers that no build holds
   * @param liveWorkers workers heard from within the worker timeout
   * @param drainingWorkers those of them that are shutting down and take no more builds
   */
  public record Arch(
      String arch,
      long queued,
      long blocked,
      Map<String, Long> owners,
      long oldestWaitSeconds,
      long dispatched,
      long running,
      long freeSlots,
      long liveWorkers,
      long drainingWorkers) {}
}
