package io.docqa.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.component.html.Anchor;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/** An address that is no page of the UI: said in the app's own layout, with a way back, and status 404. */
@ParentLayout(MainLayout.class)
@PermitAll
public class NotFoundView extends VerticalLayout implements HasErrorParameter<NotFoundException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        removeAll();
        setId("not-found");
        add(new H2("Page not found"),
                new Paragraph("There is no page at /" + event.getLocation().getPath()
                        + ". It may have moved, or the address may be mistyped."),
                askLink());
        return HttpServletResponse.SC_NOT_FOUND;
    }

    /** A router link to the Ask view by its path (the shared layout knows views only by their routes). */
    private static Anchor askLink() {
        Anchor link = new Anchor("", "Go to Ask");
        link.getElement().setAttribute("router-link", true);
        return link;
    }
}
