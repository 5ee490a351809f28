package org.copr.api.build;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where a build is. The normal path runs in declaration order up to {@code SUCCEEDED}; {@code
 * FAILED} and {@code CANCELED} are side exits. A build only ever moves to a later state.
 */
public enum BuildState {
  PENDING,
  STARTING,
  RUNNING,
  PUBLISHING,
  SUCCEEDED,
  FAILED,
  CANCELED;

  public boolean ended() {
    return this == SUCCEEDED || this == FAILED || this == CANCELED;
  }

  public String wire() {
    return name().toLowerCase();
  }

  public static Optional<BuildState> parse(String s) {
    return Arrays.stream(values()).filter(v -> v.wire().equals(s)).findFirst();
  }

  @Converter(autoApply = true)
  public static class Column implements AttributeConverter<BuildState, String> {
    @Override
    public String convertToDatabaseColumn(BuildState state) {
      return state.wire();
    }

    @Override
    public BuildState convertToEntityAttribute(String s) {
      return parse(s).orElseThrow(() -> new IllegalStateException("unknown build state " + s));
    }
  }
}
