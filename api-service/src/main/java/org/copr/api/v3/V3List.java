package org.copr.api.v3;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.function.Function;

/**
 * A v3 list answer. Fedora's clients page by re-sending the request with {@code offset + limit}
 * until {@code items} is empty, so {@code meta} echoes what was asked, as numbers.
 */
@RegisterForReflection
public record V3List<T>(List<T> items, Meta meta) {
  @RegisterForReflection
  public record Meta(Integer limit, Integer offset, String order, String orderType) {}

  public <R> V3List<R> map(Function<T, R> f) {
    return new V3List<>(items.stream().map(f).toList(), meta);
  }
}
