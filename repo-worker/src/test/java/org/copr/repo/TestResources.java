package org.copr.repo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import org.copr.testing.KafkaTestResource;
import org.copr.testing.StorageTestResource;

/**
 * Every @QuarkusTest of this module runs on the real broker with a fresh storage folder. Each
 * module declares its test resources here, in one class of this name, all of them global: test
 * classes carry none, so the application starts once per profile.
 */
@WithTestResource(
    value = KafkaTestResource.class,
    scope = TestResourceScope.GLOBAL,
    initArgs = @ResourceArg(name = "user", value = "repo-worker"))
@WithTestResource(value = StorageTestResource.class, scope = TestResourceScope.GLOBAL)
public final class TestResources {
  private TestResources() {}
}
