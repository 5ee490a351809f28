package org.copr.api.v3;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Set;
import org.copr.api.error.ApiException;

/**
 * The {@code json} part of {@code PUT /project-chroot/edit}. A chroot here has no settings of its
 * own: empty values and resets change nothing and are accepted (Packit and copr-cli send them), a
 * value is refused naming its field.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record V3ChrootEdit(
    @JsonDeserialize(using = V3Words.class) List<String> additionalRepos,
    @JsonDeserialize(using = V3Words.class) List<String> additionalPackages,
    @JsonDeserialize(using = V3Words.class) List<String> additionalModules,
    @JsonDeserialize(using = V3Words.class) List<String> withOpts,
    @JsonDeserialize(using = V3Words.class) List<String> withoutOpts,
    Boolean deleteComps,
    String bootstrap,
    String bootstrapImage,
    String isolation,
    @JsonDeserialize(using = V3Words.class) List<String> resetFields) {
  static final Set<String> FIELDS =
      Set.of(
          "additional_repos",
          "additional_packages",
          "additional_modules",
          "with_opts",
          "without_opts",
          "comps",
          "comps_name",
          "bootstrap",
          "bootstrap_image",
          "isolation");

  void check(boolean comps) {
    none("additional_repos", additionalRepos);
    none("additional_packages", additionalPackages);
    none("additional_modules", additionalModules);
    none("with_opts", withOpts);
    none("without_opts", withoutOpts);
    if (comps) {
      throw unsupported("upload_comps");
    }
    new V3Knobs(
            null,
            null,
            null,
            bootstrap,
            bootstrapImage,
            isolation,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null)
        .check();
    for (String field : resetFields == null ? List.<String>of() : resetFields) {
      if (!FIELDS.contains(field)) {
        throw ApiException.badRequest("Trying to reset an invalid attribute: " + field);
      }
    }
  }

  private static void none(String field, List<String> values) {
    if (values != null && !values.isEmpty()) {
      throw unsupported(field);
    }
  }

  private static ApiException unsupported(String field) {
    return ApiException.badRequest(
        field
            + ": not supported by this Copr yet: a chroot has no settings of its own; every chroot"
            + " of a project builds with the project's settings.");
  }
}
