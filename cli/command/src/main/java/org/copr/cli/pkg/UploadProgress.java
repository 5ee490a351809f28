package org.copr.cli.pkg;

import java.io.PrintWriter;
import org.copr.client.UploadListener;

/** A one-line bar on the terminal, redrawn at most once per percent. */
final class UploadProgress implements UploadListener {
  private static final int WIDTH = 30;
  private static final double MIB = 1024.0 * 1024.0;

  private final PrintWriter err;
  private final String name;
  private int shown = -1;

  UploadProgress(PrintWriter err, String name) {
    this.err = err;
    this.name = name;
  }

  @Override
  public void progress(long sent, long total) {
    int percent = (int) (sent * 100 / Math.max(1, total));
    if (percent == shown) {
      return;
    }
    shown = percent;
    int filled = percent * WIDTH / 100;
    err.printf(
        "\rUploading %s [%s%s] %3d%% %.1f/%.1f MiB",
        name, "#".repeat(filled), " ".repeat(WIDTH - filled), percent, sent / MIB, total / MIB);
    if (sent >= total) {
      err.println();
    }
    err.flush();
  }
}
