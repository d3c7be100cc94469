package io.docqa.answer.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.docqa.answer.model.Answer;
import io.docqa.corpus.DataAccessException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Conversations and their turns in PostgreSQL; every query is filtered by the owner. */
@ApplicationScoped
public class ConversationRepository {

    private static final String COLUMNS = "id, owner, title, created_at, updated_at, collection_ids";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public ConversationRepository(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public Conversation create(String owner, String title) {
        String sql = "INSERT INTO conversations(owner, title) VALUES (?, ?) RETURNING " + COLUMNS;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, owner);
            ps.setString(2, title);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return map(rs);
            }
        } catch (SQLException e) {
            throw new DataAccessException("Could not create conversation", e);
        }
    }

    /** The owner's conversations, most recently used first. */
    public List<Conversation> list(String owner) {
        String sql = "SELECT " + COLUMNS + " FROM conversations WHERE owner = ? ORDER BY updated_at DESC, id DESC";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, owner);
            List<Conversation> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new DataAccessException("Could not list conversations", e);
        }
    }

    /** The conversation when it exists and belongs to {@code owner}. */
    public Optional<Conversation> find(String owner, long id) {
        String sql = "SELECT " + COLUMNS + " FROM conversations WHERE id = ? AND owner = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            ps.setString(2, owner);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("Could not read conversation", e);
        }
    }

    /** Deletes the owner's conversation with its turns; false when there was none. */
    public boolean delete(String owner, long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM conversations WHERE id = ? AND owner = ?")) {
            ps.setLong(1, id);
            ps.setString(2, owner);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new DataAccessException("Could not delete conversation", e);
        }
    }

    /** Appends a turn and marks the conversation as used; the first question becomes the title of an untitled one. */
    public Turn addTurn(long conversationId, String question, String standalone, Answer answer) {
        String insert = "INSERT INTO conversation_turns(conversation_id, question, standalone_question, answer) "
                + "VALUES (?, ?, ?, ?::jsonb) RETURNING id, created_at";
        String touch = "UPDATE conversations SET updated_at = now(), title = CASE WHEN title = ? THEN ? ELSE title END "
                + "WHERE id = ?";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(insert); PreparedStatement up = c.prepareStatement(touch)) {
                ps.setLong(1, conversationId);
                ps.setString(2, question);
                ps.setString(3, standalone);
                ps.setString(4, json.writeValueAsString(answer));
                Turn turn;
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    turn = new Turn(rs.getLong(1), conversationId, question, standalone, answer,
                            rs.getTimestamp(2).toInstant());
                }
                up.setString(1, Conversation.UNTITLED);
                up.setString(2, title(question));
                up.setLong(3, conversationId);
                up.executeUpdate();
                c.commit();
                return turn;
            } catch (SQLException | JsonProcessingException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new DataAccessException("Could not store the answer in the conversation", e);
        }
    }

    /** Remembers the collections the conversation asks over (the caller has checked the owner). */
    public void setCollections(long conversationId, List<Long> collectionIds) {
        String sql = "UPDATE conversations SET collection_ids = ? WHERE id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("bigint", collectionIds.stream().distinct().toArray()));
            ps.setLong(2, conversationId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("Could not store the conversation's collections", e);
        }
    }

    /** The turns of a conversation, oldest first (the caller has checked the owner). */
    public List<Turn> turns(long conversationId) {
        String sql = "SELECT id, question, standalone_question, answer::text, created_at FROM conversation_turns "
                + "WHERE conversation_id = ? ORDER BY id";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, conversationId);
            List<Turn> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Turn(rs.getLong(1), conversationId, rs.getString(2), rs.getString(3),
                            json.readValue(rs.getString(4), Answer.class), rs.getTimestamp(5).toInstant()));
                }
            }
            return out;
        } catch (SQLException | JsonProcessingException e) {
            throw new DataAccessException("Could not read the conversation's answers", e);
        }
    }

    static String title(String question) {
        String t = question.strip().replaceAll("\\s+", " ");
        return t.length() <= Conversation.TITLE_MAX ? t : t.substring(0, Conversation.TITLE_MAX - 1) + "…";
    }

    private static Conversation map(ResultSet rs) throws SQLException {
        Array ids = rs.getArray("collection_ids");
        List<Long> collectionIds = ids == null ? List.of() : Arrays.asList((Long[]) ids.getArray());
        return new Conversation(rs.getLong("id"), rs.getString("owner"), rs.getString("title"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), collectionIds);
    }
}
