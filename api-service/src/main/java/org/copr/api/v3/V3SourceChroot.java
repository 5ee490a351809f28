package org.copr.api.v3;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The "source chroot" of a v3 build: an upload's SRPM is there from the start, so it succeeded;
 * {@code result_url} is where the SRPM is published, once a build-chroot of it is.
 */
@RegisterForReflection
public record V3SourceChroot(String state, String resultUrl) {}
