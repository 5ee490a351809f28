package org.copr.api.v3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.copr.api.user.Caller;

/** The user of a v3 request, as {@code auth-check} shows it. */
@ApplicationScoped
public class V3Users {
  private final Caller caller;

  V3Users(Caller caller) {
    this.caller = caller;
  }

  @Transactional
  public V3User current() {
    var user = caller.require();
    return new V3User(user.id, user.username);
  }
}
