package org.copr.rpm;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.packager.rpm.parse.RpmInputStream;

/** The one way Copr opens an RPM or SRPM: bounds first, then Eclipse Packager. */
public final class RpmFiles {
  private RpmFiles() {}

  /**
   * Runs {@code reader} on the file's headers once {@link RpmBounds#check} has proven them safe to
   * parse. Whatever the parser still throws, an {@link OutOfMemoryError} or {@link
   * StackOverflowError} included, comes back as a {@link DamagedRpmException}: a hostile file must
   * never take a service down.
   */
  public static <T> T read(Path file, HeaderReader<T> reader) throws IOException {
    RpmBounds.Layout layout = RpmBounds.check(file);
    try (RpmInputStream rpm =
        new RpmInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      return reader.read(rpm, layout);
    } catch (DamagedRpmException e) {
      throw e;
    } catch (IOException | RuntimeException | VirtualMachineError e) {
      throw new DamagedRpmException(describe(e), e);
    }
  }

  /** The EPOCH tag is an INT32 array of one; Eclipse Packager's informations read only strings. */
  public static Integer epoch(Object tag) {
    Object value = tag instanceof Object[] a && a.length > 0 ? a[0] : tag;
    if (tag instanceof int[] a && a.length > 0) {
      value = a[0];
    }
    return value instanceof Number n ? n.intValue() : null;
  }

  /** Reads what a caller needs from the parsed lead and headers. */
  @FunctionalInterface
  public interface HeaderReader<T> {
    T read(RpmInputStream rpm, RpmBounds.Layout layout) throws IOException;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
