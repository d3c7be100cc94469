package io.docqa.security;

import io.agroal.api.AgroalDataSource;
import io.docqa.corpus.DataAccessException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collection membership (EDITOR or READER per collection) in PostgreSQL. */
@ApplicationScoped
public class MembershipRepository {

    /** One member of a collection. */
    public record Member(long collectionId, String username, Role role) {
    }

    private final AgroalDataSource dataSource;

    public MembershipRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The collections a user is a member of, with the role in each; read fresh on every call. */
    public Map<Long, Role> rolesOf(String username) {
        String sql = "SELECT m.collection_id, m.role FROM collection_members m JOIN users u ON u.id = m.user_id "
                + "WHERE u.username = ? AND u.enabled ORDER BY m.collection_id";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, username);
            Map<Long, Role> out = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), Role.valueOf(rs.getString(2)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new DataAccessException("Could not read memberships", e);
        }
    }

    public List<Member> membersOf(long collectionId) {
        String sql = "SELECT u.username, m.role FROM collection_members m JOIN users u ON u.id = m.user_id "
                + "WHERE m.collection_id = ? ORDER BY u.username";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, collectionId);
            List<Member> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Member(collectionId, rs.getString(1), Role.valueOf(rs.getString(2))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new DataAccessException("Could not read members", e);
        }
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
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, collectionId);
            ps.setString(2, role.name());
            ps.setString(3, grantedBy);
            ps.setString(4, username);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new DataAccessException("Could not grant membership", e);
        }
    }

    /** Removes a membership; false when there was none. */
    public boolean revoke(long collectionId, String username) {
        String sql = "DELETE FROM collection_members m USING users u WHERE m.user_id = u.id "
                + "AND m.collection_id = ? AND u.username = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, collectionId);
            ps.setString(2, username);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new DataAccessException("Could not revoke membership", e);
        }
    }

    /**
     * Makes the user's memberships exactly {@code wanted} (used for identities whose groups come from an external
     * IdP); writes only when something changed, in one transaction.
     */
    public void replaceAll(String username, Map<Long, Role> wanted, String grantedBy) {
        if (rolesOf(username).equals(wanted)) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement(
                    "DELETE FROM collection_members m USING users u WHERE m.user_id = u.id AND u.username = ?");
                    PreparedStatement ins = c.prepareStatement("INSERT INTO collection_members(collection_id, user_id, role, granted_by) "
                            + "SELECT c.id, u.id, ?, ? FROM collections c, users u WHERE c.id = ? AND u.username = ?")) {
                del.setString(1, username);
                del.executeUpdate();
                for (Map.Entry<Long, Role> e : wanted.entrySet()) {
                    ins.setString(1, e.getValue().name());
                    ins.setString(2, grantedBy);
                    ins.setLong(3, e.getKey());
                    ins.setString(4, username);
                    ins.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DataAccessException("Could not replace memberships", e);
        }
    }
}
