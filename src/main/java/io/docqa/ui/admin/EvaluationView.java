package io.docqa.ui.admin;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import io.docqa.app.evaluation.EvaluationRunService;
import io.docqa.evaluate.AnswerResult;
import io.docqa.evaluate.EvalRequest;
import io.docqa.evaluate.EvalRun;
import io.docqa.evaluate.RetrieverResult;
import io.docqa.ui.CurrentUser;
import io.docqa.ui.MainLayout;
import io.docqa.ui.Refusals;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Evaluation runs: start one on a dataset directory of the server, follow its progress, compare runs in a grid
 * and a selected run's retrievers in a table and a bar chart (plain Divs sized by CSS width: no frontend build).
 */
@Route(value = "admin/evaluation", layout = MainLayout.class)
@PageTitle("Evaluation · DocQA")
@RolesAllowed("ADMIN")
public class EvaluationView extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private static final int POLL_MILLIS = 2000;
    private static final String ALL_SPLITS = "all";

    private final EvaluationRunService evaluation;
    private final Grid<EvalRun> runs = new Grid<>(EvalRun.class, false);
    private final Grid<RetrieverResult> metrics = new Grid<>(RetrieverResult.class, false);
    private final Div chart = new Div();
    private final H3 detailTitle = new H3();
    private Registration pollRegistration;

    public EvaluationView(EvaluationRunService evaluation) {
        this.evaluation = evaluation;
        addClassName("evaluation-view");

        TextField dataset = new TextField("Dataset directory on the server");
        dataset.setPlaceholder("/data/eval/scifact (BEIR) or a golden-QA folder");
        dataset.setWidth("28em");
        dataset.setId("eval-dataset");
        CheckboxGroup<String> retrievers = new CheckboxGroup<>("Retrievers", "bm25", "vector", "hybrid");
        retrievers.select("bm25", "vector", "hybrid");
        IntegerField limit = new IntegerField("Queries (empty = all)");
        limit.setMin(1);
        limit.setId("eval-limit");
        Select<String> split = new Select<>();
        split.setLabel("Questions");
        split.setItems(ALL_SPLITS, "dev", "test");
        split.setValue(ALL_SPLITS);
        split.setId("eval-split");
        Checkbox answers = new Checkbox("Evaluate answers too (golden-QA)");
        answers.setId("eval-answers");
        Button start = new Button("Start evaluation", e -> start(new EvalRequest(dataset.getValue(),
                List.copyOf(retrievers.getSelectedItems()), null, limit.getValue(),
                ALL_SPLITS.equals(split.getValue()) ? null : split.getValue(), answers.getValue(), null)));
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start.setId("eval-start");
        HorizontalLayout form = new HorizontalLayout(dataset, retrievers, limit, split, answers, start);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);

        runs.addColumn(EvalRun::id).setHeader("Run").setAutoWidth(true).setFlexGrow(0);
        runs.addColumn(EvalRun::datasetName).setHeader("Dataset").setAutoWidth(true);
        runs.addColumn(r -> String.join(", ", r.retrievers())).setHeader("Retrievers").setAutoWidth(true);
        runs.addColumn(r -> r.status().pending() ? r.progress() : r.status().name())
                .setHeader("Status").setAutoWidth(true).setPartNameGenerator(r -> "status-" + r.status().name());
        runs.addColumn(r -> bestNdcg(r)).setHeader("Best nDCG@10").setAutoWidth(true);
        runs.addColumn(r -> TIME.format(r.startedAt())).setHeader("Started").setAutoWidth(true);
        runs.addColumn(r -> r.config() == null ? "" : r.config().path("embeddingModel").asText()).setHeader("Model");
        runs.setAllRowsVisible(true);
        runs.asSingleSelect().addValueChangeListener(e -> showRun(e.getValue()));

        metrics.addColumn(RetrieverResult::retriever).setHeader("Retriever").setAutoWidth(true);
        metrics.addColumn(r -> fmt(r.ndcg10())).setHeader("nDCG@10");
        metrics.addColumn(r -> fmt(r.recall5())).setHeader("Recall@5");
        metrics.addColumn(r -> fmt(r.recall10())).setHeader("Recall@10");
        metrics.addColumn(r -> fmt(r.recall100())).setHeader("Recall@100");
        metrics.addColumn(r -> fmt(r.mrr10())).setHeader("MRR@10");
        metrics.addColumn(r -> String.format(Locale.ROOT, "%.1f", r.p50Ms())).setHeader("p50 ms");
        metrics.addColumn(r -> String.format(Locale.ROOT, "%.1f", r.p95Ms())).setHeader("p95 ms");
        metrics.setAllRowsVisible(true);
        chart.addClassName("eval-chart");

        add(new H2("Retrieval evaluation"), form, runs, detailTitle, metrics, chart);
        showRun(null);
        refresh();
    }

    private void start(EvalRequest request) {
        EvalRun run = Refusals.get(() -> evaluation.start(CurrentUser.get(), request));
        if (run != null) {
            Notification.show("Evaluation run " + run.id() + " started.");
            refresh();
            runs.select(run);
        }
    }

    /** The recent runs, empty when the caller may no longer see them (the refusal is shown). */
    private List<EvalRun> recent() {
        List<EvalRun> recent = Refusals.get(() -> evaluation.recent(CurrentUser.get(), null));
        return recent == null ? List.of() : recent;
    }

    private void refresh() {
        EvalRun selected = runs.asSingleSelect().getValue();
        List<EvalRun> recent = recent();
        runs.setItems(recent);
        if (selected != null) {
            recent.stream().filter(r -> r.id() == selected.id()).findFirst().ifPresent(r -> {
                runs.select(r);
                showRun(r);
            });
        }
    }

    private void showRun(EvalRun run) {
        List<RetrieverResult> rows = run == null ? List.of() : evaluation.retrieverResults(run);
        metrics.setItems(rows);
        metrics.setVisible(!rows.isEmpty());
        detailTitle.setText(run == null ? "Select a run to see its metrics"
                : "Run " + run.id() + " · " + run.datasetName() + (run.error() == null ? "" : " · " + run.error()));
        chart.removeAll();
        if (!rows.isEmpty()) {
            chart.add(bars("nDCG@10", rows, RetrieverResult::ndcg10), bars("Recall@10", rows, RetrieverResult::recall10),
                    bars("Recall@100", rows, RetrieverResult::recall100), bars("MRR@10", rows, RetrieverResult::mrr10));
        }
        if (run != null) {
            evaluation.answerResults(run).ifPresent(a -> chart.add(answerBars(a)));
        }
    }

    /** One group of horizontal bars: a metric (0–1) for each retriever. */
    private static Div bars(String metric, List<RetrieverResult> rows, ToDoubleFunction<RetrieverResult> value) {
        Div group = new Div();
        group.addClassName("eval-bar-group");
        group.add(new Span(metric));
        for (RetrieverResult r : rows) {
            double v = Math.max(0, Math.min(1, value.applyAsDouble(r)));
            Div fill = new Div();
            fill.addClassNames("eval-bar-fill", "retriever-" + r.retriever());
            fill.setWidth(String.format(Locale.ROOT, "%.1f%%", v * 100));
            Div track = new Div(fill);
            track.addClassName("eval-bar-track");
            Div row = new Div(new Span(r.retriever()), track, new Span(fmt(v)));
            row.addClassName("eval-bar");
            group.add(row);
        }
        return group;
    }

    /** The answer scores of a run: the shares a user judges an answer by (higher is better for each bar). */
    private static Div answerBars(AnswerResult a) {
        Div group = new Div();
        group.addClassNames("eval-bar-group", "eval-answers");
        group.add(new Span("Answers (" + a.mode() + ", " + a.answerable() + " answerable, " + a.unanswerable()
                + " unanswerable, p50 " + Math.round(a.p50Ms()) + " ms)"));
        String[] names = {"citation hit", "quote hit", "abstention", "answered when answerable"};
        double[] values = {a.citationHit(), a.quoteHit(), a.abstention(), 1 - a.falseAbstention()};
        for (int i = 0; i < names.length; i++) {
            Div fill = new Div();
            fill.addClassNames("eval-bar-fill", "retriever-hybrid");
            fill.setWidth(String.format(Locale.ROOT, "%.1f%%", values[i] * 100));
            Div track = new Div(fill);
            track.addClassName("eval-bar-track");
            Div row = new Div(new Span(names[i]), track, new Span(fmt(values[i])));
            row.addClassName("eval-bar");
            group.add(row);
        }
        return group;
    }

    private String bestNdcg(EvalRun run) {
        return evaluation.retrieverResults(run).stream().max((a, b) -> Double.compare(a.ndcg10(), b.ndcg10()))
                .map(r -> fmt(r.ndcg10()) + " (" + r.retriever() + ")").orElse("");
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        ui.setPollInterval(POLL_MILLIS);
        pollRegistration = ui.addPollListener(e -> {
            if (recent().stream().anyMatch(r -> r.status().pending())
                    || runs.getListDataView().getItems().anyMatch(r -> r.status().pending())) {
                refresh();
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (pollRegistration != null) {
            pollRegistration.remove();
        }
        event.getUI().setPollInterval(-1);
    }
}
