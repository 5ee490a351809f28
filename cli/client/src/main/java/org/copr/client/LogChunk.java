package org.copr.client;

import org.copr.contracts.rest.BuildState;

/**
 * A piece of a build log; the service answers at most 1 MiB at a time.
 *
 * @param text the log from the offset asked for, up to its current end or the piece's limit
 * @param nextOffset the offset to ask for next time
 * @param state the build's state when the piece was read: a follower stops once it has ended
 * @param more whether the log already holds more after {@code nextOffset}: ask again at once
 */
public record LogChunk(String text, long nextOffset, BuildState state, boolean more) {}
