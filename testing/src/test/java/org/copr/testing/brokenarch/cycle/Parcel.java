package org.copr.testing.brokenarch.cycle;

import org.copr.testing.brokenarch.back.Sender;

/** One side of a deliberate package cycle: cycle → back → cycle. */
public class Parcel {
  Sender sender;
}
