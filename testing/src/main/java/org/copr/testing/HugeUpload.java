package org.copr.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A multipart SRPM upload of any size over a plain socket, as an attacker sends it: the body is
 * written by a thread of its own while the answer is read, so a server that answers without reading
 * shows it in {@link Result#bodySent} (the bytes that left before the answer came) and {@link
 * Result#elapsed}.
 */
public final class HugeUpload implements AutoCloseable {
  private static final String BOUNDARY = "copr-huge-upload-boundary";
  private final Socket socket;
  private final AtomicLong sent = new AtomicLong();
  private final Thread writer;
  private final long started = System.nanoTime();
  private volatile boolean hold;

  /** The answer's status line and headers, and how much of the body had left by then. */
  public record Result(int status, Map<String, String> headers, long bodySent, Duration elapsed) {
    public String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  private HugeUpload(Socket socket, Thread writer) {
    this.socket = socket;
    this.writer = writer;
  }

  /**
   * Starts sending a POST of a multipart body with one file field {@code srpm} of {@code size} zero
   * bytes; {@code headers} are added (Cookie, Authorization...). With {@code holdAfter} >= 0 the
   * writer stops after that many body bytes and keeps the upload open until {@link #close}.
   */
  public static HugeUpload start(
      String host, int port, String path, Map<String, String> headers, long size, long holdAfter)
      throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(host, port), 5000);
    socket.setSoTimeout(60_000);
    String head =
        "--"
            + BOUNDARY
            + "\r\nContent-Disposition: form-data; name=\"srpm\"; filename=\"huge.src.rpm\""
            + "\r\nContent-Type: application/octet-stream\r\n\r\n";
    String tail = "\r\n--" + BOUNDARY + "--\r\n";
    long length = head.length() + size + tail.length();
    Map<String, String> all = new LinkedHashMap<>();
    all.put("Host", host + ":" + port);
    all.put("Content-Type", "multipart/form-data; boundary=" + BOUNDARY);
    all.put("Content-Length", Long.toString(length));
    all.putAll(headers);
    StringBuilder request = new StringBuilder("POST " + path + " HTTP/1.1\r\n");
    all.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
    request.append("\r\n");
    HugeUpload[] self = new HugeUpload[1];
    Thread writer =
        new Thread(
            () -> {
              try {
                OutputStream out = socket.getOutputStream();
                out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = new byte[64 * 1024];
                byte[] first = head.getBytes(StandardCharsets.US_ASCII);
                out.write(first);
                self[0].sent.addAndGet(first.length);
                long left = size;
                while (left > 0) {
                  if (holdAfter >= 0 && self[0].sent.get() >= holdAfter) {
                    self[0].hold = true;
                    return;
                  }
                  int n = (int) Math.min(chunk.length, left);
                  out.write(chunk, 0, n);
                  self[0].sent.addAndGet(n);
                  left -= n;
                }
                out.write(tail.getBytes(StandardCharsets.US_ASCII));
                out.flush();
              } catch (IOException e) {
                // the server closed the connection: it stopped taking the body
              }
            },
            "huge-upload");
    self[0] = new HugeUpload(socket, writer);
    writer.setDaemon(true);
    writer.start();
    return self[0];
  }

  public static Result send(
      String host, int port, String path, Map<String, String> headers, long size)
      throws IOException {
    try (HugeUpload upload = start(host, port, path, headers, size, -1)) {
      return upload.answer();
    }
  }

  /** Whether the writer has stopped at its hold point, the upload still open. */
  public boolean holding() {
    return hold;
  }

  /** Reads the answer's status line and headers. */
  public Result answer() throws IOException {
    BufferedReader in =
        new BufferedReader(
            new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
    String status = in.readLine();
    long bodySent = sent.get();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    if (status == null) {
      throw new IOException("the server closed the connection without an answer");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
      lines.add(line);
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(
            line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
            line.substring(colon + 1).trim());
      }
    }
    return new Result(Integer.parseInt(status.split(" ")[1]), headers, bodySent, elapsed);
  }

  @Override
  public void close() throws IOException {
    socket.close();
    try {
      writer.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
