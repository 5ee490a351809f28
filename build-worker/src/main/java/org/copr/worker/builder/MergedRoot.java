package org.copr.worker.builder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The buildroot at the paths a build expects: the host's /usr and /etc with the BuildRequires'
 * files of the attempt's root beside theirs, as kernel overlayfs mounts (read-only, two lower
 * layers, the host's on top so that no package replaces the toolchain) made in a user and mount
 * namespace of the build's own, just before bubblewrap starts in it (bubblewrap 0.8 has no
 * overlay). The host's mounts never change; the overlays vanish with the build's processes.
 */
final class MergedRoot {
  /** Host folders shown with the attempt's files merged in. */
  private static final List<String> MERGED = List.of("usr", "etc");

  /** Folders a package may bring that the host's sandbox does not show: shown as they are. */
  private static final List<String> OWN = List.of("opt");

  /** What overlayfs options cannot hold: its separators and escapes. */
  private static final Pattern UNSAFE = Pattern.compile("[,:\\\\\\s]");

  /** Mounts each (options, target) pair, then runs the rest of its arguments. */
  private static final String MOUNT_THEN_RUN =
      "while [ \"$1\" != -- ]; do mount -t overlay -o \"$1\" copr-buildroot \"$2\" || exit 1;"
          + " shift 2; done; shift; exec \"$@\"";

  private final Path unshare;
  private final Path deps;
  private final Path mounts;

  private MergedRoot(Path unshare, Path deps, Path mounts) {
    this.unshare = unshare;
    this.deps = deps;
    this.mounts = mounts;
  }

  /** The attempt's root, with its mount points made; empty when it has no root of its own. */
  static Optional<MergedRoot> of(Path unshare, Path work) throws IOException {
    Path deps = work.resolve("deps");
    if (!Files.isDirectory(deps, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    if (UNSAFE.matcher(work.toString()).find()) {
      throw new IllegalStateException("the work folder " + work + " holds , : \\ or a space");
    }
    Path mounts = work.resolve("buildroot");
    for (String dir : MERGED) {
      Files.createDirectories(mounts.resolve(dir));
    }
    return Optional.of(new MergedRoot(unshare, deps, mounts));
  }

  /** Runs what follows in a user and mount namespace of its own with the overlays mounted. */
  List<String> mountingPrefix() {
    List<String> cmd = new ArrayList<>();
    cmd.addAll(List.of(unshare.toString(), "--user", "--map-root-user", "--mount", "--"));
    cmd.addAll(List.of("sh", "-c", MOUNT_THEN_RUN, "copr-buildroot"));
    for (String dir : MERGED) {
      if (isOwnDir(deps.resolve(dir))) {
        cmd.add("ro,lowerdir=/" + dir + ":" + deps.resolve(dir));
        cmd.add(mounts.resolve(dir).toString());
      }
    }
    cmd.add("--");
    return cmd;
  }

  /** The host folder bubblewrap shows at {@code /<dir>}: the merged one where there is one. */
  String source(String dir) {
    return MERGED.contains(dir) && isOwnDir(deps.resolve(dir))
        ? mounts.resolve(dir).toString()
        : "/" + dir;
  }

  /** bubblewrap's binds of the folders the packages bring that the host's sandbox lacks. */
  List<String> ownBinds() {
    List<String> binds = new ArrayList<>();
    for (String dir : OWN) {
      if (isOwnDir(deps.resolve(dir))) {
        binds.addAll(List.of("--ro-bind", deps.resolve(dir).toString(), "/" + dir));
      }
    }
    return binds;
  }

  /** The packages were unpacked by the build's uid: a link there is never followed. */
  private static boolean isOwnDir(Path dir) {
    return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS);
  }
}
