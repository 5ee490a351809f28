package org.copr.repo;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A fresh shared-storage folder for the application under test. */
public class StorageTestResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    try {
      Path root = Files.createTempDirectory("copr-storage-");
      return Map.of("copr.storage", root.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    // Left for inspection after a failure; it lives under the system temp folder.
  }
}
