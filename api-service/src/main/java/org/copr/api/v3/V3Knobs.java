package org.copr.api.v3;

import java.util.List;
import org.copr.api.error.ApiException;

/**
 * Fedora's builder and project settings that this Copr does not have. Clients send them on every
 * add and edit with their default values, so a value that asks for what this Copr does anyway is
 * accepted, and one that asks for something else is refused naming the field.
 */
record V3Knobs(
    Boolean enableNet,
    Boolean persistent,
    Boolean autoPrune,
    String bootstrap,
    String bootstrapImage,
    String isolation,
    Boolean followFedoraBranching,
    Boolean develMode,
    Boolean multilib,
    Boolean moduleHotfixes,
    Boolean fedoraReview,
    Boolean appstream,
    String runtimeDependencies,
    List<String> packitForgeProjectsAllowed,
    String repoPriority,
    String storage) {
  /**
   * {@code auto_prune}, {@code follow_fedora_branching} and {@code delete_after_days} take any
   * value: copr-cli and python-copr send {@code auto_prune=true} and {@code
   * follow_fedora_branching=true}, Packit {@code false} and {@code delete_after_days=60}, on every
   * add. Here nothing is pruned, no release is added by itself and no project expires.
   */
  void check() {
    off("enable_net", enableNet, "builds in this Copr have no network access");
    off(
        "persistent",
        persistent,
        "a project in this Copr can always be deleted by its owner; there are no persistent ones");
    off(
        "devel_mode",
        develMode,
        "this Copr always refreshes a repository's metadata after each build");
    off("multilib", multilib, "this Copr has no multilib repositories");
    off("module_hotfixes", moduleHotfixes, "this Copr's repositories have no module_hotfixes");
    off("fedora_review", fedoraReview, "this Copr does not run fedora-review");
    off("appstream", appstream, "this Copr does not make AppStream metadata");
    oneOf("bootstrap", bootstrap, "builds use mock's default bootstrap setup", "default");
    oneOf("isolation", isolation, "builds use the default isolation", "default");
    oneOf("storage", storage, "repositories are stored by this Copr's repo-worker", "backend");
    empty("bootstrap_image", bootstrapImage, "builds use mock's default bootstrap setup");
    empty(
        "runtime_dependencies",
        runtimeDependencies,
        "this Copr has no runtime dependencies; additional_repos with copr://owner/project adds"
            + " another copr's repositories to builds and to the .repo files");
    empty("repo_priority", repoPriority, "this Copr's repositories have no priority option");
    if (packitForgeProjectsAllowed != null && !packitForgeProjectsAllowed.isEmpty()) {
      throw refused(
          "packit_forge_projects_allowed",
          "this Copr does not check forge projects yet; leave it empty");
    }
  }

  private static void off(String field, Boolean value, String why) {
    if (Boolean.TRUE.equals(value)) {
      throw refused(field, why + "; send false or leave it out");
    }
  }

  private static void oneOf(String field, String value, String why, String ours) {
    if (value != null && !value.equals(ours) && !value.equals("unchanged")) {
      throw refused(field, why + "; only '" + ours + "' is supported, not '" + value + "'");
    }
  }

  private static void empty(String field, String value, String why) {
    if (value != null && !value.isBlank()) {
      throw refused(field, why + "; leave it out");
    }
  }

  private static ApiException refused(String field, String why) {
    return ApiException.badRequest(field + ": not supported by this Copr: " + why + ".");
  }
}
