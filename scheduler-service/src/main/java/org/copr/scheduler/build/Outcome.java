package org.copr.scheduler.build;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a build that is {@link QueueState#DONE} ended. */
public enum Outcome {
  SUCCEEDED,
  FAILED,
  CANCELED;

  @JsonValue
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
