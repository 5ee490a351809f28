package org.copr.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.copr.api.ApiConfig;
import org.copr.contracts.rest.QueueView;
import org.copr.contracts.rest.WorkerView;
import org.jboss.logging.Logger;

/** The scheduler's {@code /queue} and {@code /queue/workers}, read for the queue page. */
@ApplicationScoped
public class SchedulerQueue {
  private static final Logger LOG = Logger.getLogger(SchedulerQueue.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final String base;
  private final ObjectMapper json;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  /** Quarkus' mapper reads the scheduler's snake_case. */
  SchedulerQueue(ApiConfig config, ObjectMapper json) {
    this.base = config.schedulerUrl().replaceAll("/+$", "");
    this.json = json;
  }

  /**
   * @param problem why the scheduler could not be read, or null
   */
  public record View(List<QueueView.Arch> arches, List<WorkerView> workers, String problem) {}

  public View read() {
    try {
      QueueView queue = json.readValue(get("/queue"), QueueView.class);
      WorkerView[] workers = json.readValue(get("/queue/workers"), WorkerView[].class);
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
