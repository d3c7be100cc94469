package io.docqa.ui.ask;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import io.docqa.answer.model.Citation;
import io.docqa.app.ask.OpenSource;
import io.docqa.ui.source.SourcePassage;

/**
 * Shows a cited passage in its surrounding text, with the cited words highlighted; for a PDF also the rendered
 * page(s) of the span with boxes over the cited words, above the text.
 */
final class SourceDialog extends Dialog {

    SourceDialog(Citation citation, OpenSource source) {
        setHeaderTitle("[" + citation.n() + "] " + citation.documentName()
                + (citation.page() == null ? "" : " · page " + citation.page()));
        setWidth("min(900px, 95vw)");
        if (citation.headingPath() != null) {
            Span section = new Span(citation.headingPath());
            section.addClassName("citation-source");
            add(section);
        }
        SourcePassage passage = new SourcePassage(source, citation.start(), citation.end(), citation.page(),
                citation.text());
        add(passage);
        addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                passage.scrollToPassage();
            }
        });
        Button close = new Button("Close", e -> close());
        getFooter().add(close);
    }
}
