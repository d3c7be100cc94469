package io.docqa.ui.admin;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import io.docqa.security.audit.AuditCsv;
import io.docqa.security.audit.AuditEntry;
import io.docqa.security.audit.AuditLog;
import io.docqa.ui.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Administrators: the newest audit entries, filtered by user or action, and a CSV export. */
@Route(value = "admin/audit", layout = MainLayout.class)
@PageTitle("Audit · DocQA")
@RolesAllowed("ADMIN")
public class AuditView extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final int SHOWN = 500;

    private final AuditLog audit;
    private final TextField actor = new TextField("User");
    private final TextField action = new TextField("Action");
    private final Grid<AuditEntry> grid = new Grid<>(AuditEntry.class, false);

    public AuditView(AuditLog audit) {
        this.audit = audit;
        addClassName("audit-view");
        action.setPlaceholder("ASK, UPLOAD, SIGN_IN_FAILED…");
        Button filter = new Button("Show", e -> refresh());
        Anchor export = new Anchor(DownloadHandler.fromInputStream(event -> {
            byte[] csv = AuditCsv.format(entries(AuditLog.MAX_PAGE)).getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(csv), "docqa-audit.csv", "text/csv", csv.length);
        }), "Export CSV");
        export.setId("audit-export");
        HorizontalLayout top = new HorizontalLayout(actor, action, filter, export);
        top.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        grid.addColumn(e -> TIME.format(e.at())).setHeader("When").setAutoWidth(true);
        grid.addColumn(AuditEntry::actor).setHeader("User").setAutoWidth(true);
        grid.addColumn(AuditEntry::action).setHeader("Action").setAutoWidth(true);
        grid.addColumn(e -> e.collectionIds().toString()).setHeader("Collections").setAutoWidth(true);
        grid.addColumn(AuditEntry::target).setHeader("Target").setAutoWidth(true);
        grid.addColumn(AuditEntry::detail).setHeader("Detail").setFlexGrow(3);
        grid.setId("audit-grid");
        grid.setHeight("70vh");
        add(new H2("Audit trail"), top, grid);
        refresh();
    }

    private List<AuditEntry> entries(int limit) {
        return audit.find(Instant.EPOCH, Instant.now().plusSeconds(1), blank(actor.getValue()), blank(action.getValue()), limit);
    }

    private void refresh() {
        grid.setItems(entries(SHOWN));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
