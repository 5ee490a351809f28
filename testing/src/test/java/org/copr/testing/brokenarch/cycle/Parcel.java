package org.copr.testing.brokenarch.cycle;

import org.copr.testing.brokenarch.cycle.back.Sender;

/** One side of a deliberate package cycle: cycle → cycle.back → cycle. */
public class Parcel {
  Sender sender;
}
