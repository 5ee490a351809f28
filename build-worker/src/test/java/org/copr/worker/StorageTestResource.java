package org.copr.worker;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/** A fresh shared storage root and work folder for each started application. */
public class StorageTestResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    try {
      return Map.of(
          "copr.storage", Files.createTempDirectory("copr-storage-").toString(),
          "copr.worker.work-dir", Files.createTempDirectory("copr-work-").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {}
}
