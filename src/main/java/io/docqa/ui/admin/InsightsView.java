package io.docqa.ui.admin;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Svg;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.shared.Registration;
import io.docqa.answer.feedback.Feedback;
import io.docqa.answer.feedback.Insights;
import io.docqa.app.collections.CollectionDetails;
import io.docqa.app.collections.CollectionService;
import io.docqa.app.evaluation.EvaluationRunService;
import io.docqa.app.feedback.DatasetExport;
import io.docqa.app.feedback.FeedbackCsv;
import io.docqa.app.feedback.FeedbackPage;
import io.docqa.app.feedback.FeedbackQuery;
import io.docqa.app.feedback.FeedbackService;
import io.docqa.corpus.DocumentCollection;
import io.docqa.evaluate.EvalRequest;
import io.docqa.evaluate.EvalRun;
import io.docqa.evaluate.RetrieverResult;
import io.docqa.security.Caller;
import io.docqa.ui.CurrentUser;
import io.docqa.ui.MainLayout;
import io.docqa.ui.Refusals;
import jakarta.annotation.security.RolesAllowed;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Administrators' insights into how answering goes: for a collection (or all) and a period of days (UTC), questions
 * per day with how many were answered "not found", the abstention rate, the share of answer sentences their sources
 * did not support, the negative-feedback rate, latency percentiles, the questions most often answered "not found",
 * and the ratings (answers rated down first). Charts are SVG drawn on the server ({@link SvgCharts}). Chosen ratings
 * become a golden-QA dataset, and an evaluation run on it starts here and shows its result. Insights and ratings
 * export as CSV.
 */
@Route(value = "admin/insights", layout = MainLayout.class)
@PageTitle("Insights · DocQA")
@RolesAllowed("ADMIN")
public class InsightsView extends VerticalLayout {

    private static final int POLL_MILLIS = 2000;
    private static final int SHOWN_RATINGS = 200;
    private static final List<String> RETRIEVERS = List.of("bm25", "vector", "hybrid");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final FeedbackService feedback;
    private final EvaluationRunService evaluation;
    private final Caller caller;
    private final Select<DocumentCollection> collection = new Select<>();
    private final DatePicker from = new DatePicker("From (UTC)");
    private final DatePicker to = new DatePicker("To (UTC, inclusive)");
    private final Select<String> rating = new Select<>();
    private final Div tiles = new Div();
    private final Div charts = new Div();
    private final Grid<Insights.Frequent> notFound = new Grid<>();
    private final Grid<Feedback.Rated> ratings = new Grid<>();
    private final Span ratingsTotal = new Span();
    private final TextField datasetName = new TextField("Dataset name");
    private final Button createDataset = new Button("Make a dataset of the selected ratings");
    private final Span datasetStatus = new Span();
    private final Button runEvaluation = new Button("Run the evaluation on it");
    private final Span runStatus = new Span();
    private final Grid<RetrieverResult> runResults = new Grid<>();
    private DatasetExport dataset;
    private Long runId;
    private Registration pollRegistration;

    public InsightsView(FeedbackService feedback, EvaluationRunService evaluation, CollectionService collections) {
        Clock clock = Clock.systemUTC();
        this.feedback = feedback;
        this.evaluation = evaluation;
        this.caller = CurrentUser.get();
        addClassName("insights-view");
        setId("insights-view");

        List<DocumentCollection> known = Optional.ofNullable(Refusals.get(() -> collections.readable(caller)))
                .orElse(List.of()).stream().map(CollectionDetails::collection).toList();
        collection.setLabel("Collection");
        collection.setItems(known);
        collection.setItemLabelGenerator(c -> c == null ? "All collections" : c.name());
        collection.setEmptySelectionAllowed(true);
        collection.setEmptySelectionCaption("All collections");
        collection.setId("insights-collection");
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        to.setValue(today);
        from.setValue(today.minusDays(FeedbackService.DEFAULT_INSIGHT_DAYS - 1L));
        from.setId("insights-from");
        to.setId("insights-to");
        rating.setLabel("Ratings");
        rating.setItems("down", "up", "all");
        rating.setItemLabelGenerator(r -> switch (r) {
            case "down" -> "Rated down";
            case "up" -> "Rated up";
            default -> "All ratings";
        });
        rating.setValue("down");
        rating.setId("insights-rating");
        Button show = new Button("Show", e -> refresh());
        show.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        show.setId("insights-show");
        Anchor insightsCsv = download("Export insights (CSV)", "docqa-insights.csv",
                () -> FeedbackCsv.insights(feedback.insights(caller, collectionId(), fromText(), toText())));
        insightsCsv.setId("insights-export");
        Anchor feedbackCsv = download("Export ratings (CSV)", "docqa-feedback.csv",
                () -> FeedbackCsv.feedback(feedback.list(caller, ratingQuery(FeedbackService.MAX_PAGE)).rows()));
        feedbackCsv.setId("feedback-export");
        HorizontalLayout filters = new HorizontalLayout(collection, from, to, show, insightsCsv, feedbackCsv);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);

        tiles.addClassName("insights-tiles");
        tiles.setId("insights-tiles");
        charts.addClassName("insights-charts");
        charts.setId("insights-charts");

        notFound.addColumn(Insights.Frequent::question).setHeader("Question").setFlexGrow(4);
        notFound.addColumn(Insights.Frequent::times).setHeader("Times").setAutoWidth(true).setFlexGrow(0);
        notFound.setAllRowsVisible(true);
        notFound.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_COMPACT);
        notFound.setEmptyStateText("No question was answered \"not found\" in this period.");
        notFound.setId("insights-not-found");

        ratings.setSelectionMode(Grid.SelectionMode.MULTI);
        ratings.addColumn(r -> TIME.format(r.feedback().updatedAt())).setHeader("Rated").setAutoWidth(true)
                .setFlexGrow(0);
        ratings.addColumn(r -> r.feedback().rating().id()).setHeader("Rating").setAutoWidth(true).setFlexGrow(0);
        ratings.addColumn(r -> r.answer().question()).setHeader("Question").setFlexGrow(3);
        ratings.addColumn(r -> shorten(r.answer().answer(), 160)).setHeader("Answer").setFlexGrow(3);
        ratings.addColumn(r -> r.feedback().reason() == null ? "" : r.feedback().reason().id().replace('_', ' '))
                .setHeader("Reason").setAutoWidth(true);
        ratings.addColumn(r -> Optional.ofNullable(r.feedback().comment()).orElse("")).setHeader("Comment")
                .setFlexGrow(2);
        ratings.addColumn(r -> r.feedback().correctChunkIds().isEmpty() ? "" : r.feedback().correctChunkIds().size()
                + " marked").setHeader("Right passages").setAutoWidth(true);
        ratings.addColumn(r -> r.feedback().author()).setHeader("User").setAutoWidth(true);
        ratings.setAllRowsVisible(true);
        ratings.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_COMPACT);
        ratings.setEmptyStateText("No ratings in this period.");
        ratings.setId("insights-ratings");
        ratings.addSelectionListener(e -> createDataset.setEnabled(!e.getAllSelectedItems().isEmpty()));
        HorizontalLayout ratingsBar = new HorizontalLayout(rating, ratingsTotal);
        ratingsBar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        rating.addValueChangeListener(e -> showRatings());

        datasetName.setValue("feedback-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC)
                .format(clock.instant()));
        datasetName.setId("dataset-name");
        createDataset.setId("dataset-create");
        createDataset.setEnabled(false);
        createDataset.addClickListener(e -> createDataset());
        datasetStatus.setId("dataset-status");
        runEvaluation.setId("evaluation-start");
        runEvaluation.setEnabled(false);
        runEvaluation.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        runEvaluation.addClickListener(e -> startRun());
        runStatus.setId("evaluation-status");
        runResults.addColumn(RetrieverResult::retriever).setHeader("Retriever").setAutoWidth(true);
        runResults.addColumn(RetrieverResult::queries).setHeader("Cases").setAutoWidth(true);
        runResults.addColumn(r -> fixed(r.recall10(), 3)).setHeader("Recall@10");
        runResults.addColumn(r -> fixed(r.mrr10(), 3)).setHeader("MRR@10");
        runResults.addColumn(r -> fixed(r.ndcg10(), 3)).setHeader("nDCG@10");
        runResults.setAllRowsVisible(true);
        runResults.setVisible(false);
        runResults.setId("evaluation-results");
        HorizontalLayout datasetBar = new HorizontalLayout(datasetName, createDataset, runEvaluation);
        datasetBar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        datasetBar.setWrap(true);

        add(new H2("Insights"), filters, tiles, charts, new H3("Questions most often answered \"not found\""),
                notFound, new H3("Ratings"), ratingsBar, ratings,
                new Paragraph("Select ratings, make them a golden-QA dataset, and run the retrieval evaluation on it:"
                        + " the questions users rated become the cases a retrieval change is judged on."),
                datasetBar, datasetStatus, runStatus, runResults);
        refresh();
    }

    private Long collectionId() {
        return collection.getValue() == null ? null : collection.getValue().id();
    }

    private String fromText() {
        return from.getValue() == null ? null : from.getValue().toString();
    }

    /** The end of the period: the day after the last day shown. */
    private String toText() {
        return to.getValue() == null ? null : to.getValue().plusDays(1).toString();
    }

    private FeedbackQuery ratingQuery(int limit) {
        String r = rating.getValue();
        return new FeedbackQuery(collectionId(), r == null || "all".equals(r) ? null : r, fromText(), toText(), 0,
                limit);
    }

    private void refresh() {
        Insights insights = Refusals.get(() -> feedback.insights(caller, collectionId(), fromText(), toText()));
        tiles.removeAll();
        charts.removeAll();
        if (insights != null) {
            tiles.add(tile("Questions", Long.toString(insights.questions()), "tile-questions"),
                    tile("Answered \"not found\"", percent(insights.abstentionRate()), "tile-abstention"),
                    tile("Unsupported sentences", percent(insights.unsupportedSentenceShare()) + " of "
                            + insights.sentencesChecked(), "tile-unsupported"),
                    tile("Rated down", percent(insights.negativeFeedbackRate()) + " of " + insights.ratedAnswers()
                            + " rated", "tile-negative"),
                    tile("Latency p50 / p95 / p99", millis(insights.latencyP50Ms()) + " / "
                            + millis(insights.latencyP95Ms()) + " / " + millis(insights.latencyP99Ms()),
                            "tile-latency"));
            charts.add(chart("Questions per day", SvgCharts.days(from.getValue(), to.getValue(),
                    insights.questionsPerDay().stream().collect(Collectors.toMap(Insights.Day::day,
                            d -> new SvgCharts.DayValue(d.questions(), d.abstained()))),
                    "questions", "not found"), "chart-days"));
            charts.add(chart("Rates", SvgCharts.bars("Rates", List.of(
                    new SvgCharts.Bar("answered \"not found\"", insights.abstentionRate(),
                            percent(insights.abstentionRate())),
                    new SvgCharts.Bar("unsupported sentences", insights.unsupportedSentenceShare(),
                            percent(insights.unsupportedSentenceShare())),
                    new SvgCharts.Bar("rated down", insights.negativeFeedbackRate(),
                            percent(insights.negativeFeedbackRate()))), 1), "chart-rates"));
            charts.add(chart("Latency", SvgCharts.bars("Latency percentiles", List.of(
                    new SvgCharts.Bar("p50", insights.latencyP50Ms(), millis(insights.latencyP50Ms())),
                    new SvgCharts.Bar("p95", insights.latencyP95Ms(), millis(insights.latencyP95Ms())),
                    new SvgCharts.Bar("p99", insights.latencyP99Ms(), millis(insights.latencyP99Ms()))),
                    Math.max(1, insights.latencyP99Ms())), "chart-latency"));
            notFound.setItems(insights.notFound());
        } else {
            notFound.setItems(List.of());
        }
        showRatings();
    }

    private void showRatings() {
        FeedbackPage page = Refusals.get(() -> feedback.list(caller, ratingQuery(SHOWN_RATINGS)));
        ratings.setItems(page == null ? List.of() : page.rows());
        ratingsTotal.setText(page == null ? "" : page.total() > page.rows().size()
                ? page.rows().size() + " of " + page.total() + " shown (narrow the period to see the others)"
                : page.total() + (page.total() == 1 ? " rating" : " ratings"));
        createDataset.setEnabled(false);
    }

    private void createDataset() {
        List<Long> ids = ratings.getSelectedItems().stream().map(r -> r.feedback().id()).sorted().toList();
        DatasetExport made = Refusals.get(() -> feedback.exportDataset(caller, datasetName.getValue(), ids));
        if (made == null) {
            return;
        }
        dataset = made;
        datasetStatus.setText("Dataset " + made.name() + ": " + made.cases() + (made.cases() == 1 ? " case" : " cases")
                + " over " + made.documents() + (made.documents() == 1 ? " document" : " documents")
                + (made.skipped().isEmpty() ? "" : "; left out: " + made.skipped().stream()
                        .map(s -> "rating " + s.feedbackId() + " (" + s.reason() + ")").collect(Collectors.joining(", ")))
                + ".");
        runEvaluation.setEnabled(true);
        runStatus.setText("");
        runResults.setVisible(false);
    }

    private void startRun() {
        if (dataset == null) {
            return;
        }
        EvalRun run = Refusals.get(() -> evaluation.start(caller, new EvalRequest(dataset.dataset(), RETRIEVERS, null,
                null)));
        if (run != null) {
            runId = run.id();
            runEvaluation.setEnabled(false);
            showRun(run);
        }
    }

    private void showRun(EvalRun run) {
        runStatus.setText("Evaluation run " + run.id() + " on " + run.datasetName() + ": "
                + (run.status() == EvalRun.Status.QUEUED ? "queued"
                        : run.status() == EvalRun.Status.RUNNING ? "running" + (run.progress() == null ? ""
                                : " (" + run.progress() + ")")
                        : run.status() == EvalRun.Status.DONE ? "done" : "failed: " + run.error())
                + ". All runs: Evaluation page.");
        runStatus.getElement().setAttribute("data-status", run.status().name());
        List<RetrieverResult> rows = evaluation.retrieverResults(run);
        runResults.setItems(rows);
        runResults.setVisible(!rows.isEmpty());
        if (!run.status().pending()) {
            runId = null;
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        ui.setPollInterval(POLL_MILLIS);
        pollRegistration = ui.addPollListener(e -> {
            if (runId != null) {
                EvalRun run = Refusals.get(() -> evaluation.get(caller, runId));
                if (run != null) {
                    showRun(run);
                }
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

    private static Div tile(String label, String value, String className) {
        Span v = new Span(value);
        v.addClassName("insights-tile-value");
        Span l = new Span(label);
        l.addClassName("insights-tile-label");
        Div tile = new Div(v, l);
        tile.addClassNames("insights-tile", className);
        return tile;
    }

    private static Div chart(String title, String svg, String className) {
        Span t = new Span(title);
        t.addClassName("insights-chart-title");
        Div chart = new Div(t, new Svg(svg));
        chart.addClassNames("insights-chart", className);
        return chart;
    }

    private static Anchor download(String text, String filename, java.util.function.Supplier<String> csv) {
        Anchor a = new Anchor(DownloadHandler.fromInputStream(event -> {
            byte[] bytes = Optional.ofNullable(Refusals.get(csv)).orElse("").getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(bytes), filename, "text/csv", bytes.length);
        }), text);
        a.getElement().setAttribute("download", true);
        return a;
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    private static String millis(double ms) {
        return ms >= 10_000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000) : Math.round(ms) + " ms";
    }

    private static String fixed(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    private static String shorten(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
