package org.copr.api.web;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How pages write times and names in URLs. */
@TemplateExtension
public final class TemplateFormats {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private TemplateFormats() {}

  /** {@code {instant.utc}}: a time as people read it. */
  static String utc(Instant instant) {
    return WHEN.format(instant);
  }

  /** {@code {name.seg}}: a name as one segment or query value of a URL. */
  static String seg(String value) {
    return Paging.encode(value).replace("+", "%20");
  }
}
