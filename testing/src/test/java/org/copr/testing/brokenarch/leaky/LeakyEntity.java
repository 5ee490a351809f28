package org.copr.testing.brokenarch.leaky;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

@Entity
public class LeakyEntity {
  @Id public long id;
}
