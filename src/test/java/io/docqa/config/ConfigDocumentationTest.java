package io.docqa.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.config.ConfigMappings.Key;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's settings table and the {@code @ConfigMapping} interfaces cannot drift apart: every documented name is
 * a mapping key with its environment variable and its {@code @WithDefault}, and every key is documented. Defaults
 * live only in the mappings, not in application.properties; each prefix follows the mapping's package.
 */
class ConfigDocumentationTest {

    /** A row of the table: {@code | `docqa.x.y` (`DOCQA_X_Y`) | default | meaning |}. */
    private static final Pattern ROW =
            Pattern.compile("^\\| `(docqa\\.[a-z0-9.-]+)` \\(`([A-Z0-9_]+)`\\) \\| ([^|]*) \\|");

    /** A row of a settings table in docs/: {@code | `docqa.x.y` [(`DOCQA_X_Y`)] | default | ...}. */
    private static final Pattern DOCS_ROW =
            Pattern.compile("^\\| `(docqa\\.[a-z0-9.-]+)`(?: \\(`[A-Z0-9_]+`\\))? \\| ([^|]*) \\|");

    @Test
    void the_readme_documents_every_setting_with_its_environment_variable_and_default() throws IOException {
        Map<String, Key> keys = new TreeMap<>();
        ConfigMappings.keys().forEach(k -> keys.put(k.name(), k));
        Map<String, String> documented = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("README.md"))) {
            Matcher row = ROW.matcher(line);
            if (!row.find()) {
                continue;
            }
            String name = row.group(1);
            String defaultCell = row.group(3).strip();
            documented.put(name, defaultCell);
            Key key = keys.get(name);
            if (key == null) {
                problems.add(name + " is documented but no @ConfigMapping defines it");
                continue;
            }
            if (!row.group(2).equals(key.environmentVariable())) {
                problems.add(name + ": environment variable is " + key.environmentVariable() + ", not " + row.group(2));
            }
            String expected = key.defaultValue().map(d -> "`" + d + "`").orElse(null);
            if (expected != null && !expected.equals(defaultCell)) {
                problems.add(name + ": default is " + expected + " (@WithDefault), the README says " + defaultCell);
            }
            if (expected == null && defaultCell.startsWith("`")) {
                problems.add(name + ": has no @WithDefault, the README gives it " + defaultCell);
            }
        }
        for (Key key : keys.values()) {
            if (!documented.containsKey(key.name())) {
                problems.add(key.name() + " (" + key.mapping().getSimpleName() + ", default "
                        + key.defaultValue().orElse("none") + ") is missing from the README's settings table");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void the_settings_tables_of_the_docs_name_real_settings_with_their_defaults() throws IOException {
        Map<String, Key> keys = new TreeMap<>();
        ConfigMappings.keys().forEach(k -> keys.put(k.name(), k));
        List<String> problems = new ArrayList<>();
        try (var docs = Files.list(Path.of("docs"))) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                for (String line : Files.readAllLines(doc)) {
                    Matcher row = DOCS_ROW.matcher(line);
                    if (!row.find()) {
                        continue;
                    }
                    Key key = keys.get(row.group(1));
                    String cell = row.group(2).strip();
                    if (key == null) {
                        problems.add(doc + ": " + row.group(1) + " is no setting");
                    } else if (cell.matches("`[^`]*`")
                            && !key.defaultValue().map(d -> "`" + d + "`").orElse("").equals(cell)) {
                        problems.add(doc + ": " + key.name() + " defaults to " + key.defaultValue().orElse("nothing")
                                + ", not " + cell);
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void defaults_live_only_in_the_mappings() throws IOException {
        List<String> docqaDefaults = Files.readAllLines(Path.of("src/main/resources/application.properties")).stream()
                .filter(line -> line.startsWith("docqa.")).toList();
        assertEquals(List.of(), docqaDefaults,
                "application.properties keeps Quarkus settings and profile overrides only");
    }

    @Test
    void each_prefix_follows_the_package_of_its_mapping() {
        TreeSet<String> prefixes = new TreeSet<>();
        for (Class<?> mapping : ConfigMappings.mappings()) {
            String prefix = mapping.getAnnotation(io.smallrye.config.ConfigMapping.class).prefix();
            // a feature's own settings may live in its shared-types sub-package (core, model, config), which its
            // other sub-packages read without a package cycle
            String expected = mapping.getPackageName().replaceFirst("^io\\.docqa", "docqa")
                    .replaceFirst("\\.(core|model|config)$", "");
            // docqa.admin: the command-line client reads DOCQA_ADMIN_USERNAME/PASSWORD itself (AdminConfig)
            if (!prefix.equals("docqa.admin")) {
                assertEquals(expected, prefix, mapping.getName() + ": the prefix does not follow the package");
            }
            assertTrue(prefixes.add(prefix), "two mappings share " + prefix);
        }
        assertEquals(23, prefixes.size());
        assertFalse(prefixes.contains("docqa"));
    }
}
