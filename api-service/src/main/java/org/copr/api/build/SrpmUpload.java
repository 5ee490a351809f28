package org.copr.api.build;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that takes an SRPM upload: {@link org.copr.api.web.UploadGate} admits its request,
 * or refuses it, before any of the body is read.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SrpmUpload {
  /** A web form (session cookie and CSRF token); otherwise the REST API (HTTP Basic). */
  boolean web();
}
