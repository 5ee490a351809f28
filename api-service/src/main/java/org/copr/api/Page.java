package org.copr.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.function.Function;
import org.copr.api.error.ApiException;

/** One page of a list answer. */
@RegisterForReflection
public record Page<T>(List<T> items, long total, int limit, int offset) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  public <R> Page<R> map(Function<T, R> f) {
    return new Page<>(items.stream().map(f).toList(), total, limit, offset);
  }

  /** The {@code limit} and {@code offset} query parameters, checked. */
  public record Request(int limit, int offset) {
    public static Request of(String limit, String offset) {
      int l = parse("limit", limit, DEFAULT_LIMIT);
      int o = parse("offset", offset, 0);
      if (l < 1 || l > MAX_LIMIT) {
        throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT);
      }
      if (o < 0) {
        throw ApiException.badRequest("offset must not be negative");
      }
      return new Request(l, o);
    }

    /** Applies this page to a Panache query. */
    public <E> Page<E> of(io.quarkus.hibernate.orm.panache.PanacheQuery<E> query) {
      return new Page<>(
          query.range(offset, offset + limit - 1).list(), query.count(), limit, offset);
    }

    private static int parse(String name, String value, int fallback) {
      if (value == null || value.isBlank()) {
        return fallback;
      }
      try {
        return Integer.parseInt(value.trim());
      } catch (NumberFormatException e) {
        throw ApiException.badRequest(name + " must be a whole number, not '" + value + "'");
      }
    }
  }
}
