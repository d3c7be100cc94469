package io.docqa.review;

import static io.docqa.review.cell.AnswerType.CLAUSE;
import static io.docqa.review.cell.AnswerType.DATE;
import static io.docqa.review.cell.AnswerType.DURATION;
import static io.docqa.review.cell.AnswerType.MONEY;
import static io.docqa.review.cell.AnswerType.PARTY_LIST;
import static io.docqa.review.cell.AnswerType.TEXT;
import static io.docqa.review.cell.AnswerType.YES_NO;

import io.docqa.review.cell.AnswerType;
import io.docqa.review.cell.ReviewColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The templates DocQA ships: sets of columns for common reviews, identified by a word id. */
public final class ReviewTemplates {

    /** A built-in template. */
    public record BuiltIn(String id, String name, String description, List<ReviewColumn> columns) {
    }

    public static final BuiltIn COMMERCIAL_CONTRACT = new BuiltIn("commercial-contract", "Commercial contract",
            "The clauses a lawyer checks in every commercial agreement of a data room.", columns(
                    col("Parties", "Who are the parties to this agreement?", PARTY_LIST, null),
                    col("Effective date", "What is the effective date of the agreement?", DATE, null),
                    col("Term", "What is the initial term of the agreement?", DURATION, null),
                    col("Renewal", "Does the agreement renew automatically, and on what terms?", CLAUSE, null),
                    col("Termination for convenience", "May a party terminate the agreement for convenience?", YES_NO,
                            "Yes only if a party may end the agreement without cause, e.g. on notice."),
                    col("Change of control", "What happens on a change of control of a party?", CLAUSE, null),
                    col("Assignment", "May a party assign the agreement, and with whose consent?", CLAUSE, null),
                    col("Exclusivity", "Does the agreement grant exclusivity?", YES_NO, null),
                    col("Non-compete", "Is there a non-compete or non-solicitation obligation?", YES_NO, null),
                    col("Liability cap", "What is the cap on liability?", MONEY,
                            "The amount with its currency; a multiple of fees as written."),
                    col("Governing law", "Which law governs the agreement?", TEXT, null),
                    col("Audit rights", "Does a party have the right to audit the other?", YES_NO, null),
                    col("Confidentiality", "What are the confidentiality obligations?", CLAUSE, null),
                    col("Indemnification", "Who indemnifies whom, and for what?", CLAUSE, null),
                    col("Payment terms", "What are the payment terms?", TEXT, "E.g. net 30 days from invoice."),
                    col("Warranty", "What warranties are given?", CLAUSE, null),
                    col("IP ownership", "Who owns the intellectual property created under the agreement?", CLAUSE,
                            null),
                    col("Notice period", "What notice period applies to termination?", DURATION, null),
                    col("Force majeure", "Is there a force majeure clause?", YES_NO, null),
                    col("Data protection", "What are the data protection obligations?", CLAUSE, null)));

    public static final BuiltIn POLICY_HANDBOOK = new BuiltIn("policy-handbook", "Policy / handbook",
            "What a reader needs to know about each policy or handbook.", columns(
                    col("Owner", "Who owns or approved this policy?", PARTY_LIST, null),
                    col("Effective date", "When does this policy take effect?", DATE, null),
                    col("Review cycle", "How often is this policy reviewed?", DURATION, null),
                    col("Scope", "Whom and what does this policy apply to?", TEXT, null),
                    col("Purpose", "What is the purpose of this policy?", TEXT, null),
                    col("Obligations", "What must the people it applies to do?", CLAUSE, null),
                    col("Prohibited conduct", "What does this policy prohibit?", CLAUSE, null),
                    col("Exceptions", "Are exceptions allowed, and who approves them?", CLAUSE, null),
                    col("Reporting", "How are breaches or concerns reported?", CLAUSE, null),
                    col("Consequences", "What are the consequences of a breach?", CLAUSE, null),
                    col("Contact", "Whom should questions about this policy go to?", TEXT, null)));

    public static final List<BuiltIn> ALL = List.of(COMMERCIAL_CONTRACT, POLICY_HANDBOOK);

    private ReviewTemplates() {
    }

    public static Optional<BuiltIn> find(String id) {
        return ALL.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    private record Spec(String name, String question, AnswerType type, String instructions) {
    }

    private static Spec col(String name, String question, AnswerType type, String instructions) {
        return new Spec(name, question, type, instructions);
    }

    private static List<ReviewColumn> columns(Spec... specs) {
        List<ReviewColumn> out = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Spec s : specs) {
            String key = ColumnKeys.of(s.name(), keys);
            keys.add(key);
            out.add(new ReviewColumn(key, s.name(), s.question(), s.type(), s.instructions()));
        }
        return List.copyOf(out);
    }
}
