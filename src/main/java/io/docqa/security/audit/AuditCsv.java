package io.docqa.security.audit;

import java.util.List;
import java.util.stream.Collectors;

/** Audit entries as RFC 4180 CSV; the detail column holds the JSON object. */
public final class AuditCsv {

    private AuditCsv() {
    }

    public static String format(List<AuditEntry> entries) {
        StringBuilder out = new StringBuilder("id,at,actor,action,collection_ids,target,detail\r\n");
        for (AuditEntry e : entries) {
            out.append(e.id()).append(',').append(e.at()).append(',').append(cell(e.actor())).append(',')
                    .append(cell(e.action())).append(',')
                    .append(cell(e.collectionIds().stream().map(String::valueOf).collect(Collectors.joining(" "))))
                    .append(',').append(cell(e.target())).append(',').append(cell(e.detail())).append("\r\n");
        }
        return out.toString();
    }

    /** One CSV field: quoted, with a leading formula character neutralised (also for other CSV exports). */
    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        // a leading = + - @ (also after spaces), tab or carriage return would run as a formula when the file is
        // opened in a spreadsheet: neutralise it
        String v = startsFormula(value) ? "'" + value : value;
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    /** True when a spreadsheet could read the value as a formula (OWASP CSV injection prefixes). */
    static boolean startsFormula(String value) {
        String trimmed = value.stripLeading();
        return !value.isEmpty() && ("\t\r\n".indexOf(value.charAt(0)) >= 0
                || !trimmed.isEmpty() && "=+-@\uFF1D\uFF0B\uFF0D\uFF20".indexOf(trimmed.charAt(0)) >= 0);
    }
}
