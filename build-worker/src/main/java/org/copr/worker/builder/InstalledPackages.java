package org.copr.worker.builder;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.copr.contracts.BuildStatus.BuildrootPackage;

/**
 * The record of an attempt's buildroot: the sandbox writes it in the work folder once its packages
 * are installed; mock leaves its own list in its result folder ({@code installed_pkgs.log}, one
 * {@code %{nevra} …} line per package), which the build could have written and is read bounded.
 */
final class InstalledPackages {
  static final String FILE = "buildroot.tsv";
  static final String MOCK_FILE = "installed_pkgs.log";
  private static final int MAX_LINE = 4096;

  private static final Pattern NEVRA =
      Pattern.compile(
          "([A-Za-z0-9_+][A-Za-z0-9_.+-]{0,199})-(?:([0-9]{1,9}):)?([A-Za-z0-9._+~^]{1,128})"
              + "-([A-Za-z0-9._+~^]{1,128})\\.([a-z0-9_]{1,32})");

  private InstalledPackages() {}

  static void write(Path work, List<BuildrootPackage> packages, Consumer<String> log)
      throws IOException {
    StringBuilder text = new StringBuilder();
    for (BuildrootPackage p : packages) {
      text.append(
          String.join(
              "\t",
              p.name(),
              p.epoch() == null ? "" : p.epoch().toString(),
              p.version(),
              p.release(),
              p.arch(),
              p.repo() == null ? "" : p.repo()));
      text.append('\n');
      log.accept("copr-build-worker: buildroot: " + p.nevra() + " from " + p.repo());
    }
    Files.writeString(work.resolve(FILE), text);
  }

  static List<BuildrootPackage> read(Path work) {
    Path file = work.resolve(FILE);
    List<BuildrootPackage> packages = new ArrayList<>();
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return packages;
    }
    try {
      for (String line : Files.readAllLines(file)) {
        String[] f = line.split("\t", -1);
        packages.add(
            new BuildrootPackage(
                f[0],
                f[1].isEmpty() ? null : Integer.valueOf(f[1]),
                f[2],
                f[3],
                f[4],
                f[5].isEmpty() ? null : f[5]));
      }
    } catch (IOException e) {
      return List.of();
    }
    return packages;
  }

  /**
   * mock's list: at most {@link BuildRoot#MAX_PACKAGES} lines of at most 4 KiB read; others
   * skipped.
   */
  static List<BuildrootPackage> readMock(Path resultDir) {
    Path file = resultDir.resolve(MOCK_FILE);
    List<BuildrootPackage> packages = new ArrayList<>();
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return packages;
    }
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      StringBuilder current = new StringBuilder();
      int c;
      while (packages.size() < BuildRoot.MAX_PACKAGES && (c = in.read()) != -1) {
        if (c != '\n') {
          if (current.length() < MAX_LINE) {
            current.append((char) c);
          }
          continue;
        }
        Matcher m = NEVRA.matcher(current.toString().split(" ", 2)[0]);
        if (m.matches()) {
          packages.add(
              new BuildrootPackage(
                  m.group(1),
                  m.group(2) == null ? null : Integer.valueOf(m.group(2)),
                  m.group(3),
                  m.group(4),
                  m.group(5),
                  null));
        }
        current.setLength(0);
      }
    } catch (IOException e) {
      return List.of();
    }
    return packages;
  }
}
