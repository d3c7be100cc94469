package io.docqa.db;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.jdbi.v3.core.JdbiException;

/** Small helpers the repositories share around Jdbi. */
public final class Sql {

    private Sql() {
    }

    /** Whether the statement failed on a unique constraint (SQLSTATE 23505), e.g. a name already taken. */
    public static boolean isUniqueViolation(JdbiException e) {
        return e.getCause() instanceof SQLException s && "23505".equals(s.getSQLState());
    }

    /** A nullable timestamp column as an instant. */
    public static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
