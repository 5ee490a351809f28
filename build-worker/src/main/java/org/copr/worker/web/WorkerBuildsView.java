package org.copr.worker.web;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** A build worker's own answer about itself and the builds it runs. */
@RegisterForReflection
public record WorkerBuildsView(
    String workerId,
    String arch,
    int slots,
    String backend,
    boolean draining,
    List<RunningBuildView> running) {}
