package org.copr.api.v3;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.copr.api.Limits;

/** Bodies of the v3 project routes as python-copr sends them; null is "not sent". */
public final class V3ProjectRequests {
  static final int TEXT = Limits.DESCRIPTION;
  static final int CHROOTS = Limits.RELEASES * Limits.ARCHES;

  private V3ProjectRequests() {}

  /** The settings add and edit share (edit names the additional repos {@code repos}). */
  interface Settings {
    List<String> chroots();

    String description();

    String instructions();

    String homepage();

    String contact();

    List<String> additionalRepos();

    Boolean unlistedOnHp();

    V3Knobs knobs();
  }

  /** POST /project/add/{ownername}. */
  @RegisterForReflection
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record NewProject(
      String name,
      @JsonDeserialize(using = V3Words.class)
          @Size(max = CHROOTS, message = "chroots: at most {max}")
          List<String> chroots,
      @Size(max = TEXT, message = "description: at most {max} characters") String description,
      @Size(max = TEXT, message = "instructions: at most {max} characters") String instructions,
      @Size(max = 1000, message = "homepage: at most {max} characters") String homepage,
      @Size(max = 1000, message = "contact: at most {max} characters") String contact,
      @JsonDeserialize(using = V3Words.class)
          @Size(max = Limits.DEPENDENCIES, message = "additional_repos: at most {max}")
          List<String> additionalRepos,
      Boolean unlistedOnHp,
      Boolean enableNet,
      Boolean persistent,
      Boolean autoPrune,
      String bootstrap,
      String bootstrapImage,
      String isolation,
      Boolean followFedoraBranching,
      Boolean develMode,
      String deleteAfterDays,
      Boolean multilib,
      Boolean moduleHotfixes,
      Boolean fedoraReview,
      Boolean appstream,
      String runtimeDependencies,
      List<String> packitForgeProjectsAllowed,
      String repoPriority,
      String storage)
      implements Settings {
    @Override
    public V3Knobs knobs() {
      return new V3Knobs(
          enableNet,
          persistent,
          autoPrune,
          bootstrap,
          bootstrapImage,
          isolation,
          followFedoraBranching,
          develMode,
          multilib,
          moduleHotfixes,
          fedoraReview,
          appstream,
          runtimeDependencies,
          packitForgeProjectsAllowed,
          repoPriority,
          storage);
    }
  }

  /** PUT /project/edit/{ownername}/{projectname}. */
  @RegisterForReflection
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ProjectEdit(
      @JsonDeserialize(using = V3Words.class)
          @Size(max = CHROOTS, message = "chroots: at most {max}")
          List<String> chroots,
      @Size(max = TEXT, message = "description: at most {max} characters") String description,
      @Size(max = TEXT, message = "instructions: at most {max} characters") String instructions,
      @Size(max = 1000, message = "homepage: at most {max} characters") String homepage,
      @Size(max = 1000, message = "contact: at most {max} characters") String contact,
      @JsonDeserialize(using = V3Words.class)
          @Size(max = Limits.DEPENDENCIES, message = "repos: at most {max}")
          List<String> repos,
      Boolean unlistedOnHp,
      Boolean enableNet,
      Boolean autoPrune,
      String bootstrap,
      String bootstrapImage,
      String isolation,
      Boolean followFedoraBranching,
      Boolean develMode,
      String deleteAfterDays,
      Boolean multilib,
      Boolean moduleHotfixes,
      Boolean fedoraReview,
      Boolean appstream,
      String runtimeDependencies,
      List<String> packitForgeProjectsAllowed,
      String repoPriority)
      implements Settings {
    @Override
    public List<String> additionalRepos() {
      return repos;
    }

    @Override
    public V3Knobs knobs() {
      return new V3Knobs(
          enableNet,
          null,
          autoPrune,
          bootstrap,
          bootstrapImage,
          isolation,
          followFedoraBranching,
          develMode,
          multilib,
          moduleHotfixes,
          fedoraReview,
          appstream,
          runtimeDependencies,
          packitForgeProjectsAllowed,
          repoPriority,
          null);
    }
  }

  /** DELETE /project/delete/{ownername}/{projectname}: copr-cli confirms with verify. */
  @RegisterForReflection
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ProjectDelete(Boolean verify) {}
}
