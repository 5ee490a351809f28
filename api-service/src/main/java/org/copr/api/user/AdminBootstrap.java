package org.copr.api.user;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.copr.api.ApiConfig;
import org.jboss.logging.Logger;

/** Creates the configured admin on first start so that someone can create the other users. */
@ApplicationScoped
public class AdminBootstrap {
  private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

  private final ApiConfig config;

  AdminBootstrap(ApiConfig config) {
    this.config = config;
  }

  @Transactional
  void onStart(@Observes StartupEvent start) {
    String username = config.admin().username();
    if (User.byName(username).isPresent()) {
      return;
    }
    config
        .admin()
        .password()
        .filter(p -> !p.isBlank())
        .ifPresentOrElse(
            password -> {
              User.create(username, password, true);
              LOG.infof("created the bootstrap admin %s", username);
            },
            () ->
                LOG.warnf(
                    "no admin user %s and no copr.api.admin.password (COPR_API_ADMIN_PASSWORD) to create one",
                    username));
  }
}
