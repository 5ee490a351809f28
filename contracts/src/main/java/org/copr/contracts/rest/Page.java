package org.copr.contracts.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.function.Function;

/** One page of a list answer: {@code items} from {@code offset}, out of {@code total}. */
@RegisterForReflection
public record Page<T>(List<T> items, long total, int limit, int offset) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  public <R> Page<R> map(Function<T, R> f) {
    return new Page<>(items.stream().map(f).toList(), total, limit, offset);
  }
}
