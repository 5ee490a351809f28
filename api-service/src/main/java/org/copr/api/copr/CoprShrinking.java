package org.copr.api.copr;

import java.util.Set;

/**
 * Fired (synchronously, in the changing transaction) when a copr loses builds' homes, so that the
 * build package cancels those builds without this package knowing builds.
 */
public sealed interface CoprShrinking {
  String reason();

  /** Before the copr's rows go. */
  record Deleting(Copr copr, String reason) implements CoprShrinking {}

  /** Chroots left the copr: their unfinished builds are canceled. */
  record ChrootsRemoving(Copr copr, Set<String> chroots, String reason) implements CoprShrinking {}
}
