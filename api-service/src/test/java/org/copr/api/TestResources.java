package org.copr.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import org.copr.testing.KafkaTestResource;
import org.copr.testing.PostgresTestResource;
import org.copr.testing.StorageTestResource;

/**
 * Every @QuarkusTest of this module runs against a fresh real database, the real broker and its own
 * storage. Each module declares its test resources here, in one class of this name, all of them
 * global: test classes carry none, so the application starts once per test profile.
 */
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(
    value = KafkaTestResource.class,
    scope = TestResourceScope.GLOBAL,
    initArgs = @ResourceArg(name = "user", value = "api-service"))
@WithTestResource(value = StorageTestResource.class, scope = TestResourceScope.GLOBAL)
public final class TestResources {
  private TestResources() {}
}
