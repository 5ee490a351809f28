package org.copr.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What {@link CoprClient#coprCreate(NewCopr)} sends. No {@code arches} means x86_64, no {@code
 * timeout} (seconds a build may run) the service's default, 5 hours.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewCopr(
    String name,
    String description,
    List<String> releases,
    List<String> arches,
    List<String> dependencies,
    Integer timeout) {

  public NewCopr(
      String name,
      String description,
      List<String> releases,
      List<String> arches,
      List<String> dependencies) {
    this(name, description, releases, arches, dependencies, null);
  }
}
