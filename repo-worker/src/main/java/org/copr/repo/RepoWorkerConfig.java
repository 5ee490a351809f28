package org.copr.repo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.copr.contracts.StorageLayout;

/**
 * Every {@code copr.repo.*} key repo-worker reads; each may be set by environment variable ({@code
 * copr.repo.batch-window} -> {@code COPR_REPO_BATCH_WINDOW}), and an unknown key under the prefix
 * stops the start.
 */
@ConfigMapping(prefix = "copr.repo")
public interface RepoWorkerConfig {

  /** The shared storage root ({@code COPR_REPO_STORAGE}) holding results/, logs/ and repos/. */
  Path storage();

  default StorageLayout layout() {
    return new StorageLayout(storage().toAbsolutePath().normalize());
  }

  /**
   * How long a repository's writer waits after the first queued change before it starts, so that
   * builds finishing together share one createrepo_c run.
   */
  @WithDefault("100ms")
  Duration batchWindow();

  /** At most this many changes go into one batch; the rest wait for the next run. */
  @WithDefault("500")
  int maxBatch();

  /** Threads that run batches; each repository still has one writer at a time. */
  @WithDefault("2")
  int writerThreads();

  /** Check every package with {@code rpm -K} before it is published. */
  @WithDefault("true")
  boolean verifyPackages();

  Createrepo createrepo();

  /**
   * repo-worker's private folder for the coprs' signing keys, encrypted ({@code COPR_REPO_KEYS}).
   * Never the shared storage: builders mount that.
   */
  Path keys();

  Signing signing();

  interface Signing {
    /**
     * Base64 of 32 random bytes ({@code COPR_REPO_SIGNING_MASTER_KEY}, a Kubernetes Secret): the
     * AES-256-GCM key that the signing keys are encrypted with.
     */
    String masterKey();

    @WithDefault("4096")
    int keyBits();

    /** A new or extended key expires this long after. */
    @WithDefault("1825d")
    Duration keyLifetime();

    /** A key that expires sooner than this is extended. */
    @WithDefault("365d")
    Duration extendWithin();

    /** How often the keys' expiry is checked (also at every start). */
    @WithDefault("24h")
    Duration checkEvery();
  }

  interface Createrepo {
    @WithDefault("createrepo_c")
    String command();

    @WithDefault("2")
    int workers();

    /** dnf reads only the XML metadata; the sqlite files double the time. */
    @WithDefault("true")
    boolean noDatabase();

    @WithDefault("10m")
    Duration timeout();

    /** Extra arguments, e.g. {@code --general-compress-type=zstd}. */
    Optional<List<String>> extraArgs();
  }
}
