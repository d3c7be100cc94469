package io.docqa.ui.reviews;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import io.docqa.app.collections.CollectionService;
import io.docqa.app.documents.DocumentService;
import io.docqa.app.reviews.ReviewService;
import io.docqa.app.reviews.ReviewSummary;
import io.docqa.security.Caller;
import io.docqa.security.Role;
import io.docqa.ui.CurrentUser;
import io.docqa.ui.MainLayout;
import io.docqa.ui.Polling;
import io.docqa.ui.Refusals;
import jakarta.annotation.security.PermitAll;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The reviews of the collections the user may read, with their progress ("n of m cells, about X left"), refreshed
 * while any is computing; editors and administrators also get "New review". A row opens the review's table.
 */
@Route(value = "reviews", layout = MainLayout.class)
@PageTitle("Reviews · DocQA")
@PermitAll
public class ReviewsView extends VerticalLayout {

    static final int POLL_MILLIS = 1500;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final ReviewService reviews;
    private final Caller caller;
    private final Grid<ReviewSummary> grid = new Grid<>(ReviewSummary.class, false);
    private List<ReviewSummary> shown = List.of();

    public ReviewsView(ReviewService reviews, CollectionService collections, DocumentService documents) {
        this.reviews = reviews;
        this.caller = CurrentUser.get();
        addClassName("reviews-view");
        HorizontalLayout top = new HorizontalLayout(new H2("Reviews"));
        top.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        top.setWidthFull();
        if (caller.role() != Role.READER) { // the service decides; readers are not offered what it would refuse
            Button create = new Button("New review", VaadinIcon.PLUS.create(), e -> new NewReviewDialog(reviews,
                    collections, documents, caller, made -> open(made.summary().id())).open());
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            create.setId("new-review");
            top.add(create);
        }
        grid.addColumn(ReviewSummary::name).setHeader("Review").setFlexGrow(3);
        grid.addColumn(ReviewSummary::collectionName).setHeader("Collection").setFlexGrow(2);
        grid.addColumn(r -> r.documents() + " × " + r.columns()).setHeader("Documents × columns").setAutoWidth(true);
        grid.addColumn(r -> r.progress().text()).setHeader("Progress").setFlexGrow(3);
        grid.addColumn(r -> r.progress().state()).setHeader("State").setAutoWidth(true);
        grid.addColumn(ReviewSummary::createdBy).setHeader("By").setAutoWidth(true);
        grid.addColumn(r -> r.createdAt() == null ? "" : TIME.format(r.createdAt())).setHeader("Created").setAutoWidth(true);
        grid.addItemClickListener(e -> open(e.getItem().id()));
        grid.setEmptyStateText("No reviews yet.");
        grid.setId("reviews-grid");
        add(top, grid);
        setSizeFull();
        expand(grid);
        refresh();
        Polling.whileAttached(this, POLL_MILLIS, () -> {
            if (shown.stream().anyMatch(r -> "running".equals(r.progress().state()))) {
                refresh();
            }
        });
    }

    private void refresh() {
        List<ReviewSummary> all = Refusals.get(() -> reviews.list(caller, null));
        if (all != null) {
            shown = all;
            grid.setItems(all);
        }
    }

    private void open(long id) {
        getUI().ifPresent(ui -> ui.navigate(ReviewView.class, new RouteParameters("reviewId", String.valueOf(id))));
    }
}
