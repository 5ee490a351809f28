package org.copr.api.build;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.copr.contracts.rest.BuildState;

/** Stores a build's state in its wire form, so the column reads as the API shows it. */
@Converter(autoApply = true)
public class BuildStateColumn implements AttributeConverter<BuildState, String> {
  @Override
  public String convertToDatabaseColumn(BuildState state) {
    return state.wire();
  }

  @Override
  public BuildState convertToEntityAttribute(String s) {
    return BuildState.parse(s)
        .orElseThrow(() -> new IllegalStateException("unknown build state " + s));
  }
}
