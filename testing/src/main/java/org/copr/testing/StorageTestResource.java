package org.copr.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * A fresh shared-storage folder ({@code copr.storage}) for the application under test, and a fresh
 * folder for every other key given as an init argument (name: the key, value: the folder's prefix).
 * The folders are left for inspection after a failure; they live under the temp folder.
 */
public class StorageTestResource implements QuarkusTestResourceLifecycleManager {
  private final Map<String, String> folders =
      new HashMap<>(Map.of("copr.storage", "copr-storage-"));

  @Override
  public void init(Map<String, String> initArgs) {
    folders.putAll(initArgs);
  }

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>();
    try {
      for (var folder : folders.entrySet()) {
        config.put(folder.getKey(), Files.createTempDirectory(folder.getValue()).toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return config;
  }

  @Override
  public void stop() {}
}
