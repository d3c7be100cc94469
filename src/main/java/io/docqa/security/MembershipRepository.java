package io.docqa.security;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Collection membership (EDITOR or READER per collection) in PostgreSQL. */
@ApplicationScoped
public class MembershipRepository {

    /** One member of a collection. */
    public record Member(long collectionId, String username, Role role) {
    }

    private final Jdbi jdbi;

    public MembershipRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The collections a user is a member of, with the role in each; read fresh on every call. */
    public Map<Long, Role> rolesOf(String username) {
        String sql = "SELECT m.collection_id, m.role FROM collection_members m JOIN users u ON u.id = m.user_id "
                + "WHERE u.username = ? AND u.enabled ORDER BY m.collection_id";
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, username).reduceRows(new LinkedHashMap<Long, Role>(),
                (out, row) -> {
                    out.put(row.getColumn(1, Long.class), Role.valueOf(row.getColumn(2, String.class)));
                    return out;
                }));
    }

    public List<Member> membersOf(long collectionId) {
        String sql = "SELECT u.username, m.role FROM collection_members m JOIN users u ON u.id = m.user_id "
                + "WHERE m.collection_id = ? ORDER BY u.username";
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, collectionId)
                .map((rs, ctx) -> new Member(collectionId, rs.getString(1), Role.valueOf(rs.getString(2)))).list());
    }

    /** Grants or changes a role; false when the user does not exist. */
    public boolean grant(long collectionId, String username, Role role, String grantedBy) {
        if (role == Role.ADMIN) {
            throw new IllegalArgumentException("Membership roles are EDITOR or READER");
        }
        String sql = "INSERT INTO collection_members(collection_id, user_id, role, granted_by) "
                + "SELECT ?, id, ?, ? FROM users WHERE username = ? "
                + "ON CONFLICT (collection_id, user_id) DO UPDATE SET role = EXCLUDED.role, "
                + "granted_by = EXCLUDED.granted_by, granted_at = now()";
        return jdbi.withHandle(h -> h.execute(sql, collectionId, role.name(), grantedBy, username)) > 0;
    }

    /** Removes a membership; false when there was none. */
    public boolean revoke(long collectionId, String username) {
        String sql = "DELETE FROM collection_members m USING users u WHERE m.user_id = u.id "
                + "AND m.collection_id = ? AND u.username = ?";
        return jdbi.withHandle(h -> h.execute(sql, collectionId, username)) > 0;
    }

    /**
     * Makes the user's memberships exactly {@code wanted} (used for identities whose groups come from an external
     * IdP); writes only when something changed, in one transaction.
     */
    public void replaceAll(String username, Map<Long, Role> wanted, String grantedBy) {
        if (rolesOf(username).equals(wanted)) {
            return;
        }
        jdbi.useTransaction(h -> {
            h.execute("DELETE FROM collection_members m USING users u WHERE m.user_id = u.id AND u.username = ?", username);
            PreparedBatch insert = h.prepareBatch("INSERT INTO collection_members(collection_id, user_id, role, granted_by) "
                    + "SELECT c.id, u.id, ?, ? FROM collections c, users u WHERE c.id = ? AND u.username = ?");
            wanted.forEach((collectionId, role) -> insert.add(role.name(), grantedBy, collectionId, username));
            if (insert.size() > 0) {
                insert.execute();
            }
        });
    }
}
