package org.copr.worker.build;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The live log of one attempt on shared storage. Each line is flushed as it comes so that the API
 * can serve a running build's log; the last lines are kept for the failure event.
 */
final class BuildLog implements Closeable {
  private final BufferedWriter out;
  private final Deque<String> tail = new ArrayDeque<>();
  private final int tailLines;

  private BuildLog(BufferedWriter out, int tailLines) {
    this.out = out;
    this.tailLines = tailLines;
  }

  /** Starts the log afresh: a redelivered dispatch of the same attempt writes it again. */
  static BuildLog create(Path file, int tailLines) throws IOException {
    Files.createDirectories(file.getParent());
    return new BuildLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8), tailLines);
  }

  synchronized void line(String text) {
    try {
      out.write(text);
      out.newLine();
      out.flush();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write the build log", e);
    }
    tail.addLast(text);
    if (tail.size() > tailLines) {
      tail.removeFirst();
    }
  }

  synchronized String tail() {
    return String.join("\n", tail);
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
