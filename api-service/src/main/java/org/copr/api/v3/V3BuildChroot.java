package org.copr.api.v3;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One chroot of a v3 build: one of our builds. {@code result_url} once it is published. */
@RegisterForReflection
public record V3BuildChroot(
    String name, String state, Long startedOn, Long endedOn, String resultUrl) {}
