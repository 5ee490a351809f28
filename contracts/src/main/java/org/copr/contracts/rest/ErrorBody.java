package org.copr.contracts.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The JSON body of every error answer of the REST API. */
@RegisterForReflection
public record ErrorBody(String error, String detail) {}
