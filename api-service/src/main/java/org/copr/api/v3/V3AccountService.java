package org.copr.api.v3;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.copr.api.user.Caller;
import org.copr.api.user.User;

/** The account of the login and token a v3 request came with. */
@ApplicationScoped
public class V3AccountService {
  private final Caller caller;

  V3AccountService(Caller caller) {
    this.caller = caller;
  }

  @Transactional
  public V3User me() {
    User user = caller.require();
    return new V3User(user.id, user.username);
  }
}
