package org.copr.api.storage;

import jakarta.persistence.EntityManager;

/**
 * One PostgreSQL advisory lock per SRPM content, held to the end of the transaction: an upload that
 * stores {@code srpms/<sha256>.src.rpm} and commits its version, and a removal that checks no
 * version needs the file and deletes it, never interleave.
 */
public final class SrpmLocks {
  private static final long NAMESPACE = 0x7372706dL << 32; // "srpm"

  private SrpmLocks() {}

  public static void lock(EntityManager em, String sha256) {
    long key = NAMESPACE ^ Long.parseUnsignedLong(sha256.substring(0, 8), 16);
    em.createNativeQuery("select pg_advisory_xact_lock(" + key + ")").getSingleResult();
  }
}
