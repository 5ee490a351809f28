package org.copr.api.build;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.copr.api.Limits;
import org.copr.api.error.ApiException;
import org.copr.contracts.NameRules;
import org.copr.rpm.BuildRequirements;
import org.copr.rpm.RpmFiles;
import org.eclipse.packager.rpm.RpmBaseTag;
import org.eclipse.packager.rpm.RpmSignatureTag;
import org.eclipse.packager.rpm.RpmTag;
import org.eclipse.packager.rpm.RpmTagValue;
import org.eclipse.packager.rpm.parse.InputHeader;

/**
 * Reads what Copr needs from an uploaded file's RPM lead and headers (through {@link RpmFiles}:
 * sizes proven against the file, then Eclipse Packager) and refuses anything that is not a whole
 * source RPM. Names come from the header, never from the file name.
 */
public final class SrpmReader {
  private static final Pattern NAME = NameRules.PACKAGE;

  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_.+~^]+");
  private static final short SOURCE_TYPE = 1;
  private static final int SOURCERPM_TAG = 1044;

  /** The identity of a source package. */
  public record Srpm(
      String name, int epoch, String version, String release, String summary, String license) {}

  private record Headers(
      short type, InputHeader<RpmSignatureTag> signature, InputHeader<RpmTag> main) {}

  private SrpmReader() {}

  public static Srpm read(Path file, long size) {
    if (size == 0) {
      throw ApiException.invalid("the uploaded file is empty");
    }
    Headers headers;
    try {
      headers =
          RpmFiles.read(
              file,
              (rpm, layout) ->
                  new Headers(
                      rpm.getLead().getType(), rpm.getSignatureHeader(), rpm.getPayloadHeader()));
    } catch (IOException e) {
      throw ApiException.invalid("not an RPM package, or a damaged one: " + describe(e));
    }
    if (headers.type() != SOURCE_TYPE) {
      throw binary();
    }
    InputHeader<RpmTag> header = headers.main();
    checkWhole(size, headers.signature(), header);
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
    checkBuildRequires(file);
    return new Srpm(
        name,
        epoch,
        version,
        release,
        bounded(header, RpmTag.SUMMARY, "summary", Limits.SUMMARY),
        bounded(header, RpmTag.LICENSE, "license", Limits.LICENSE));
  }

  /**
   * Every BuildRequires must be a dependency token by the rule the build-worker checks again
   * (module rpm): a header is data, and a worker must never see it as a command-line option.
   */
  private static void checkBuildRequires(Path file) {
    try {
      BuildRequirements.read(file);
    } catch (BuildRequirements.BadRequirementException e) {
      throw ApiException.invalid(e.getMessage());
    } catch (IOException e) {
      throw ApiException.invalid(
          "the BuildRequires in the SRPM header cannot be read: " + describe(e));
    }
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

  private static String bounded(InputHeader<RpmTag> header, RpmTag tag, String what, int max) {
    String value = text(header, tag).orElse("");
    if (value.length() > max) {
      throw ApiException.invalid(
          "the "
              + what
              + " in the SRPM header has "
              + value.length()
              + " characters; at most "
              + max);
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
