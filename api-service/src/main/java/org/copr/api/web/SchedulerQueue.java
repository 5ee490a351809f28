package org.copr.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.copr.api.ApiConfig;
import org.jboss.logging.Logger;

/** The scheduler's {@code /queue} and {@code /queue/workers}, read for the queue page. */
@ApplicationScoped
public class SchedulerQueue {
  private static final Logger LOG = Logger.getLogger(SchedulerQueue.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final String base;
  private final ObjectMapper json;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  /** Quarkus' mapper reads snake_case and skips fields this page does not show. */
  SchedulerQueue(ApiConfig config, ObjectMapper json) {
    this.base = config.schedulerUrl().replaceAll("/+$", "");
    this.json = json;
  }

  public record Arch(
      String arch,
      long queued,
      Map<String, Long> owners,
      long oldestWaitSeconds,
      long dispatched,
      long running,
      long freeSlots,
      long liveWorkers,
      long drainingWorkers) {}

  public record Worker(
      String workerId,
      String arch,
      int slots,
      long held,
      boolean draining,
      boolean live,
      Instant lastSeen) {}

  private record QueueAnswer(List<Arch> arches) {}

  /**
   * @param problem why the scheduler could not be read, or null
   */
  public record View(List<Arch> arches, List<Worker> workers, String problem) {}

  public View read() {
    try {
      QueueAnswer queue = json.readValue(get("/queue"), QueueAnswer.class);
      Worker[] workers = json.readValue(get("/queue/workers"), Worker[].class);
      return new View(queue.arches(), List.of(workers), null);
    } catch (IOException e) {
      LOG.warnf("the scheduler at %s does not answer: %s", base, e.toString());
      return new View(List.of(), List.of(), "the scheduler at " + base + " does not answer");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new View(List.of(), List.of(), "interrupted");
    }
  }

  private String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET " + path + " answered " + r.statusCode());
    }
    return r.body();
  }
}
