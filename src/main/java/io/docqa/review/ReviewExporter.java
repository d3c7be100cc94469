package io.docqa.review;

import io.docqa.review.cell.CellQuote;
import io.docqa.review.cell.ReviewColumn;
import io.docqa.security.audit.AuditCsv;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes a review as XLSX or CSV while reading its rows a page at a time, so that memory does not grow with the
 * review: the XLSX is written with POI's streaming workbook (a window of {@link #WINDOW} rows in memory, the rest
 * flushed to a temporary file, strings inline) and the CSV straight to the response.
 * <p>
 * One row per document; per column the shown value (coloured by status), its source (page and verbatim quote, and the
 * computed value when a reviewer overrode it) and a link back to the cell in DocQA. Text cells of an XLSX are never
 * formulas; CSV fields that a spreadsheet would read as a formula are neutralised like the audit export's.
 */
@ApplicationScoped
public class ReviewExporter {

    /** Rows read from the database per query. */
    static final int PAGE = 500;
    /** Rows of the XLSX kept in memory before they are flushed to disk. */
    static final int WINDOW = 200;
    /** Longest text put into one spreadsheet cell (Excel's limit is 32,767). */
    static final int MAX_CELL_CHARS = 32_000;

    /** Reads rows of the review: (offset, limit) → that page, in the table's order. */
    public interface Rows extends BiFunction<Integer, Integer, List<ReviewRowData>> {
    }

    /** A review to export: its id (for the links), columns, where DocQA is, and how to read its rows. */
    public record Source(long reviewId, String reviewName, List<ReviewColumn> columns, String baseUrl, Rows rows) {
    }

    public void xlsx(Source source, OutputStream out) throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);
        workbook.setCompressTempFiles(true);
        try {
            Map<StatusColour, CellStyle> styles = styles(workbook);
            CellStyle header = workbook.createCellStyle();
            Font bold = workbook.createFont();
            bold.setBold(true);
            header.setFont(bold);
            SXSSFSheet sheet = workbook.createSheet(sheetName(source.reviewName()));
            Row head = sheet.createRow(0);
            List<String> titles = new ArrayList<>(List.of("Document", "Document id"));
            for (ReviewColumn c : source.columns()) {
                titles.addAll(List.of(c.name(), c.name() + " · source", c.name() + " · link"));
            }
            for (int i = 0; i < titles.size(); i++) {
                var cell = head.createCell(i);
                cell.setCellValue(titles.get(i));
                cell.setCellStyle(header);
            }
            sheet.createFreezePane(1, 1);
            int r = 1;
            for (int offset = 0;; offset += PAGE) {
                List<ReviewRowData> page = source.rows().apply(offset, PAGE);
                for (ReviewRowData data : page) {
                    Row row = sheet.createRow(r++);
                    row.createCell(0).setCellValue(data.documentName() + (data.documentDeleted() ? " (deleted)" : ""));
                    row.createCell(1).setCellValue(data.documentId());
                    int col = 2;
                    Map<String, Cell> byKey = byKey(data);
                    for (ReviewColumn c : source.columns()) {
                        Cell cell = byKey.get(c.key());
                        var value = row.createCell(col++);
                        var sourceCell = row.createCell(col++);
                        var link = row.createCell(col++);
                        if (cell == null) {
                            continue;
                        }
                        value.setCellValue(clip(cell.shownValue() == null ? label(cell) : cell.shownValue()));
                        value.setCellStyle(styles.get(StatusColour.of(cell)));
                        sourceCell.setCellValue(clip(sourceText(cell)));
                        link.setCellFormula("HYPERLINK(\"" + cellUrl(source, data.documentId(), c.key()).replace("\"", "")
                                + "\",\"open\")");
                    }
                }
                if (page.size() < PAGE) {
                    break;
                }
            }
            legend(workbook, styles, header);
            workbook.setForceFormulaRecalculation(true);
            workbook.write(out);
        } finally {
            workbook.dispose();
            workbook.close();
        }
    }

    public void csv(Source source, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        List<String> titles = new ArrayList<>(List.of("document_id", "document"));
        for (ReviewColumn c : source.columns()) {
            titles.addAll(List.of(c.name(), c.name() + " status", c.name() + " quote", c.name() + " page",
                    c.name() + " computed", c.name() + " link"));
        }
        w.write(titles.stream().map(AuditCsv::cell).collect(Collectors.joining(",")));
        w.write("\r\n");
        for (int offset = 0;; offset += PAGE) {
            List<ReviewRowData> page = source.rows().apply(offset, PAGE);
            for (ReviewRowData data : page) {
                List<String> fields = new ArrayList<>();
                fields.add(Long.toString(data.documentId()));
                fields.add(AuditCsv.cell(data.documentName()));
                Map<String, Cell> byKey = byKey(data);
                for (ReviewColumn c : source.columns()) {
                    Cell cell = byKey.get(c.key());
                    if (cell == null) {
                        fields.addAll(List.of("", "", "", "", "", ""));
                        continue;
                    }
                    fields.add(AuditCsv.cell(cell.shownValue()));
                    fields.add(AuditCsv.cell(cell.statusWord()));
                    fields.add(AuditCsv.cell(cell.quotes().stream().map(CellQuote::text)
                            .collect(Collectors.joining(" … "))));
                    fields.add(AuditCsv.cell(cell.quotes().stream().filter(q -> q.page() != null)
                            .map(q -> q.page().toString()).distinct().collect(Collectors.joining(" "))));
                    fields.add(AuditCsv.cell(cell.override().set() ? cell.value() : null));
                    fields.add(AuditCsv.cell(cellUrl(source, data.documentId(), c.key())));
                }
                w.write(String.join(",", fields));
                w.write("\r\n");
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        w.flush();
    }

    /** The address of a cell in DocQA's Reviews view. */
    public static String cellUrl(Source source, long documentId, String columnKey) {
        return source.baseUrl() + "/reviews/" + source.reviewId() + "?document=" + documentId + "&column="
                + URLEncoder.encode(columnKey, StandardCharsets.UTF_8);
    }

    private static Map<String, Cell> byKey(ReviewRowData row) {
        return row.cells().stream().collect(Collectors.toMap(Cell::columnKey, c -> c, (a, b) -> a));
    }

    private static String sourceText(Cell cell) {
        StringBuilder text = new StringBuilder();
        for (CellQuote q : cell.quotes()) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            if (q.page() != null) {
                text.append("p. ").append(q.page()).append(": ");
            }
            text.append('“').append(q.text()).append('”');
        }
        if (cell.quotes().isEmpty() && cell.message() != null) {
            text.append(cell.message());
        }
        if (cell.override().set()) {
            text.append(text.isEmpty() ? "" : "\n").append("Overridden by ").append(cell.override().by())
                    .append("; computed: ").append(cell.value() == null ? "—" : cell.value());
        }
        return text.toString();
    }

    private static String label(Cell cell) {
        return cell.statusWord().replace('_', ' ');
    }

    private static String clip(String text) {
        return text.length() <= MAX_CELL_CHARS ? text : text.substring(0, MAX_CELL_CHARS - 1) + "…";
    }

    private static String sheetName(String name) {
        String cleaned = name.replaceAll("[\\\\/?*\\[\\]:]", " ").strip();
        cleaned = cleaned.replaceAll("^'+|'+$", "");
        return cleaned.isEmpty() ? "Review" : cleaned.substring(0, Math.min(31, cleaned.length()));
    }

    /** The colour of a cell's status in the XLSX. */
    enum StatusColour {
        SUPPORTED(IndexedColors.LIGHT_GREEN, "supported: the value is quoted from the document"),
        NOT_FOUND(IndexedColors.GREY_25_PERCENT, "not found: the document does not say"),
        DOUBTFUL(IndexedColors.LIGHT_ORANGE, "unsupported or conflicting: check the source"),
        ERROR(IndexedColors.CORAL, "error, cancelled or document deleted: not computed"),
        PENDING(IndexedColors.LIGHT_YELLOW, "queued or running: not computed yet");

        final IndexedColors colour;
        final String meaning;

        StatusColour(IndexedColors colour, String meaning) {
            this.colour = colour;
            this.meaning = meaning;
        }

        static StatusColour of(Cell cell) {
            return switch (cell.statusWord()) {
                case "supported" -> SUPPORTED;
                case "not_found" -> NOT_FOUND;
                case "unsupported", "conflicting" -> DOUBTFUL;
                case "queued", "running" -> PENDING;
                default -> ERROR;
            };
        }
    }

    private static Map<StatusColour, CellStyle> styles(SXSSFWorkbook workbook) {
        Map<StatusColour, CellStyle> styles = new EnumMap<>(StatusColour.class);
        for (StatusColour s : StatusColour.values()) {
            CellStyle style = workbook.createCellStyle();
            style.setFillForegroundColor(s.colour.getIndex());
            style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            style.setWrapText(true);
            styles.put(s, style);
        }
        return styles;
    }

    private static void legend(SXSSFWorkbook workbook, Map<StatusColour, CellStyle> styles, CellStyle header) {
        Sheet legend = workbook.createSheet("Legend");
        Row head = legend.createRow(0);
        head.createCell(0).setCellValue("Colour");
        head.getCell(0).setCellStyle(header);
        int r = 1;
        for (StatusColour s : StatusColour.values()) {
            Row row = legend.createRow(r++);
            row.createCell(0).setCellStyle(styles.get(s));
            row.getCell(0).setCellValue(s.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
            row.createCell(1).setCellValue(s.meaning);
        }
    }
}
