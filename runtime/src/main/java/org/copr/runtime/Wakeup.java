package org.copr.runtime;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Runs a task on a thread of its own whenever asked. Asks that come while it runs merge into one
 * more run, and runs never overlap, so the task needs no locking against itself. Events wake it at
 * once; a timer only catches what no event announced.
 */
public final class Wakeup {
  private static final Logger LOG = Logger.getLogger(Wakeup.class);

  private final String name;
  private final Runnable task;
  private final ExecutorService thread;
  private final AtomicBoolean queued = new AtomicBoolean();

  public Wakeup(String name, Runnable task) {
    this.name = name;
    this.task = task;
    this.thread = Executors.newSingleThreadExecutor(r -> new Thread(r, name));
  }

  public void wake() {
    if (thread.isShutdown() || !queued.compareAndSet(false, true)) {
      return;
    }
    try {
      thread.execute(this::run);
    } catch (RejectedExecutionException e) {
      // shutting down: what the task would have done waits in PostgreSQL for the next start
    }
  }

  private void run() {
    queued.set(false);
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.warnf("%s failed, the next wake-up retries: %s", name, e.getMessage());
    }
  }

  /** Lets a run in progress finish (briefly), then stops; later wake-ups do nothing. */
  public void stop() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
