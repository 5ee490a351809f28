package org.copr.api.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.copr.api.ApiConfig;
import org.copr.contracts.StorageLayout;

/** api-service's part of the shared storage: it writes srpms/ and reads logs/. */
@ApplicationScoped
public class Storage {
  private final StorageLayout layout;

  @Inject
  Storage(ApiConfig config) {
    layout = new StorageLayout(config.storage().toAbsolutePath().normalize());
  }

  public StorageLayout layout() {
    return layout;
  }

  /**
   * Keeps an uploaded SRPM under a name made from its content ({@code srpms/<sha256>.src.rpm}), so
   * no client-chosen name reaches the file system and the same file is stored once. The file
   * appears whole or not at all (written aside, then renamed).
   *
   * @return the path relative to the storage root, as events carry it
   */
  public String storeSrpm(Path upload, String sha256) {
    Path target = layout.srpms().resolve(sha256 + ".src.rpm");
    try {
      if (!Files.exists(target)) {
        Files.createDirectories(target.getParent());
        Path part = Files.createTempFile(target.getParent(), ".upload-", ".part");
        try {
          Files.copy(upload, part, StandardCopyOption.REPLACE_EXISTING);
          Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(part);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the SRPM in " + layout.srpms(), e);
    }
    return layout.relativize(target);
  }
}
