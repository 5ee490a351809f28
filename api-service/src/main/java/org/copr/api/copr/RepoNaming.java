package org.copr.api.copr;

import java.util.List;

/**
 * How a .repo file names its repositories: the section id dnf keys its settings by and the name it
 * prints. Ours ({@link #OURS}); Fedora's for dnf's copr plugin lives with API v3.
 */
public interface RepoNaming {
  /**
   * The section of {@code copr} in the file of {@code root}: {@code dependency} 0 is root itself.
   */
  Section section(Copr copr, Copr root, int dependency, String release);

  /** Lines every section has besides baseurl, gpgcheck, gpgkey and enabled. */
  default List<String> extraLines() {
    return List.of();
  }

  /** The first line(s) of the file, before any section. */
  default String preamble(Copr root, String release) {
    return "";
  }

  record Section(String id, String name) {}

  RepoNaming OURS =
      new RepoNaming() {
        @Override
        public Section section(Copr copr, Copr root, int dependency, String release) {
          return new Section(
              "copr-" + copr.name.replaceAll("[^A-Za-z0-9_.:-]", "_"),
              "Copr " + copr.name + " (" + copr.owner.username + ") for " + release);
        }

        @Override
        public String preamble(Copr root, String release) {
          return "# dnf repositories of copr " + root.name + " for " + release + "\n\n";
        }
      };
}
