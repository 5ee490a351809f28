package org.copr.testing.brokenarch.back;

import org.copr.testing.brokenarch.cycle.Parcel;

/** The other side of the deliberate package cycle. */
public class Sender {
  Parcel parcel;
}
