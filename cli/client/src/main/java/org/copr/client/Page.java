package org.copr.client;

import java.util.List;

/** One page of a list answer: {@code items} from {@code offset}, out of {@code total}. */
public record Page<T>(List<T> items, long total, int limit, int offset) {}
