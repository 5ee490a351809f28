package org.copr.repo;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.copr.contracts.CoprEvent;
import org.copr.contracts.StorageLayout;

/** Creates coprs through copr.coprs and waits until their repositories exist. */
public final class Coprs {
  public static final String FEDORA = "fedora-40-x86_64";

  private Coprs() {}

  public static String create(StorageLayout layout, String prefix, String... chroots) {
    String copr = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    Events.copr(new CoprEvent.Created(copr, "alice", List.of(chroots)));
    for (String chroot : chroots) {
      awaitRepodata(layout, copr, chroot);
    }
    return copr;
  }

  public static void awaitRepodata(StorageLayout layout, String copr, String chroot) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Files.isRegularFile(layout.repo(copr, chroot).resolve("repodata/repomd.xml")));
  }
}
