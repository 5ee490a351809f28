package org.copr.api.v3;

import java.util.Set;
import org.copr.api.error.ApiException;

/**
 * The paging query of a v3 list: {@code limit}, {@code offset}, {@code order} (a field name) and
 * {@code order_type} ({@code ASC}/{@code DESC}). Without a limit Fedora answers everything; here at
 * most {@link #MAX_LIMIT}, which is also what copr-cli asks for in one request.
 */
public record V3Paging(Integer limit, int offset, String order, String orderType) {
  public static final int MAX_LIMIT = 1000;

  /** The orders of lists whose items have an id and a name. */
  public static final Set<String> ID_OR_NAME = Set.of("id", "name");

  public static V3Paging of(
      String limit, String offset, String order, String orderType, Set<String> orders) {
    Integer l = limit == null || limit.isBlank() ? null : number("limit", limit);
    int o = offset == null || offset.isBlank() ? 0 : number("offset", offset);
    if (l != null && (l < 0 || l > MAX_LIMIT)) {
      throw ApiException.badRequest("limit must be between 0 and " + MAX_LIMIT);
    }
    if (o < 0) {
      throw ApiException.badRequest("offset must not be negative");
    }
    String ord = order == null || order.isBlank() ? "id" : order;
    if (!orders.contains(ord)) {
      throw ApiException.badRequest(
          "order must be one of " + String.join(", ", orders.stream().sorted().toList()));
    }
    String type = orderType == null || orderType.isBlank() ? "ASC" : orderType.toUpperCase();
    if (!type.equals("ASC") && !type.equals("DESC")) {
      throw ApiException.badRequest("order_type must be ASC or DESC");
    }
    return new V3Paging(l, o, ord, type);
  }

  /** How many rows to read. */
  public int rows() {
    return limit == null ? MAX_LIMIT : limit;
  }

  public boolean descending() {
    return orderType.equals("DESC");
  }

  public V3List.Meta meta() {
    return new V3List.Meta(limit, offset, order, orderType);
  }

  private static int number(String name, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + " must be a whole number, not '" + value + "'");
    }
  }
}
