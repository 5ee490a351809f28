package org.copr.contracts;

/**
 * Topic {@link Topics#BUILDS_REQUESTED}, keyed by build id: what api-service asks of the
 * scheduler's queue. Both kinds share the topic and the key, so a build's release always reaches
 * the scheduler after its request.
 */
public sealed interface QueueRequest extends Event permits BuildRequested, BuildReleased {
  long buildId();
}
