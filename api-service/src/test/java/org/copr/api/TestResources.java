package org.copr.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import org.copr.testing.KafkaTestResource;
import org.copr.testing.PostgresTestResource;
import org.copr.testing.StorageTestResource;

/**
 * Every @QuarkusTest of this module runs against a fresh real database, the real broker and its own
 * storage.
 */
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(
    value = KafkaTestResource.class,
    restrictToAnnotatedClass = false,
    initArgs = @ResourceArg(name = "user", value = "api-service"))
@QuarkusTestResource(value = StorageTestResource.class, restrictToAnnotatedClass = false)
public final class TestResources {
  private TestResources() {}
}
