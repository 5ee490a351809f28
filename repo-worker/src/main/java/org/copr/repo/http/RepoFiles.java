package org.copr.repo.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.copr.repo.RepoWorkerConfig;
import org.copr.runtime.http.RouteErrors;

/**
 * Serves repos/ read-only under {@code /repos/}: the URL that {@code .repo} files and build
 * requests point dnf and mock at. Files only (no listings); hidden files (repo-worker's markers,
 * createrepo_c's unfinished {@code .repodata/}) are never served; nothing outside repos/ is
 * reachable, whatever the encoding or symlinks.
 */
@ApplicationScoped
public class RepoFiles {
  public static final String PREFIX = "/repos/";

  private static final Map<String, String> TYPES =
      Map.of(
          "rpm", "application/x-rpm",
          "xml", "application/xml",
          "gz", "application/gzip",
          "zst", "application/zstd",
          "xz", "application/x-xz",
          "bz2", "application/x-bzip2",
          "sqlite", "application/vnd.sqlite3",
          "log", "text/plain; charset=utf-8",
          "asc", "text/plain; charset=utf-8",
          "gpg", "application/pgp-keys");

  private final Path root;

  RepoFiles(RepoWorkerConfig config) throws IOException {
    this.root = Files.createDirectories(config.layout().repos()).toRealPath();
  }

  void routes(@Observes Router router) {
    router
        .route(PREFIX + "*")
        .method(HttpMethod.GET)
        .method(HttpMethod.HEAD)
        .blockingHandler(this::serve, false);
  }

  private void serve(RoutingContext ctx) {
    String rest = ctx.normalizedPath();
    rest = rest.startsWith(PREFIX) ? rest.substring(PREFIX.length()) : "";
    Optional<Path> file;
    try {
      file = resolve(rest);
    } catch (IllegalArgumentException e) {
      RouteErrors.answer(ctx, 400, e.getMessage());
      return;
    }
    if (file.isEmpty()) {
      RouteErrors.answer(ctx, 404, "no such file under /repos/");
      return;
    }
    Path path = file.get();
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType(path));
    if (path.getFileName().toString().equals("repomd.xml")) {
      // The entry point of the metadata changes with every publish: always revalidate.
      ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    }
    if (ctx.request().method() == HttpMethod.HEAD) {
      try {
        ctx.response().putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(Files.size(path)));
      } catch (IOException e) {
        RouteErrors.answer(ctx, 404, "no such file under /repos/");
        return;
      }
      ctx.response().end();
    } else {
      ctx.response().sendFile(path.toString());
    }
  }

  /**
   * The regular file a raw request path (after {@code /repos/}) names, if it is inside repos/.
   *
   * @throws IllegalArgumentException for segments that try to leave or hide: {@code ..}, encoded
   *     separators, NUL
   */
  Optional<Path> resolve(String rawPath) {
    Path path = root;
    for (String raw : rawPath.split("/", -1)) {
      String segment = decode(raw);
      if (segment.equals("..")
          || segment.contains("/")
          || segment.contains("\\")
          || segment.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("path segment not allowed: " + raw);
      }
      if (segment.isEmpty() || segment.startsWith(".")) {
        return Optional.empty();
      }
      path = path.resolve(segment);
    }
    try {
      Path real = path.toRealPath();
      if (!real.startsWith(root) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      return Optional.of(real);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Percent-decoding of one path segment ('+' stays '+', unlike form decoding). */
  private static String decode(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%') {
        if (i + 2 >= segment.length()) {
          throw new IllegalArgumentException("bad percent-encoding: " + segment);
        }
        try {
          bytes.write(Integer.parseInt(segment.substring(i + 1, i + 3), 16));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("bad percent-encoding: " + segment);
        }
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String contentType(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(ext, "application/octet-stream");
  }
}
