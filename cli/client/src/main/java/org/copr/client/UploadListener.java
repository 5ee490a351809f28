package org.copr.client;

/** Told how far an SRPM upload has got; called from the thread that sends the body. */
@FunctionalInterface
public interface UploadListener {
  UploadListener NONE = (sent, total) -> {};

  void progress(long sentBytes, long totalBytes);
}
