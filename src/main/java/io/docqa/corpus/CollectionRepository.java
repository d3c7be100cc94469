package io.docqa.corpus;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collections in PostgreSQL. */
@ApplicationScoped
public class CollectionRepository {

    private final AgroalDataSource dataSource;

    public CollectionRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates a collection; throws {@link DuplicateNameException} when the name is taken. */
    public DocumentCollection create(String name, String createdBy) {
        return create(name, createdBy, CollectionLanguage.DEFAULT);
    }

    /** Creates a collection whose documents are in this language; throws {@link DuplicateNameException} when the name is taken. */
    public DocumentCollection create(String name, String createdBy, CollectionLanguage language) {
        String sql = "INSERT INTO collections(name, created_by, language) VALUES (?, ?, ?) RETURNING id, name, created_at";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            ps.setString(2, createdBy);
            ps.setString(3, language.code());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return map(rs);
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new DuplicateNameException("A collection named \"" + name + "\" already exists.");
            }
            throw new DataAccessException("Could not create collection", e);
        }
    }

    public List<DocumentCollection> findAll() {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, name, created_at FROM collections ORDER BY name, id")) {
            List<DocumentCollection> out = new ArrayList<>();
            while (rs.next()) {
                out.add(map(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new DataAccessException("Could not list collections", e);
        }
    }

    public Optional<DocumentCollection> findById(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, name, created_at FROM collections WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("Could not read collection " + id, e);
        }
    }

    public Optional<DocumentCollection> findByName(String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, name, created_at FROM collections WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("Could not read collection " + name, e);
        }
    }

    public DocumentCollection require(long id) {
        return findById(id).orElseThrow(() -> new NotFoundException("No collection with id " + id + "."));
    }

    private static DocumentCollection map(ResultSet rs) throws SQLException {
        return new DocumentCollection(rs.getLong("id"), rs.getString("name"), rs.getTimestamp("created_at").toInstant());
    }
}
