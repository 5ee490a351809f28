package org.copr.api.web;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.copr.api.build.BuildState;

/** How pages write states and times. */
@TemplateExtension
public final class BuildStates {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private BuildStates() {}

  /** {@code {build.state.ended}}: a state no event moves any more. */
  static boolean ended(String state) {
    return BuildState.parse(state).map(BuildState::ended).orElse(true);
  }

  /** {@code {instant.utc}}: a time as people read it. */
  static String utc(Instant instant) {
    return WHEN.format(instant);
  }

  /** {@code {name.seg}}: a name as one segment or query value of a URL. */
  static String seg(String value) {
    return Paging.encode(value).replace("+", "%20");
  }
}
