package org.copr.scheduler.worker;

import java.time.Instant;

/**
 * A build worker as the scheduler knows it.
 *
 * @param live heard from within the worker timeout
 * @param held attempts addressed to it, dispatched or running
 */
public record WorkerView(
    String workerId,
    String arch,
    String incarnation,
    int slots,
    long held,
    boolean draining,
    boolean live,
    Instant lastSeen) {}
