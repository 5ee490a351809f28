package org.copr.runtime.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The outbox relay's settings, the same keys in every service that has an outbox. */
@ConfigMapping(prefix = "copr.outbox")
public interface OutboxConfig {
  /** How often the relay looks for events no commit announced (another replica's, a restart's). */
  @WithDefault("1s")
  Duration pollInterval();

  /** Events per round: one transaction and one wait for the broker's acknowledgements. */
  @WithDefault("500")
  int batchSize();
}
