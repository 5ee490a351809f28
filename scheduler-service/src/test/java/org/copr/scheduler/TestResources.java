package org.copr.scheduler;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import org.copr.testing.KafkaTestResource;
import org.copr.testing.PostgresTestResource;

/**
 * Every @QuarkusTest of this module runs against the real broker, a fresh real database and the
 * {@link TestArches} settings. Each module declares its test resources here, in one class of this
 * name, all of them global: test classes carry none, so the application starts once per profile.
 */
@WithTestResource(
    value = KafkaTestResource.class,
    scope = TestResourceScope.GLOBAL,
    initArgs = @ResourceArg(name = "user", value = "scheduler-service"))
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TestArches.class, scope = TestResourceScope.GLOBAL)
public final class TestResources {
  private TestResources() {}
}
