package io.docqa.security.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The audit CSV export neutralises every spreadsheet formula prefix and quotes per RFC 4180. */
class AuditCsvTest {

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tdata", "\r=1+1",
            "\n=1", "  =1+1", " \t+cmd", "\uFF1D1+1"})
    void formula_prefixes_are_neutralised(String value) {
        assertEquals("\"'" + value.replace("\"", "\"\"") + "\"", AuditCsv.cell(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "{\"query\":\"a=b\"}", "1 - 2", "", "a\"b"})
    void other_values_are_only_quoted(String value) {
        assertEquals("\"" + value.replace("\"", "\"\"") + "\"", AuditCsv.cell(value));
    }
}
