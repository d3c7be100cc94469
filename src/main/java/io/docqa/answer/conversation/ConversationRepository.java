package io.docqa.answer.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docqa.answer.model.Answer;
import io.docqa.corpus.DataAccessException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Conversations and their turns in PostgreSQL; every query is filtered by the owner's account id (never the name:
 * a deleted user's conversations go with the account, a new account of the same name has none).
 */
@ApplicationScoped
public class ConversationRepository {

    private static final String COLUMNS = "c.id, c.owner_id, (SELECT username FROM users u WHERE u.id = c.owner_id) "
            + "AS owner, c.title, c.created_at, c.updated_at, c.collection_ids";

    private final Jdbi jdbi;
    private final ObjectMapper json;

    public ConversationRepository(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    public Conversation create(long ownerId, String title) {
        String sql = "INSERT INTO conversations AS c (owner_id, title) VALUES (?, ?) RETURNING " + COLUMNS;
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, ownerId).bind(1, title)
                .map((rs, ctx) -> map(rs)).one());
    }

    /** The owner's conversations, most recently used first. */
    public List<Conversation> list(long ownerId, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM conversations c WHERE c.owner_id = ? "
                + "ORDER BY c.updated_at DESC, c.id DESC LIMIT ?";
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, ownerId).bind(1, limit).map((rs, ctx) -> map(rs)).list());
    }

    /** The conversation when it exists and belongs to the account {@code ownerId}. */
    public Optional<Conversation> find(long ownerId, long id) {
        String sql = "SELECT " + COLUMNS + " FROM conversations c WHERE c.id = ? AND c.owner_id = ?";
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, id).bind(1, ownerId).map((rs, ctx) -> map(rs)).findOne());
    }

    /** Deletes the owner's conversation with its turns; false when there was none. */
    public boolean delete(long ownerId, long id) {
        return jdbi.withHandle(h -> h.execute("DELETE FROM conversations WHERE id = ? AND owner_id = ?", id, ownerId)) > 0;
    }

    /** Appends a turn and marks the conversation as used; the first question becomes the title of an untitled one. */
    public Turn addTurn(long conversationId, String question, String standalone, Answer answer) {
        String insert = "INSERT INTO conversation_turns(conversation_id, question, standalone_question, answer) "
                + "VALUES (?, ?, ?, ?::jsonb) RETURNING id, created_at";
        String touch = "UPDATE conversations SET updated_at = now(), title = CASE WHEN title = ? THEN ? ELSE title END "
                + "WHERE id = ?";
        String answerJson;
        try {
            answerJson = json.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new DataAccessException("Could not store the answer in the conversation", e);
        }
        return jdbi.inTransaction(h -> {
            Turn turn = h.createQuery(insert).bind(0, conversationId).bind(1, question).bind(2, standalone)
                    .bind(3, answerJson).map((rs, ctx) -> new Turn(rs.getLong(1), conversationId, question, standalone,
                            answer, rs.getTimestamp(2).toInstant())).one();
            h.createUpdate(touch).bind(0, Conversation.UNTITLED).bind(1, title(question)).bind(2, conversationId).execute();
            return turn;
        });
    }

    /** Remembers the collections the conversation asks over (the caller has checked the owner). */
    public void setCollections(long conversationId, List<Long> collectionIds) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE conversations SET collection_ids = ? WHERE id = ?")
                .bind(0, collectionIds.stream().distinct().toArray(Long[]::new)).bind(1, conversationId).execute());
    }

    /** The turns of a conversation, oldest first (the caller has checked the owner). */
    public List<Turn> turns(long conversationId) {
        String sql = "SELECT t.id, t.question, t.standalone_question, t.answer::text, t.created_at,"
                + " (SELECT min(a.id) FROM answer_records a WHERE a.turn_id = t.id) FROM conversation_turns t"
                + " WHERE t.conversation_id = ? ORDER BY t.id";
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, conversationId)
                .map((rs, ctx) -> new Turn(rs.getLong(1), conversationId, rs.getString(2), rs.getString(3),
                        answer(rs.getString(4)), rs.getTimestamp(5).toInstant(), rs.getObject(6, Long.class)))
                .list());
    }

    private Answer answer(String stored) {
        try {
            return json.readValue(stored, Answer.class);
        } catch (JsonProcessingException e) {
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
        return new Conversation(rs.getLong("id"), rs.getLong("owner_id"), rs.getString("owner"), rs.getString("title"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), collectionIds);
    }
}
