package org.copr.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Small files shaped like RPMs whose headers claim sizes a parser must not believe: each would make
 * a naive reader allocate gigabytes or read past the end. The lead says "source package", so an
 * upload gets as far as the headers.
 */
public final class HostileRpms {
  private static final int HEADER_SIGNATURES = 62;
  private static final int STRING_ARRAY = 8;
  private static final int INT32 = 4;
  private static final int NAME = 1000;

  private HostileRpms() {}

  /** The files by what they claim; each is at most a few hundred bytes. */
  public static Map<String, byte[]> all() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("signature with 2^31 index entries", hugeIndexCount());
    files.put("signature with 4 GB of entries", file(intro(0xFFFFFFFF, 0)));
    files.put("signature with a 2 GB store", file(intro(0, Integer.MAX_VALUE)));
    files.put("signature with a 300 MB store", file(intro(0, 300 << 20)));
    files.put("signature past the end of the file", file(intro(2, 4096), new byte[40]));
    files.put(
        "signature entry with 2^31 strings",
        file(
            intro(1, 8),
            entry(HEADER_SIGNATURES + 1000, STRING_ARRAY, 0, Integer.MAX_VALUE),
            new byte[8]));
    files.put("signature entries that all decode the same data", file(overlapping(2000)));
    files.put(
        "main header with 2^31 index entries", file(intro(0, 0), intro(Integer.MAX_VALUE, 0)));
    files.put(
        "main header with a 2 GB store",
        file(intro(0, 0), intro(1, Integer.MAX_VALUE), entry(NAME, INT32, 0, 1)));
    files.put(
        "main header past the end of the file",
        file(intro(0, 0), intro(3, 100_000), entry(NAME, INT32, 0, 1)));
    files.put(
        "main header entry past its store",
        file(intro(0, 0), intro(1, 8), entry(NAME, INT32, 4, 1_000_000), new byte[8]));
    return files;
  }

  /**
   * A real SRPM (rpmbuild -bs) whose header lists {@code entry} as a BuildRequires, which rpmbuild
   * itself would never write (a leading '-', a URL, whitespace…): it is built with a placeholder of
   * the same length, whose bytes are then replaced in the header (the payload keeps the spec as
   * built). Its header digests no longer match, which only rpm itself checks: Copr's checks must
   * refuse it before rpm ever sees it.
   */
  public static Path withBuildRequires(Path outDir, String name, String version, String entry) {
    byte[] target = entry.getBytes(StandardCharsets.UTF_8);
    for (int tries = 0; tries < 20; tries++) {
      StringBuilder placeholder = new StringBuilder("Z");
      while (placeholder.length() < target.length) {
        placeholder.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
      }
      Path srpm =
          TestRpms.srpm(
              outDir,
              name,
              version,
              TestRpms.Options.defaults().buildRequires(placeholder.toString()));
      try {
        byte[] bytes = Files.readAllBytes(srpm);
        byte[] find = placeholder.toString().getBytes(StandardCharsets.US_ASCII);
        // The first occurrence is the header's (it precedes the payload, whose spec may hold it
        // too).
        int at = indexOf(bytes, find, 0);
        if (at >= 0) {
          System.arraycopy(target, 0, bytes, at, target.length);
          Files.write(srpm, bytes);
          return srpm;
        }
        Files.delete(srpm);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no unique placeholder for " + entry);
  }

  private static int indexOf(byte[] bytes, byte[] find, int from) {
    outer:
    for (int i = from; i <= bytes.length - find.length; i++) {
      for (int j = 0; j < find.length; j++) {
        if (bytes[i + j] != find[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** The 112 bytes of issue 14: a lead and a signature header intro claiming 2^31 entries. */
  public static byte[] hugeIndexCount() {
    return file(intro(Integer.MAX_VALUE, 0));
  }

  /**
   * Shell that writes {@code bytes} to {@code target} in a spec's scriptlet (base64 has no {@code
   * %} for rpm to expand).
   */
  public static String writeCommand(byte[] bytes, String target) {
    return "echo '" + Base64.getEncoder().encodeToString(bytes) + "' | base64 -d > " + target;
  }

  private static byte[] overlapping(int entries) {
    int store = 4096;
    ByteBuffer b = ByteBuffer.allocate(16 + entries * 16 + store);
    b.put(intro(entries, store));
    for (int i = 0; i < entries; i++) {
      b.put(entry(NAME + i, INT32, 0, store / 4));
    }
    return b.array();
  }

  private static byte[] lead() {
    ByteBuffer b = ByteBuffer.allocate(96);
    b.put(new byte[] {(byte) 0xED, (byte) 0xAB, (byte) 0xEE, (byte) 0xDB, 3, 0});
    b.putShort((short) 1); // source package
    b.putShort((short) 1);
    b.put("hostile-1.0-1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    b.position(6 + 2 + 2 + 66);
    b.putShort((short) 1);
    b.putShort((short) 5); // header-style signature
    return b.array();
  }

  private static byte[] intro(int count, int store) {
    return ByteBuffer.allocate(16)
        .put(new byte[] {(byte) 0x8E, (byte) 0xAD, (byte) 0xE8, 1, 0, 0, 0, 0})
        .putInt(count)
        .putInt(store)
        .array();
  }

  private static byte[] entry(int tag, int type, int offset, int count) {
    return ByteBuffer.allocate(16).putInt(tag).putInt(type).putInt(offset).putInt(count).array();
  }

  private static byte[] file(byte[]... parts) {
    int size = 96;
    for (byte[] p : parts) {
      size += p.length;
    }
    ByteBuffer b = ByteBuffer.allocate(size).put(lead());
    for (byte[] p : parts) {
      b.put(p);
    }
    return b.array();
  }
}
