package io.docqa.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Every {@code @QuarkusTest} runs against its own fresh database and data directory. */
@QuarkusTestResource(PostgresTestDatabase.class)
public final class TestDatabaseBinding {
    private TestDatabaseBinding() {
    }
}
