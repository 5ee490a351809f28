package org.copr.client;

import org.copr.contracts.rest.BuildState;

/**
 * A piece of a build log.
 *
 * @param text the log from the offset asked for to its current end
 * @param nextOffset the offset to ask for next time
 * @param state the build's state when the piece was read: a follower stops once it has ended
 */
public record LogChunk(String text, long nextOffset, BuildState state) {}
