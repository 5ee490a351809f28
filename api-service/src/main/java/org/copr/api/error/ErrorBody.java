package org.copr.api.error;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The JSON body of every error answer. */
@RegisterForReflection
public record ErrorBody(String error, String detail) {}
