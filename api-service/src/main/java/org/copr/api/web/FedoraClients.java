package org.copr.api.web;

import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import org.copr.api.ApiConfig;

/**
 * What pages tell Fedora's clients (copr-cli, python-copr, Packit, {@code dnf copr}) to use: this
 * service's public URL ({@code copr.api.public-url}, else the one the page was asked at). Templates
 * read it as {@code inject:fedoraClients}.
 */
@Named("fedoraClients")
@RequestScoped
public class FedoraClients {
  private final String url;

  FedoraClients(ApiConfig config, RoutingContext request) {
    this.url =
        config
            .publicUrl()
            .orElseGet(() -> request.request().scheme() + "://" + request.request().authority())
            .replaceAll("/+$", "");
  }

  public String coprUrl() {
    return url;
  }

  /** Fedora's clients refuse http:// unless told {@code encrypted = False}. */
  public boolean plainHttp() {
    return url.startsWith("http://");
  }
}
