package org.copr.api.web;

/**
 * Who looks at a page: every template gets one for its header and forms.
 *
 * @param username null for a visitor who is not logged in
 * @param csrf the token every form of the page carries
 */
public record Visit(String username, boolean admin, String csrf, String path) {
  public boolean loggedIn() {
    return username != null;
  }
}
