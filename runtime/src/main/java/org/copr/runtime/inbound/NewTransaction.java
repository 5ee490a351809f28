package org.copr.runtime.inbound;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Kept apart from {@link Inbound} so that services without a database (which lack the transaction
 * manager) never load it.
 */
final class NewTransaction {
  private NewTransaction() {}

  static void run(Runnable work) {
    QuarkusTransaction.requiringNew().run(work);
  }
}
