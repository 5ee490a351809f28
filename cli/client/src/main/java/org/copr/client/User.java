package org.copr.client;

import java.time.Instant;

public record User(String username, boolean admin, Instant createdAt) {}
