package org.copr.api;

/**
 * How much one request may ask for. Together they keep every accepted request's event far below the
 * broker's message limit (1 MB): a copr's chroots are at most {@link #RELEASES} times the
 * configured arches, a build's repositories at most {@link #DEPENDENCIES} plus one. src-docs/api.md
 * ("Limits") lists them.
 */
public final class Limits {
  /** Characters of a copr's description. */
  public static final int DESCRIPTION = 10_000;

  /** Characters of a package's summary, from its SRPM header. */
  public static final int SUMMARY = 1_000;

  /** Characters of a package's license, from its SRPM header (SPDX expressions can be long). */
  public static final int LICENSE = 4_000;

  /** Releases of one copr, and names in one request's list of releases. */
  public static final int RELEASES = 50;

  /** Names in one request's list of arches (a copr can only have the configured ones). */
  public static final int ARCHES = 20;

  /** Dependencies of one copr, and names in one request's list of dependencies. */
  public static final int DEPENDENCIES = 50;

  /** Users with a permission on one copr. */
  public static final int PERMISSIONS = 200;

  /** Characters of an API token's name. */
  public static final int TOKEN_NAME = 100;

  /** Days an API token may last (Fedora Copr's default, 180, is the default here too). */
  public static final int TOKEN_DAYS = 365;

  /** Unexpired API tokens of one user. */
  public static final int TOKENS = 100;

  /** Bytes of a request body other than an SRPM upload (which has copr.api.srpm.max-size). */
  public static final long BODY = 1 << 20;

  /** Bytes of a build log one request answers; the offset header continues it. */
  public static final long LOG_CHUNK = 1 << 20;

  /** Seconds a build may run when its copr sets nothing else (Fedora Copr's default, 5 hours). */
  public static final int DEFAULT_BUILD_TIMEOUT = 18_000;

  /** The longest build timeout a copr or a request may set (Fedora Copr's maximum, 30 hours). */
  public static final int MAX_BUILD_TIMEOUT = 108_000;

  private Limits() {}
}
