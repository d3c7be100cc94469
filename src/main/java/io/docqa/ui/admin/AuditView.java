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
import io.docqa.app.audit.AuditService.Search;
import io.docqa.app.audit.AuditService;
import io.docqa.security.Caller;
import io.docqa.security.audit.AuditEntry;
import io.docqa.ui.CurrentUser;
import io.docqa.ui.MainLayout;
import io.docqa.ui.Refusals;
import jakarta.annotation.security.RolesAllowed;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
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

    private final AuditService audit;
    private final Caller caller;
    private final TextField actor = new TextField("User");
    private final TextField action = new TextField("Action");
    private final Grid<AuditEntry> grid = new Grid<>(AuditEntry.class, false);

    public AuditView(AuditService audit) {
        this.audit = audit;
        this.caller = CurrentUser.get();
        addClassName("audit-view");
        action.setPlaceholder("ASK, UPLOAD, SIGN_IN_FAILED…");
        Button filter = new Button("Show", e -> refresh());
        Anchor export = new Anchor(DownloadHandler.fromInputStream(event -> {
            byte[] csv = audit.exportCsv(caller, search(AuditService.MAX_PAGE)).getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(csv), "docqa-audit.csv", "text/csv", csv.length);
        }), "Export CSV");
        export.setId("audit-export");
        HorizontalLayout top = new HorizontalLayout(actor, action, filter, export);
        top.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        grid.addColumn(e -> TIME.format(e.at())).setHeader("When").setAutoWidth(true);
        grid.addColumn(AuditEntry::actor).setHeader("User").setAutoWidth(true);
        grid.addColumn(AuditEntry::action).setHeader("Action").setAutoWidth(true);
        grid.addColumn(e -> e.channel() == null ? "" : "via " + e.channel().toUpperCase(java.util.Locale.ROOT))
                .setHeader("Channel").setAutoWidth(true);
        grid.addColumn(e -> e.collectionIds().toString()).setHeader("Collections").setAutoWidth(true);
        grid.addColumn(AuditEntry::target).setHeader("Target").setAutoWidth(true);
        grid.addColumn(AuditEntry::detail).setHeader("Detail").setFlexGrow(3);
        grid.setId("audit-grid");
        grid.setHeight("70vh");
        add(new H2("Audit trail"), top, grid);
        refresh();
    }

    private Search search(int limit) {
        return Search.newest(actor.getValue(), action.getValue(), limit);
    }

    private void refresh() {
        List<AuditEntry> entries = Refusals.get(() -> audit.search(caller, search(SHOWN)));
        grid.setItems(entries == null ? List.of() : entries);
    }
}
