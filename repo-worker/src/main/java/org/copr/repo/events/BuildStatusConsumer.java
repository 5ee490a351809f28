package org.copr.repo.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.EventJson;
import org.copr.repo.repository.RepoChange;
import org.copr.repo.repository.RepoId;
import org.copr.repo.repository.RepoWriters;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Topic copr.builds.status: a successful {@code finished} is published into its repository. The
 * message is acknowledged only after {@code published} or {@code publish_failed} was sent, so a
 * crash in between makes Kafka deliver it again; the writer recognises what is already done.
 */
@ApplicationScoped
public class BuildStatusConsumer {
  private static final Logger LOG = Logger.getLogger(BuildStatusConsumer.class);

  private final RepoWriters writers;

  BuildStatusConsumer(RepoWriters writers) {
    this.writers = writers;
  }

  @Incoming("build-status")
  public CompletionStage<Void> onStatus(Message<String> message) {
    CompletableFuture<Void> done;
    try {
      BuildStatus event = EventJson.read(message.getPayload(), BuildStatus.class);
      if (!(event instanceof BuildStatus.Finished finished) || !finished.success()) {
        return message.ack();
      }
      RepoId repo = new RepoId(finished.copr(), finished.chroot());
      LOG.infof(
          "build %d attempt %d of %s finished for %s",
          finished.buildId(), finished.attempt(), finished.packageName(), repo);
      done = writers.submit(repo, new RepoChange.Publish(finished));
    } catch (RuntimeException e) {
      LOG.warnf("rejecting a build status event: %s", e.getMessage());
      return message.nack(e);
    }
    Acks.whenDone(message, done);
    return CompletableFuture.completedFuture(null);
  }
}
