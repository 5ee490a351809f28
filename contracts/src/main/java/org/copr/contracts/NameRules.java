package org.copr.contracts;

import java.util.regex.Pattern;

/**
 * The rules for the names Copr accepts, one set for the API (which refuses a request that breaks
 * them) and for every consumer (which sends an event that breaks them to the dead letters). Each
 * name is safe as one path segment and as a dnf repository id.
 */
public final class NameRules {
  public static final Pattern COPR = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,99}");
  public static final Pattern USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  public static final Pattern RELEASE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9][a-z0-9._]*)+");
  public static final int RELEASE_MAX = 64;

  /** What rpm allows in a package name, without anything that could leave a folder. */
  public static final Pattern PACKAGE = Pattern.compile("[A-Za-z0-9_+][A-Za-z0-9_.+-]{0,199}");

  /** A build worker's name: host names, pod names, and a suffix. */
  public static final Pattern WORKER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}");

  /** A file a build leaves in its results: a plain name, never a path. */
  public static final Pattern RPM_FILE =
      Pattern.compile("[A-Za-z0-9_+][A-Za-z0-9_.+~^-]{0,250}\\.rpm");

  /** Any arch a deployment may configure ({@link Chroot#ARCHES} are the usual ones). */
  public static final Pattern ARCH = Pattern.compile("[a-z0-9_]{1,32}");

  private NameRules() {}

  public static boolean copr(String name) {
    return matches(COPR, name);
  }

  public static boolean user(String name) {
    return matches(USER, name);
  }

  public static boolean release(String name) {
    return name != null && name.length() <= RELEASE_MAX && matches(RELEASE, name);
  }

  public static boolean packageName(String name) {
    return matches(PACKAGE, name);
  }

  public static boolean arch(String name) {
    return matches(ARCH, name);
  }

  /** {@code <release>-<arch>} with a valid release and an arch Copr knows. */
  public static boolean chroot(String name) {
    int dash = name == null ? -1 : name.lastIndexOf('-');
    return dash > 0 && release(name.substring(0, dash)) && arch(name.substring(dash + 1));
  }

  public static boolean worker(String name) {
    return matches(WORKER, name);
  }

  public static boolean rpmFile(String name) {
    return matches(RPM_FILE, name);
  }

  private static boolean matches(Pattern pattern, String value) {
    return value != null
        && !value.equals(".")
        && !value.equals("..")
        && pattern.matcher(value).matches();
  }
}
