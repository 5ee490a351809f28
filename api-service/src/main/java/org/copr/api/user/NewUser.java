package org.copr.api.user;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of POST /users. */
@RegisterForReflection
public record NewUser(String username, String password, Boolean admin) {}
