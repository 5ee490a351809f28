package org.copr.worker.builder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the host's own system provides to a build, though its (Debian) rpm database is empty: a file
 * under its read-only /usr or /etc, a program on the sandbox's PATH, a shared library in its
 * library folders ({@code libc.so.6()(64bit)}, by soname; symbol versions are not checked), the
 * dynamic linker's {@code rtld(GNU_HASH)}, or a name listed in {@code
 * copr.worker.sandbox.host-provides}. Versions are not checked: {@code make >= 4} is any make.
 */
final class HostSystem {
  /** What may stand in a generated spec's Provides: no macros, no spaces, no new lines. */
  static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._+/()\\-:]{1,200}");

  private static final Pattern SONAME =
      Pattern.compile("((?:lib|ld)[A-Za-z0-9._+\\-]*\\.so(?:\\.[A-Za-z0-9._]+)?)(\\(.*\\))*");

  private static final List<String> SYSTEM_DIRS = List.of("/usr/", "/etc/");

  private final List<String> programDirs;
  private final List<Path> libraryDirs;
  private final Set<String> configured;

  HostSystem(List<String> programDirs, Set<String> configured) {
    this.programDirs = programDirs;
    this.configured = configured;
    this.libraryDirs = libraryDirs();
  }

  boolean provides(String name) {
    if (!PLAIN.matcher(name).matches()) {
      return false;
    }
    if (configured.contains(name) || name.equals("rtld(GNU_HASH)")) {
      return true;
    }
    if (name.startsWith("/")) {
      return systemFile(name);
    }
    Matcher soname = SONAME.matcher(name);
    if (soname.matches()) {
      return libraryDirs.stream().anyMatch(d -> Files.exists(d.resolve(soname.group(1))));
    }
    if (name.contains("(")) {
      return false; // perl(Foo), pkgconfig(bar): the host's Debian packages do not say
    }
    // A program (links followed, as the shell would) on the sandbox's PATH.
    return programDirs.stream()
        .map(dir -> Path.of(dir, name))
        .anyMatch(p -> Files.isRegularFile(p) && Files.isExecutable(p));
  }

  /** A file the sandbox shows (its real path, so {@code /bin/sh} is the host's /usr/bin/dash). */
  private static boolean systemFile(String name) {
    try {
      String real = Path.of(name).toRealPath().toString();
      return SYSTEM_DIRS.stream().anyMatch(real::startsWith);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** /usr/lib64, /usr/lib and its multiarch folders (/usr/lib/x86_64-linux-gnu on Debian). */
  private static List<Path> libraryDirs() {
    List<Path> dirs = new ArrayList<>(List.of(Path.of("/usr/lib64"), Path.of("/usr/lib")));
    try (Stream<Path> lib = Files.list(Path.of("/usr/lib"))) {
      lib.filter(p -> p.getFileName().toString().contains("-linux-"))
          .filter(Files::isDirectory)
          .forEach(dirs::add);
    } catch (IOException e) {
      // no /usr/lib: nothing more to look in
    }
    return List.copyOf(dirs);
  }
}
