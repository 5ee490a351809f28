package org.copr.worker.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

@RegisterForReflection
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WorkerView(
    String workerId,
    String arch,
    int slots,
    String backend,
    boolean draining,
    List<RunningBuildView> running) {}
