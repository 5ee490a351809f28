package org.copr.runtime.inbound;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The inbound pipeline's settings, the same key in every service. */
@ConfigMapping(prefix = "copr.inbound")
public interface InboundConfig {
  /**
   * How long an event whose handling fails (the database is away) is retried in place, keeping its
   * partition's order, before it goes to the dead-letter topic.
   */
  @WithDefault("2m")
  Duration retryFor();
}
