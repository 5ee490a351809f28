package org.copr.repo;

import java.nio.file.Path;
import java.util.regex.Pattern;
import org.copr.contracts.Chroot;
import org.copr.contracts.StorageLayout;

/**
 * One dnf repository: a copr's chroot. Names come from events and become folder names, so they are
 * checked here: no separators, no leading dot, nothing that could leave repos/.
 */
public record RepoId(String copr, String chroot) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+-]{0,99}");

  public RepoId {
    requireName("copr", copr);
    requireName("chroot", chroot);
    Chroot.parse(chroot);
  }

  public static String requireName(String what, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a valid " + what + " name: " + name);
    }
    return name;
  }

  public Path path(StorageLayout layout) {
    return layout.repo(copr, chroot);
  }

  @Override
  public String toString() {
    return copr + "/" + chroot;
  }
}
