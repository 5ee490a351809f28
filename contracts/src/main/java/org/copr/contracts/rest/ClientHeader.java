package org.copr.contracts.rest;

/**
 * The header our clients send with every request to the REST API. A page of another site cannot set
 * it on a form or a simple request, so api-service takes a form-shaped request (a form's content
 * type, or no body) that changes something only with it or with an API token (src-docs/api.md,
 * "Requests from other sites").
 */
public final class ClientHeader {
  public static final String NAME = "X-Copr-Client";

  private ClientHeader() {}
}
