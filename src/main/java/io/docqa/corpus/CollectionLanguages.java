package io.docqa.corpus;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The language of each collection (column {@code collections.language}). It is set once, at creation, and never
 * changes, so languages once read are kept in memory.
 */
@ApplicationScoped
public class CollectionLanguages {

    private final AgroalDataSource dataSource;
    private final Map<Long, CollectionLanguage> known = new ConcurrentHashMap<>();

    public CollectionLanguages(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Sets the language of a collection just created (before any document is indexed in it). */
    public void set(long collectionId, CollectionLanguage language) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE collections SET language = ? WHERE id = ?")) {
            ps.setString(1, language.code());
            ps.setLong(2, collectionId);
            if (ps.executeUpdate() == 0) {
                throw new NotFoundException("No collection with id " + collectionId + ".");
            }
            known.put(collectionId, language);
        } catch (SQLException e) {
            throw new DataAccessException("Could not set the language of collection " + collectionId, e);
        }
    }

    /** The collection's language; the default for a collection that does not exist (it has nothing to analyze). */
    public CollectionLanguage of(long collectionId) {
        CollectionLanguage cached = known.get(collectionId);
        return cached != null ? cached : of(List.of(collectionId)).get(collectionId);
    }

    /** The languages of these collections; every id is in the answer (the default for unknown ids). */
    public Map<Long, CollectionLanguage> of(Collection<Long> collectionIds) {
        Map<Long, CollectionLanguage> out = new HashMap<>();
        List<Long> missing = new ArrayList<>();
        for (long id : collectionIds) {
            CollectionLanguage l = known.get(id);
            if (l != null) {
                out.put(id, l);
            } else {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("SELECT id, language FROM collections WHERE id = ANY (?)")) {
                ps.setArray(1, c.createArrayOf("bigint", missing.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        CollectionLanguage l = CollectionLanguage.ofStored(rs.getString(2));
                        known.put(rs.getLong(1), l);
                        out.put(rs.getLong(1), l);
                    }
                }
            } catch (SQLException e) {
                throw new DataAccessException("Could not read collection languages", e);
            }
            missing.forEach(id -> out.putIfAbsent(id, CollectionLanguage.DEFAULT));
        }
        return out;
    }

    /** Every collection's language, by collection id. */
    public Map<Long, CollectionLanguage> all() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, language FROM collections")) {
            Map<Long, CollectionLanguage> out = new HashMap<>();
            while (rs.next()) {
                out.put(rs.getLong(1), CollectionLanguage.ofStored(rs.getString(2)));
            }
            return out;
        } catch (SQLException e) {
            throw new DataAccessException("Could not read collection languages", e);
        }
    }
}
