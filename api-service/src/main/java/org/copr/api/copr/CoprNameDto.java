package org.copr.api.copr;

import java.time.Instant;

/** A deleted copr's name and whose it stays. */
public record CoprNameDto(String name, String formerOwner, Instant retiredAt) {
  static CoprNameDto of(RetiredCoprName retired) {
    return new CoprNameDto(retired.name, retired.owner.username, retired.retiredAt);
  }
}
