package io.docqa.review.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.evaluate.RealCorpora;
import io.docqa.review.cell.LabelledCells.Label;
import java.io.IOException;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The labelled review cells are consistent: known columns and documents, evidence present in the real text. */
class ReviewCellDatasetTest {

    @Test
    void every_label_names_a_known_column_and_its_evidence_is_in_the_document() throws IOException {
        Map<String, ReviewColumn> columns = LabelledCells.columns();
        List<Label> labels = LabelledCells.labels("licenses");
        for (Label l : labels) {
            assertNotNull(columns.get(l.column()), l.column());
            String text = LabelledCells.squash(Files.readString(RealCorpora.documents("licenses").resolve(l.document())));
            if (l.status() == CellStatus.SUPPORTED) {
                assertNotNull(l.evidence(), l.toString());
                assertTrue(text.contains(LabelledCells.squash(l.evidence())), "evidence not in the text: " + l);
            } else {
                assertEquals(null, l.evidence(), l.toString());
            }
        }
        Set<AnswerType> covered = labels.stream().map(l -> columns.get(l.column()).type())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(AnswerType.class)));
        assertEquals(EnumSet.complementOf(EnumSet.of(AnswerType.MONEY)), covered,
                "every answer type but money (no public licence states an amount) is labelled");
        assertTrue(labels.stream().anyMatch(l -> l.status() == CellStatus.NOT_FOUND), "unanswerable cells are labelled");
    }
}
