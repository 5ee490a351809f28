package org.copr.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** What {@link CoprClient#coprEdit} changes: null fields stay as they are, lists are replaced. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CoprChanges(
    String description,
    List<String> releases,
    List<String> arches,
    List<String> dependencies,
    Integer timeout) {

  public CoprChanges(
      String description, List<String> releases, List<String> arches, List<String> dependencies) {
    this(description, releases, arches, dependencies, null);
  }

  public static CoprChanges description(String description) {
    return new CoprChanges(description, null, null, null);
  }
}
