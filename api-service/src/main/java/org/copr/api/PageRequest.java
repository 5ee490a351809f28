package org.copr.api;

import org.copr.api.error.ApiException;
import org.copr.contracts.rest.Page;

/** The {@code limit} and {@code offset} query parameters of a list request, checked. */
public record PageRequest(int limit, int offset) {
  public static PageRequest of(String limit, String offset) {
    int l = parse("limit", limit, Page.DEFAULT_LIMIT);
    int o = parse("offset", offset, 0);
    if (l < 1 || l > Page.MAX_LIMIT) {
      throw ApiException.badRequest("limit must be between 1 and " + Page.MAX_LIMIT);
    }
    if (o < 0) {
      throw ApiException.badRequest("offset must not be negative");
    }
    return new PageRequest(l, o);
  }

  /** Applies this page to a Panache query. */
  public <E> Page<E> of(io.quarkus.hibernate.orm.panache.PanacheQuery<E> query) {
    return new Page<>(query.range(offset, offset + limit - 1).list(), query.count(), limit, offset);
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
