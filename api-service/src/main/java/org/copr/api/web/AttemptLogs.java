package org.copr.api.web;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.copr.api.build.BuildDto;
import org.copr.api.error.ApiException;
import org.copr.api.storage.Storage;

/** The logs a build's attempts wrote (logs/ of the shared storage), read in bounded pieces. */
@ApplicationScoped
public class AttemptLogs {
  /** A page shows at most this much of a log; the whole is a link away. */
  static final int PAGE_BYTES = 256 * 1024;

  private final Storage storage;

  AttemptLogs(Storage storage) {
    this.storage = storage;
  }

  /**
   * @param text the bytes read, as UTF-8 (a broken character becomes U+FFFD)
   * @param next where the next read starts
   * @param skipped bytes before {@code text} that were not read
   */
  public record Piece(String text, long next, long skipped) {}

  public Path file(BuildDto build, int attempt) {
    if (attempt < 1 || attempt > build.attempt()) {
      throw ApiException.notFound("build " + build.id() + " has no attempt " + attempt);
    }
    return storage.layout().log(build.id(), attempt);
  }

  /** The end of the log: its last {@link #PAGE_BYTES}. */
  public Piece tail(Path file) {
    return read(file, -1);
  }

  /** From {@code from} on, at most {@link #PAGE_BYTES}; a follower asks again for the rest. */
  public Piece from(Path file, long from) {
    return read(file, Math.max(0, from));
  }

  private Piece read(Path file, long from) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      long start = from < 0 ? Math.max(0, size - PAGE_BYTES) : Math.min(from, size);
      int length = (int) Math.min(PAGE_BYTES, size - start);
      ByteBuffer buf = ByteBuffer.allocate(length);
      while (buf.hasRemaining() && ch.read(buf, start + buf.position()) > 0) {
        // read until the piece is full or the file ends
      }
      buf.flip();
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE)
              .decode(buf)
              .toString();
      return new Piece(text, start + buf.limit(), from < 0 ? start : 0);
    } catch (NoSuchFileException e) {
      return new Piece("", Math.max(0, from), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
