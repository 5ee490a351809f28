package org.copr.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fresh shared-storage folder for the application under test, under the storage key of each
 * service that mounts it, and a fresh folder for every other key given as an init argument (name:
 * the key, value: the folder's prefix). The folders are left for inspection after a failure; they
 * live under the temp folder.
 */
public class StorageTestResource implements QuarkusTestResourceLifecycleManager {
  private static final List<String> STORAGE_KEYS =
      List.of("copr.api.storage", "copr.worker.storage", "copr.repo.storage");
  private final Map<String, String> folders = new HashMap<>();

  @Override
  public void init(Map<String, String> initArgs) {
    folders.putAll(initArgs);
  }

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>();
    try {
      String storage = Files.createTempDirectory("copr-storage-").toString();
      STORAGE_KEYS.forEach(key -> config.put(key, storage));
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
