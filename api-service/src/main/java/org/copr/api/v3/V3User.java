package org.copr.api.v3;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The user of {@code auth-check}: login and username are the same here. */
@RegisterForReflection
public record V3User(long id, String name) {}
