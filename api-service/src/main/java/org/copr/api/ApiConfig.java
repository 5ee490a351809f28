package org.copr.api;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.copr.contracts.Chroot;

/**
 * Everything api-service reads under {@code copr.api.}; each key can be set by environment variable
 * ({@code copr.api.srpm.max-size} -> {@code COPR_API_SRPM_MAX_SIZE}), and an unknown key under the
 * prefix stops the start.
 */
@ConfigMapping(prefix = "copr.api")
public interface ApiConfig {

  /** Root of the shared storage (srpms/, results/, logs/, repos/). */
  Path storage();

  /** Architectures a copr may build for. */
  @WithDefault(Chroot.ARCHES)
  List<String> arches();

  Repo repo();

  /**
   * Releases offered to clients that pick chroots from a list (API v3's {@code mock-chroots/list},
   * which Packit intersects with its targets), besides those some copr already has. A copr may use
   * any well-formed release name; this only says which ones the list shows.
   */
  @WithDefault(
      "fedora-rawhide,fedora-43,fedora-42,fedora-41,epel-10,epel-9,centos-stream-10,centos-stream-9")
  List<String> offeredReleases();

  Srpm srpm();

  Admin admin();

  Users users();

  Auth auth();

  /**
   * The URL clients reach this service at ({@code https://copr.example.org}): the web UI shows it
   * as Fedora's copr-cli {@code copr_url} and {@code dnf copr enable --hub}. Without it, the URL
   * the page was asked at.
   */
  Optional<String> publicUrl();

  /** Where scheduler-service answers; the web UI's queue page shows its {@code /queue}. */
  @WithDefault("http://127.0.0.1:8081")
  String schedulerUrl();

  Web web();

  Retention retention();

  /** How long the shared storage keeps what ended builds leave (src-docs/api.md, "Retention"). */
  interface Retention {
    /**
     * Logs and SRPMs of builds that ended this many days ago are removed, once no unended build
     * needs them; 0 keeps them for ever.
     */
    @WithDefault("30")
    int days();

    /** How often the sweep runs. */
    @WithDefault("1h")
    Duration interval();
  }

  interface Repo {
    /** Where repo-worker serves repos/: builders and dnf .repo files point here. */
    @WithDefault("http://127.0.0.1:8083/repos")
    String baseUrl();
  }

  interface Srpm {
    /** Uploads above this size are refused with 413. */
    @WithDefault("256M")
    MemorySize maxSize();

    /**
     * Uploads one user may have under way at once (the REST API and the web form together); one
     * more is refused with 429 before any of its body is read.
     */
    @WithDefault("2")
    int concurrentUploadsPerUser();
  }

  interface Admin {
    @WithDefault("admin")
    String username();

    /** Without a password no bootstrap admin is created. */
    Optional<String> password();
  }

  interface Users {
    /** When true anyone may create a (non-admin) account with POST /users. */
    @WithDefault("false")
    boolean selfRegistration();
  }

  interface Auth {
    /**
     * How long a checked password is accepted again without bcrypt (which costs tens of
     * milliseconds of CPU by design, and clients send credentials with every request); 0 checks
     * every request.
     */
    @WithDefault("5m")
    Duration cacheTtl();

    Throttle throttle();

    /** Failed logins (HTTP Basic and the web form) past which a name or an address must wait. */
    interface Throttle {
      /** Wrong passwords for one username within the window. */
      @WithDefault("5")
      int failuresPerUser();

      /** Failed logins from one client address within the window, whatever the usernames. */
      @WithDefault("50")
      int failuresPerAddress();

      @WithDefault("10m")
      Duration window();
    }
  }

  interface Web {
    /** How long a web login lasts; its row in web_sessions holds its end. */
    @WithDefault("12h")
    Duration sessionTtl();

    /** How often the sessions that expired are deleted, every user's ({@code SessionSweep}). */
    @WithDefault("1h")
    Duration sessionSweep();

    /**
     * Key of the CSRF tokens' HMAC; replicas must share it. Without one each process makes its own,
     * and a form shown before a restart (or by another replica) is refused.
     */
    Optional<String> sessionSecret();
  }
}
