package org.copr.api.error;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.copr.api.Limits;
import org.copr.runtime.http.Refusal;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Bounds every request body but an SRPM upload (multipart, bounded by copr.api.srpm.max-size) to
 * {@link Limits#BODY}: a stated length past it is refused before reading, a chunked body once it
 * goes past it.
 */
public class BodyLimit {

  @ServerRequestFilter
  public void bound(ContainerRequestContext request) {
    MediaType type = request.getMediaType();
    if (type != null && type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)) {
      return;
    }
    if (request.getLength() > Limits.BODY) {
      throw ApiException.tooLarge(
          "the body has " + request.getLength() + " bytes; the limit is " + Limits.BODY);
    }
    if (request.getLength() < 0 && request.hasEntity()) {
      request.setEntityStream(new Bounded(request.getEntityStream()));
    }
  }

  /** Thrown by the body's stream once it passes the limit. */
  public static class TooLarge extends IOException implements Refusal {
    TooLarge() {
      super("the body has more than " + Limits.BODY + " bytes; the limit is " + Limits.BODY);
    }

    @Override
    public int status() {
      return 413;
    }
  }

  private static final class Bounded extends FilterInputStream {
    private long left = Limits.BODY;

    Bounded(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws TooLarge {
      left -= n;
      if (left < 0) {
        throw new TooLarge();
      }
    }
  }
}
