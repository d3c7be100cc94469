package io.docqa.db;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Jdbi;

/**
 * The one {@link Jdbi} of the application, over the Agroal pool that Quarkus configures. Java {@code Long} and
 * {@code String} collections bind as PostgreSQL {@code bigint[]} and {@code text[]} (for {@code = ANY(:ids)}).
 */
@ApplicationScoped
public class JdbiProducer {

    @Produces
    @Singleton
    Jdbi jdbi(AgroalDataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource);
        jdbi.registerArrayType(Long.class, "bigint");
        jdbi.registerArrayType(String.class, "text");
        return jdbi;
    }
}
