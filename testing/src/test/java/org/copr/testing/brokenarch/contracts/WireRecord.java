package org.copr.testing.brokenarch.contracts;

import org.copr.testing.TestRpms;

/** A wire record that uses a class of ours from outside its module. */
public record WireRecord(String name) {
  static String sample() {
    return TestRpms.class.getSimpleName();
  }
}
