package org.copr.rpm;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Proves, by reading the lead and both header structures by hand, that an RPM file's headers fit
 * inside the file and inside sane maxima, before a parser allocates what they claim: Eclipse
 * Packager allocates a header's index, its store and every entry's values at the sizes the file
 * states.
 *
 * <p>Layout: a 96-byte lead (magic ED AB EE DB); the signature header, padded to 8 bytes; the main
 * header; the payload. Each header is a 16-byte intro (magic 8E AD E8, version 1, 4 reserved bytes,
 * index count, store size, big-endian), then 16 bytes per index entry (tag, type, offset, count),
 * then the store.
 */
public final class RpmBounds {
  static final int LEAD_SIZE = 96;
  static final int INTRO_SIZE = 16;
  static final int ENTRY_SIZE = 16;

  /** rpm's own limit on a header's tags (HEADER_TAGS_MAX). */
  public static final int MAX_INDEX_COUNT = 0xffff;

  /** Signatures, digests and reserved space take a few kB. */
  public static final int MAX_SIGNATURE_STORE = 1 << 20;

  /**
   * Far above the headers of real packages (tens of thousands of files take a few MB), far below
   * rpm's 256 MB.
   */
  public static final int MAX_HEADER_STORE = 32 << 20;

  private static final byte[] LEAD_MAGIC = {(byte) 0xED, (byte) 0xAB, (byte) 0xEE, (byte) 0xDB};
  private static final byte[] HEADER_MAGIC = {(byte) 0x8E, (byte) 0xAD, (byte) 0xE8};

  /** The smallest store bytes one value of each rpm type takes, by type number 0..9. */
  private static final int[] MIN_VALUE_SIZE = {0, 1, 1, 2, 4, 8, 1, 1, 1, 1};

  /** HEADER_IMAGE, HEADER_SIGNATURES, HEADER_IMMUTABLE: a 16-byte trailer that other data holds. */
  private static final int FIRST_REGION_TAG = 61;

  private static final int LAST_REGION_TAG = 63;
  private static final int REGION_TRAILER = 16;

  /** Where the parts of a checked file are, in bytes from its start. */
  public record Layout(long signatureStart, long headerStart, long headerEnd, long fileSize) {}

  private RpmBounds() {}

  /**
   * Reads only the lead and the two headers' intros and indexes (at most about 2 MB, never more
   * than the file holds).
   *
   * @throws DamagedRpmException when a size or offset does not fit the file or a maximum
   */
  public static Layout check(Path file) throws IOException {
    long size = Files.size(file);
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 64 * 1024))) {
      if (size < LEAD_SIZE + INTRO_SIZE) {
        throw new DamagedRpmException(
            "not an RPM: " + size + " bytes are too few for an RPM lead and header");
      }
      byte[] lead = new byte[LEAD_SIZE];
      in.readFully(lead);
      if (!startsWith(lead, LEAD_MAGIC)) {
        throw new DamagedRpmException(
            "not an RPM: the file does not start with the RPM lead magic");
      }
      long signatureStart = LEAD_SIZE;
      long signatureEnd =
          header(in, "signature header", signatureStart, size, MAX_SIGNATURE_STORE, true);
      long headerEnd = header(in, "main header", signatureEnd, size, MAX_HEADER_STORE, false);
      return new Layout(signatureStart, signatureEnd, headerEnd, size);
    } catch (EOFException e) {
      throw new DamagedRpmException("the RPM ends inside its headers");
    }
  }

  /** Checks one header starting at {@code start} and returns where it ends (after padding). */
  private static long header(
      DataInputStream in, String what, long start, long fileSize, int maxStore, boolean padded)
      throws IOException {
    if (start + INTRO_SIZE > fileSize) {
      throw new DamagedRpmException("the RPM ends before its " + what);
    }
    byte[] magic = new byte[3];
    in.readFully(magic);
    int version = in.readUnsignedByte();
    if (!startsWith(magic, HEADER_MAGIC) || version != 1) {
      throw new DamagedRpmException("the RPM's " + what + " does not start with the header magic");
    }
    in.skipNBytes(4);
    long count = Integer.toUnsignedLong(in.readInt());
    long store = Integer.toUnsignedLong(in.readInt());
    if (count > MAX_INDEX_COUNT) {
      throw new DamagedRpmException(
          "the RPM's " + what + " claims " + count + " entries; at most " + MAX_INDEX_COUNT);
    }
    if (store > maxStore) {
      throw new DamagedRpmException(
          "the RPM's " + what + " claims " + store + " bytes of data; at most " + maxStore);
    }
    long end = start + INTRO_SIZE + count * ENTRY_SIZE + store;
    if (padded) {
      end += (8 - store % 8) % 8;
    }
    if (end > fileSize) {
      throw new DamagedRpmException(
          "the RPM's "
              + what
              + " claims "
              + count
              + " entries and "
              + store
              + " bytes of data, past the end of the file ("
              + fileSize
              + " bytes)");
    }
    long values = 0;
    for (long i = 0; i < count; i++) {
      values += entry(in, what, store);
    }
    // Entries may not share data (as rpm itself checks), so what they decode is bounded by the
    // store: no entry can make a parser build the same large array over and over.
    if (values > store) {
      throw new DamagedRpmException(
          "the RPM's " + what + " entries claim " + values + " bytes of its " + store);
    }
    in.skipNBytes(end - start - INTRO_SIZE - count * ENTRY_SIZE);
    return end;
  }

  /** Checks one index entry; returns the store bytes its values take at the least. */
  private static long entry(DataInputStream in, String what, long store) throws IOException {
    int tag = in.readInt();
    int type = in.readInt();
    long offset = Integer.toUnsignedLong(in.readInt());
    long count = Integer.toUnsignedLong(in.readInt());
    if (type < 0 || type >= MIN_VALUE_SIZE.length) {
      throw new DamagedRpmException(
          "the RPM's " + what + " has tag " + tag + " of unknown type " + type);
    }
    long bytes = count * MIN_VALUE_SIZE[type];
    if (offset > store || bytes > store - offset) {
      throw new DamagedRpmException(
          "the RPM's "
              + what
              + " has tag "
              + tag
              + " with "
              + count
              + " values at "
              + offset
              + ", outside its "
              + store
              + " bytes of data");
    }
    boolean region = tag >= FIRST_REGION_TAG && tag <= LAST_REGION_TAG && bytes == REGION_TRAILER;
    return region ? 0 : bytes;
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
