package org.copr.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.copr.contracts.rest.BuildState;
import org.copr.contracts.rest.ClientHeader;
import org.copr.contracts.rest.ErrorBody;
import org.copr.contracts.rest.Page;

/**
 * The Copr REST API from Java. Reads need no login; writes need a username and a password or an API
 * token (HTTP Basic). Every method throws {@link CoprException} when the service refuses or cannot
 * be reached. A client is immutable and safe to share between threads.
 */
public final class CoprClient {
  public static final String DEFAULT_URL = "http://127.0.0.1:8080";
  public static final String VERSION = readVersion();
  private static final int PAGE_SIZE = 500;
  private static final ObjectMapper JSON = CoprJson.mapper();

  private final String url;
  private final String authorization;
  private final Duration timeout;
  private final Consumer<String> trace;
  private final HttpClient http;

  /** A client of the service at {@link #DEFAULT_URL}. */
  public CoprClient(String username, String password) {
    this(DEFAULT_URL, username, password);
  }

  /** A client of the service at {@code url}; username and password may be null for reads. */
  public CoprClient(String url, String username, String password) {
    this(builder().url(url).username(username).password(password));
  }

  private CoprClient(Builder b) {
    this.url = b.url.endsWith("/") ? b.url.substring(0, b.url.length() - 1) : b.url;
    this.authorization =
        b.username == null || b.password == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (b.username + ":" + b.password).getBytes(StandardCharsets.UTF_8));
    this.timeout = b.timeout;
    this.trace = b.trace;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public String url() {
    return url;
  }

  // ---- coprs

  /** Every copr, all pages. */
  public List<Copr> coprList() {
    return all("/coprs", Map.of(), Copr.class);
  }

  /** Every copr of one owner. */
  public List<Copr> coprList(String owner) {
    return all("/coprs", Map.of("owner", owner), Copr.class);
  }

  public Copr coprInfo(String copr) {
    return send(get(coprPath(copr)), Copr.class);
  }

  /** Creates a copr for x86_64. */
  public Copr coprCreate(
      String name, String description, List<String> releases, List<String> dependencies) {
    return coprCreate(new NewCopr(name, description, releases, List.of(), dependencies));
  }

  public Copr coprCreate(
      String name,
      String description,
      List<String> releases,
      List<String> dependencies,
      List<String> arches) {
    return coprCreate(new NewCopr(name, description, releases, arches, dependencies));
  }

  public Copr coprCreate(NewCopr copr) {
    NewCopr body =
        copr.arches() == null || copr.arches().isEmpty()
            ? new NewCopr(
                copr.name(),
                copr.description(),
                copr.releases(),
                null,
                copr.dependencies(),
                copr.timeout())
            : copr;
    return send(post("/coprs", body), Copr.class);
  }

  public Copr coprEdit(String copr, CoprChanges changes) {
    return send(
        request(coprPath(copr)).header("Content-Type", "application/json").PUT(json(changes)),
        Copr.class);
  }

  public void coprDelete(String copr) {
    send(request(coprPath(copr)).DELETE(), Void.class);
  }

  public Copr coprAddReleases(String copr, List<String> releases) {
    return coprAction(copr, "add_releases", Map.of("releases", releases));
  }

  public Copr coprRemoveReleases(String copr, List<String> releases) {
    return coprAction(copr, "remove_releases", Map.of("releases", releases));
  }

  public Copr coprAddDependencies(String copr, List<String> dependencies) {
    return coprAction(copr, "add_dependencies", Map.of("dependencies", dependencies));
  }

  public Copr coprRemoveDependencies(String copr, List<String> dependencies) {
    return coprAction(copr, "remove_dependencies", Map.of("dependencies", dependencies));
  }

  /** Gives {@code username} the {@code permission} ({@code builder} or {@code admin}). */
  public Copr coprGrant(String copr, String username, String permission) {
    return coprAction(copr, "grant", Map.of("username", username, "permission", permission));
  }

  /** Takes back whatever permission {@code username} has on the copr. */
  public Copr coprRevoke(String copr, String username) {
    return coprAction(copr, "revoke", Map.of("username", username));
  }

  private Copr coprAction(String copr, String action, Object body) {
    return send(post(coprPath(copr) + "/" + action, body), Copr.class);
  }

  // ---- packages

  public List<Pkg> pkgList(String copr) {
    return all(coprPath(copr) + "/packages", Map.of(), Pkg.class);
  }

  public Pkg pkgInfo(String copr, String pkg) {
    return send(get(pkgPath(copr, pkg)), Pkg.class);
  }

  /** Uploads an SRPM; the answer lists the builds it started, one per chroot of the copr. */
  public Upload pkgCreate(String copr, Path srpm) {
    return pkgCreate(copr, srpm, UploadListener.NONE);
  }

  public Upload pkgCreate(String copr, Path srpm, UploadListener listener) {
    return pkgCreate(copr, srpm, listener, BatchOption.NONE);
  }

  /** As above, its builds in a batch: after or with the build {@code batch} names. */
  public Upload pkgCreate(String copr, Path srpm, UploadListener listener, BatchOption batch) {
    MultipartBody body = new MultipartBody("srpm", srpm);
    HttpRequest.Builder r =
        request(coprPath(copr) + "/packages" + batch.query())
            .timeout(Duration.ofHours(1))
            .header("Content-Type", body.contentType())
            .POST(body.publisher(listener));
    return send(r, Upload.class);
  }

  public void pkgDelete(String copr, String pkg) {
    send(request(pkgPath(copr, pkg)).DELETE(), Void.class);
  }

  // ---- builds

  /** Every build of a copr, newest first. */
  public List<Build> buildList(String copr) {
    return all(coprPath(copr) + "/builds", Map.of(), Build.class);
  }

  /** Every build of one package of a copr, newest first. */
  public List<Build> buildList(String copr, String pkg) {
    return all(coprPath(copr) + "/builds", Map.of("package", pkg), Build.class);
  }

  public Build buildInfo(long id) {
    return send(get("/builds/" + id), Build.class);
  }

  /**
   * A piece of the build's log from byte {@code offset} on; pass the answer's nextOffset to read on
   * (at once while {@link LogChunk#more()}) or to follow it.
   */
  public LogChunk buildLog(long id, long offset) {
    HttpResponse<byte[]> r = exchange(text("/builds/" + id + "/log?offset=" + offset));
    String state = r.headers().firstValue("X-Copr-Build-State").orElse(null);
    long next =
        r.headers()
            .firstValue("X-Copr-Log-Offset")
            .map(Long::parseLong)
            .orElse(offset + r.body().length);
    long size = r.headers().firstValue("X-Copr-Log-Size").map(Long::parseLong).orElse(next);
    return new LogChunk(
        new String(r.body(), StandardCharsets.UTF_8),
        next,
        state == null ? null : BuildState.parse(state).orElse(null),
        next < size);
  }

  /** Builds the SRPM of build {@code id} again: a new build per chroot, as an upload answers. */
  public Upload buildResubmit(long id, Rebuild rebuild) {
    return send(post("/builds/" + id + "/resubmit", rebuild), Upload.class);
  }

  /** Builds the package's newest SRPM again, in every chroot of the copr or those given. */
  public Upload pkgBuild(String copr, String pkg, Rebuild rebuild) {
    return send(post(pkgPath(copr, pkg) + "/builds", rebuild), Upload.class);
  }

  public Build buildCancel(long id) {
    return send(
        request("/builds/" + id + "/cancel").POST(HttpRequest.BodyPublishers.noBody()),
        Build.class);
  }

  // ---- users and repositories

  /** Creates a user (an admin's right, unless the service lets people register themselves). */
  public User userCreate(String username, String password, boolean admin) {
    return send(
        post("/users", Map.of("username", username, "password", password, "admin", admin)),
        User.class);
  }

  /** The user this client logs in as. */
  public User userMe() {
    return send(get("/users/me"), User.class);
  }

  /**
   * A new API token for HTTP Basic in the password's place ({@code new CoprClient(url, username,
   * token)}). Only a client that logs in with the password may make one.
   *
   * @param name what the token is for; null for none
   * @param expiresInDays its lifetime; null for the service's default (180 days)
   */
  public IssuedApiToken apiTokenCreate(String name, Integer expiresInDays) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (name != null) {
      body.put("name", name);
    }
    if (expiresInDays != null) {
      body.put("expires_in_days", expiresInDays);
    }
    return send(post("/users/me/tokens", body), IssuedApiToken.class);
  }

  /** The API tokens of the user the client logs in as, without their values. */
  public List<ApiToken> apiTokenList() {
    return all("/users/me/tokens", Map.of(), ApiToken.class);
  }

  /** Revokes an API token: it is refused from the next request on. */
  public void apiTokenRevoke(long id) {
    send(request("/users/me/tokens/" + id).DELETE(), Void.class);
  }

  /** The dnf .repo file of a copr for one release (e.g. fedora-40). */
  public String repoFile(String copr, String release) {
    return new String(
        exchange(text(coprPath(copr) + "/repo/" + segment(release) + ".repo")).body(),
        StandardCharsets.UTF_8);
  }

  // ---- HTTP

  private static String coprPath(String copr) {
    return "/coprs/" + segment(copr);
  }

  private static String pkgPath(String copr, String pkg) {
    return coprPath(copr) + "/packages/" + segment(pkg);
  }

  private static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private <T> List<T> all(String path, Map<String, String> query, Class<T> type) {
    JavaType pageType = JSON.getTypeFactory().constructParametricType(Page.class, type);
    List<T> items = new ArrayList<>();
    while (true) {
      StringBuilder q = new StringBuilder("?limit=" + PAGE_SIZE + "&offset=" + items.size());
      query.forEach((k, v) -> q.append('&').append(k).append('=').append(segment(v)));
      Page<T> page = read(exchange(get(path + q)), pageType);
      items.addAll(page.items());
      if (page.items().isEmpty() || items.size() >= page.total()) {
        return items;
      }
    }
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url + path))
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("User-Agent", "copr-client/" + VERSION)
            .header(ClientHeader.NAME, "copr-cli/" + VERSION);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b;
  }

  private HttpRequest.Builder get(String path) {
    return request(path).GET();
  }

  private HttpRequest.Builder text(String path) {
    return request(path).setHeader("Accept", "text/plain, application/json").GET();
  }

  private HttpRequest.Builder post(String path, Object body) {
    return request(path).header("Content-Type", "application/json").POST(json(body));
  }

  private static HttpRequest.BodyPublisher json(Object body) {
    try {
      return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + body + " as JSON", e);
    }
  }

  private <T> T send(HttpRequest.Builder request, Class<T> type) {
    byte[] body = exchange(request).body();
    return type == Void.class ? null : read(body, JSON.getTypeFactory().constructType(type));
  }

  private HttpResponse<byte[]> exchange(HttpRequest.Builder builder) {
    HttpRequest request = builder.build();
    trace.accept("> " + request.method() + " " + request.uri());
    HttpResponse<byte[]> r;
    try {
      r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw CoprException.network(url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CoprException.network(url, e);
    }
    trace.accept("< " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
    if (r.statusCode() >= 300) {
      throw error(r);
    }
    return r;
  }

  private static <T> T read(HttpResponse<byte[]> r, JavaType type) {
    return read(r.body(), type);
  }

  private static <T> T read(byte[] body, JavaType type) {
    try {
      return JSON.readValue(body, type);
    } catch (IOException e) {
      throw new CoprException(
          0,
          "bad_answer",
          "the Copr service sent an answer the client cannot read: " + e.getMessage());
    }
  }

  /** The server's {"error", "detail"}, or a sentence made from the status when it sent none. */
  private CoprException error(HttpResponse<byte[]> r) {
    int status = r.statusCode();
    try {
      ErrorBody body = JSON.readValue(r.body(), ErrorBody.class);
      if (body != null && body.error() != null) {
        return new CoprException(
            status, body.error(), body.detail() != null ? body.detail() : body.error());
      }
    } catch (IOException e) {
      // Not JSON (a proxy's page, an unexpected crash): fall through to the generic sentence.
    }
    String error = status >= 500 ? "server_error" : "http_" + status;
    return new CoprException(
        status,
        error,
        "the Copr service at "
            + url
            + " answered HTTP "
            + status
            + " to "
            + r.request().method()
            + " "
            + r.request().uri().getPath());
  }

  private static String readVersion() {
    Properties p = new Properties();
    try (InputStream in = CoprClient.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version", "unknown");
  }

  /** Settings of a client; only the URL is required, and it defaults to {@link #DEFAULT_URL}. */
  public static final class Builder {
    private String url = DEFAULT_URL;
    private String username;
    private String password;
    private Duration timeout = Duration.ofSeconds(60);
    private Consumer<String> trace = line -> {};

    private Builder() {}

    public Builder url(String url) {
      this.url = url == null ? DEFAULT_URL : url;
      return this;
    }

    public Builder username(String username) {
      this.username = username;
      return this;
    }

    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /** How long one request may take (uploads get an hour). */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** Receives a line per request and per answer, for debugging. Never sees the password. */
    public Builder trace(Consumer<String> trace) {
      this.trace = trace;
      return this;
    }

    public CoprClient build() {
      return new CoprClient(this);
    }
  }
}
