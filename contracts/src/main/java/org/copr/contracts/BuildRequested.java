package org.copr.contracts;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Topic {@link Topics#BUILDS_REQUESTED}, keyed by build id: api-service asks for a build. */
@JsonTypeName("build_requested")
@RegisterForReflection
public record BuildRequested(BuildSpec build) implements Event {}
