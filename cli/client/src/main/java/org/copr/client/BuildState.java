package org.copr.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a build is in its life; it only ever moves forward. */
public enum BuildState {
  PENDING,
  STARTING,
  RUNNING,
  PUBLISHING,
  SUCCEEDED,
  FAILED,
  CANCELED;

  /** True once the build can change no more. */
  public boolean ended() {
    return this == SUCCEEDED || this == FAILED || this == CANCELED;
  }

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static BuildState of(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT));
  }
}
