package org.copr.client;

import java.time.Instant;
import org.copr.contracts.rest.BuildState;

/**
 * One build of one package upload in one chroot.
 *
 * @param timeout seconds it may run before its worker stops it
 * @param cancelRequestedAt when a user asked to cancel it; the state becomes canceled once the
 *     scheduler or the worker confirms
 */
public record Build(
    long id,
    String copr,
    String packageName,
    String evr,
    String chroot,
    int timeout,
    BuildState state,
    int attempt,
    String workerId,
    String submittedBy,
    Instant submittedAt,
    Instant startedAt,
    Instant endedAt,
    String reason,
    Instant cancelRequestedAt) {}
