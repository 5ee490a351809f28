package org.copr.client;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** A multipart/form-data body with one file part, streamed from disk with progress reports. */
final class MultipartBody {
  private final String boundary = "copr-" + UUID.randomUUID();
  private final Path file;
  private final byte[] head;
  private final byte[] tail;
  private final long length;

  MultipartBody(String partName, Path file) {
    this.file = file;
    String name = file.getFileName().toString().replace("\"", "");
    this.head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\""
                + partName
                + "\"; filename=\""
                + name
                + "\"\r\nContent-Type: application/x-rpm\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    this.tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    try {
      this.length = head.length + Files.size(file) + tail.length;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  HttpRequest.BodyPublisher publisher(UploadListener listener) {
    HttpRequest.BodyPublisher stream =
        HttpRequest.BodyPublishers.ofInputStream(() -> open(listener));
    // A known length lets the server refuse a too large upload before reading it all.
    return HttpRequest.BodyPublishers.fromPublisher(stream, length);
  }

  private InputStream open(UploadListener listener) {
    try {
      InputStream all =
          new SequenceInputStream(
              new SequenceInputStream(new ByteArrayInputStream(head), Files.newInputStream(file)),
              new ByteArrayInputStream(tail));
      return new Counting(all, length, listener);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Counting extends FilterInputStream {
    private final long total;
    private final UploadListener listener;
    private long sent;

    Counting(InputStream in, long total, UploadListener listener) {
      super(in);
      this.total = total;
      this.listener = listener;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        advance(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        advance(n);
      }
      return n;
    }

    private void advance(int n) {
      sent += n;
      listener.progress(sent, total);
    }
  }
}
