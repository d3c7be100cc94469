package io.docqa.answer;

import java.util.List;

/**
 * An answer with its numbered citations. {@code mode} is "extractive" or "llm"; {@code grounded} is false when
 * the documents did not contain an answer or a citation could not be trusted; {@code notice} tells the user
 * about anything unusual (e.g. the language model was unreachable).
 */
public record Answer(String answer, String mode, boolean grounded, List<Citation> citations, String notice) {

    public static final String EXTRACTIVE = "extractive";
    public static final String LLM = "llm";

    /** What DocQA says when the documents do not answer the question. */
    public static final String NOT_FOUND = "The selected documents do not contain an answer to this question.";

    public static Answer notFound(String mode, String notice) {
        return new Answer(NOT_FOUND, mode, false, List.of(), notice);
    }
}
