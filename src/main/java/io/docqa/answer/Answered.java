package io.docqa.answer;

import io.docqa.answer.model.Answer;
import io.docqa.retrieve.core.Retrieval;

/** An answer with the retrieval it was answered from: what the ask service audits as retrieved. */
public record Answered(Answer answer, Retrieval retrieval) {
}
