package org.copr.contracts.rest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a build is, as the REST API shows it (lower case on the wire). The normal path runs in
 * declaration order up to {@code SUCCEEDED}; {@code FAILED} and {@code CANCELED} are side exits. A
 * build only ever moves to a later state.
 */
@RegisterForReflection
public enum BuildState {
  /** Requested after a batch that has not ended yet (Fedora's {@code waiting}): not queued. */
  WAITING,
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
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<BuildState> parse(String wire) {
    return Arrays.stream(values()).filter(v -> v.wire().equals(wire)).findFirst();
  }

  @JsonCreator
  static BuildState fromWire(String wire) {
    return parse(wire).orElseThrow(() -> new IllegalArgumentException("no build state " + wire));
  }
}
