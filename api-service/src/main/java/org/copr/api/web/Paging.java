package org.copr.api.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.copr.contracts.rest.Page;

/**
 * Links to the previous and next page of a list, keeping its filters.
 *
 * @param previous null on the first page
 * @param next null on the last page
 */
public record Paging(String previous, String next, long first, long last, long total) {

  /**
   * @param filters query parameter names and values, in pairs; blank values are left out
   */
  static Paging of(Page<?> page, String path, String... filters) {
    StringBuilder query = new StringBuilder();
    for (int i = 0; i + 1 < filters.length; i += 2) {
      if (filters[i + 1] != null && !filters[i + 1].isBlank()) {
        query.append(filters[i]).append('=').append(encode(filters[i + 1].trim())).append('&');
      }
    }
    String base = path + "?" + query;
    int prev = page.offset() - page.limit();
    int next = page.offset() + page.limit();
    return new Paging(
        page.offset() == 0 ? null : base + "offset=" + Math.max(0, prev),
        next >= page.total() ? null : base + "offset=" + next,
        page.items().isEmpty() ? 0 : page.offset() + 1,
        page.offset() + page.items().size(),
        page.total());
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
