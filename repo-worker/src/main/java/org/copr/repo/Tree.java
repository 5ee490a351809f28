package org.copr.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Folder operations on the shared storage. */
public final class Tree {
  private Tree() {}

  /** Deletes a folder and everything in it; a missing folder is not an error. */
  public static void delete(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(dir)) {
      paths = walk.sorted(Comparator.reverseOrder()).toList();
    }
    for (Path p : paths) {
      try {
        Files.delete(p);
      } catch (NoSuchFileException ignored) {
        // gone already
      }
    }
  }

  /** The sub-folders of {@code dir} whose names do not start with a dot; none if it is missing. */
  public static List<Path> subfolders(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    }
  }

  /** Hard-links a file (same inode, instant, atomic) or copies it where links are not allowed. */
  public static void linkOrCopy(Path source, Path target) throws IOException {
    try {
      Files.createLink(target, source);
    } catch (UnsupportedOperationException | IOException e) {
      Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    }
  }
}
