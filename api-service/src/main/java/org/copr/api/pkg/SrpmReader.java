package org.copr.api.pkg;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.copr.api.error.ApiException;
import org.copr.contracts.NameRules;
import org.eclipse.packager.rpm.RpmBaseTag;
import org.eclipse.packager.rpm.RpmSignatureTag;
import org.eclipse.packager.rpm.RpmTag;
import org.eclipse.packager.rpm.RpmTagValue;
import org.eclipse.packager.rpm.parse.InputHeader;
import org.eclipse.packager.rpm.parse.RpmInputStream;

/**
 * Reads what Copr needs from an uploaded file's RPM lead and headers (with Eclipse Packager, not by
 * hand) and refuses anything that is not a whole source RPM. Names come from the header, never from
 * the file name.
 */
public final class SrpmReader {
  private static final Pattern NAME = NameRules.PACKAGE;

  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_.+~^]+");
  private static final short SOURCE_TYPE = 1;
  private static final int SOURCERPM_TAG = 1044;

  /** The identity of a source package. */
  public record Srpm(
      String name, int epoch, String version, String release, String summary, String license) {}

  private SrpmReader() {}

  public static Srpm read(Path file, long size) {
    if (size == 0) {
      throw ApiException.invalid("the uploaded file is empty");
    }
    InputHeader<RpmTag> header;
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        RpmInputStream rpm = new RpmInputStream(raw)) {
      if (rpm.getLead().getType() != SOURCE_TYPE) {
        throw binary();
      }
      InputHeader<RpmSignatureTag> signature = rpm.getSignatureHeader();
      header = rpm.getPayloadHeader();
      checkWhole(size, signature, header);
    } catch (IOException | RuntimeException e) {
      if (e instanceof ApiException api) {
        throw api;
      }
      throw ApiException.invalid("not an RPM package, or a damaged one: " + describe(e));
    }
    if (header.getOptionalTag(SOURCERPM_TAG).isPresent()) {
      throw binary(); // a binary package names the SRPM it was built from
    }
    String name = text(header, RpmTag.NAME).orElse(null);
    if (name == null || !NAME.matcher(name).matches()) {
      throw ApiException.invalid("the package name in the SRPM header is not usable: " + name);
    }
    String version = piece(header, RpmTag.VERSION, "version");
    String release = piece(header, RpmTag.RELEASE, "release");
    int epoch = new RpmTagValue(header.getTagOrDefault(RpmTag.EPOCH, null)).asInteger().orElse(0);
    return new Srpm(
        name,
        epoch,
        version,
        release,
        text(header, RpmTag.SUMMARY).orElse(""),
        text(header, RpmTag.LICENSE).orElse(""));
  }

  /**
   * The signature header records the size of the main header plus the payload: a file that ends
   * early (or goes on) is not the package that was built.
   */
  private static void checkWhole(
      long size, InputHeader<RpmSignatureTag> signature, InputHeader<RpmTag> header) {
    Optional<Long> expected =
        longValue(signature, RpmSignatureTag.LONGSIZE)
            .or(() -> longValue(signature, RpmSignatureTag.SIZE));
    if (expected.isPresent() && header.getStart() + expected.get() != size) {
      throw ApiException.invalid(
          "the SRPM is truncated or damaged: its header says "
              + (header.getStart() + expected.get())
              + " bytes, the upload has "
              + size);
    }
  }

  private static Optional<Long> longValue(InputHeader<RpmSignatureTag> h, RpmSignatureTag tag) {
    RpmTagValue v = new RpmTagValue(h.getTagOrDefault(tag, null));
    return v.asLong().or(() -> v.asInteger().map(Integer::longValue));
  }

  private static String piece(InputHeader<RpmTag> header, RpmTag tag, String what) {
    String value = text(header, tag).orElse(null);
    if (value == null || !VERSION.matcher(value).matches()) {
      throw ApiException.invalid("the " + what + " in the SRPM header is not usable: " + value);
    }
    return value;
  }

  private static <T extends RpmBaseTag> Optional<String> text(InputHeader<T> header, T tag) {
    return new RpmTagValue(header.getTagOrDefault(tag, null)).asString();
  }

  private static ApiException binary() {
    return ApiException.invalid("this is a binary RPM; upload the source package (.src.rpm)");
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
