package org.copr.worker.attempt;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The live log of one attempt on shared storage, flushed as the builder's output comes so that the
 * API can serve a running build's log. The builder's lines count against {@code maxSize}; past it
 * nothing more of theirs is kept. The worker's own lines are always written. The last lines are
 * kept, at most {@link #TAIL_CHARS} of them, for the {@code finished} event.
 */
final class AttemptLog implements Closeable {
  /** So that no build can make a {@code finished} event that Kafka or a consumer refuses. */
  static final int TAIL_CHARS = 4096;

  private final OutputStream out;
  private final Deque<String> tail = new ArrayDeque<>();
  private final int tailLines;
  private final long maxSize;
  private long size;
  private boolean full;

  private AttemptLog(OutputStream out, int tailLines, long maxSize) {
    this.out = out;
    this.tailLines = tailLines;
    this.maxSize = maxSize;
  }

  /** Starts the log afresh: a redelivered dispatch of the same attempt writes it again. */
  static AttemptLog create(Path file, int tailLines, long maxSize) throws IOException {
    Files.createDirectories(file.getParent());
    return new AttemptLog(
        new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024), tailLines, maxSize);
  }

  /** A line of the builder's output; false once the log is full and the line was dropped. */
  synchronized boolean builderLine(String text) {
    byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
    if (full || size + bytes.length > maxSize) {
      full = true;
      return false;
    }
    write(bytes);
    size += bytes.length;
    remember(text);
    return true;
  }

  /** A line of the worker's own (what it does, its verdict): always written, at once. */
  synchronized void line(String text) {
    write((text + "\n").getBytes(StandardCharsets.UTF_8));
    remember(text);
    flush();
  }

  synchronized void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the build log", e);
    }
  }

  private void write(byte[] bytes) {
    try {
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the build log", e);
    }
  }

  private void remember(String text) {
    tail.addLast(text);
    if (tail.size() > tailLines) {
      tail.removeFirst();
    }
  }

  synchronized String tail() {
    String all = String.join("\n", tail);
    return all.length() <= TAIL_CHARS ? all : all.substring(all.length() - TAIL_CHARS);
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
