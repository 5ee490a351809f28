package org.copr.contracts.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * A build worker as scheduler-service knows it ({@code GET /queue/workers}).
 *
 * @param live heard from within the worker timeout
 * @param held attempts addressed to it, dispatched or running
 */
@RegisterForReflection
public record WorkerView(
    String workerId,
    String arch,
    String incarnation,
    int slots,
    long held,
    boolean draining,
    boolean live,
    Instant lastSeen) {}
