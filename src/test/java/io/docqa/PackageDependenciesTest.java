package io.docqa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependencies each feature package declares in its Javadoc ({@code package-info.java}, a line
 * "Depends on: corpus, embedding.") are the dependencies it has: a class that reaches a package its feature does
 * not declare fails this test, and so does a declaration nothing uses any more. The Javadoc a reader sees is thus
 * the rule the build enforces.
 */
class PackageDependenciesTest {

    private static final String BASE = "io.docqa";
    private static final Path SOURCES = Path.of("src/main/java/io/docqa");
    private static final Pattern DECLARATION = Pattern.compile("Depends on:\\s*([^.]*)\\.");

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);

    @Test
    void every_feature_package_declares_its_dependencies_in_its_javadoc() throws IOException {
        Map<String, Set<String>> declared = declared();
        assertEquals(actual().keySet(), declared.keySet(), "features with a 'Depends on:' line in package-info.java");
    }

    @Test
    void features_depend_only_on_what_their_javadoc_declares() throws IOException {
        Map<String, Set<String>> declared = declared();
        List<String> undeclared = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : actual().entrySet()) {
            Set<String> allowed = declared.getOrDefault(e.getKey(), Set.of());
            e.getValue().stream().filter(d -> !allowed.contains(d))
                    .forEach(d -> undeclared.add(e.getKey() + " -> " + d + " (e.g. " + example(e.getKey(), d) + ")"));
        }
        assertEquals(List.of(), undeclared, "dependencies the package Javadoc does not declare");
    }

    @Test
    void every_declared_dependency_is_used() throws IOException {
        Map<String, Set<String>> actual = actual();
        List<String> unused = new ArrayList<>();
        declared().forEach((feature, deps) -> deps.stream()
                .filter(d -> !actual.getOrDefault(feature, Set.of()).contains(d))
                .forEach(d -> unused.add(feature + " -> " + d)));
        assertEquals(List.of(), unused, "declared in package-info.java but not used");
    }

    private static Map<String, Set<String>> declared() throws IOException {
        Map<String, Set<String>> declared = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Path info = dir.resolve("package-info.java");
                if (!Files.exists(info)) {
                    continue;
                }
                Matcher m = DECLARATION.matcher(Files.readString(info).replaceAll("\\s*\\*\\s*", " "));
                if (m.find()) {
                    String list = m.group(1).strip();
                    declared.put(dir.getFileName().toString(), list.startsWith("nothing") ? Set.of()
                            : Arrays.stream(list.split(",")).map(String::strip).collect(Collectors.toCollection(TreeSet::new)));
                }
            }
        }
        return declared;
    }

    /** Feature → the other features its classes use (any sub-package counts as its feature). */
    private static Map<String, Set<String>> actual() {
        Map<String, Set<String>> actual = new TreeMap<>();
        for (JavaClass c : CLASSES) {
            String from = feature(c);
            if (from == null) {
                continue;
            }
            Set<String> deps = actual.computeIfAbsent(from, f -> new TreeSet<>());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = feature(d.getTargetClass());
                if (to != null && !to.equals(from)) {
                    deps.add(to);
                }
            }
        }
        return actual;
    }

    private static String example(String from, String to) {
        for (JavaClass c : CLASSES) {
            if (from.equals(feature(c))) {
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                    if (to.equals(feature(d.getTargetClass()))) {
                        return d.getDescription();
                    }
                }
            }
        }
        return "";
    }

    private static String feature(JavaClass c) {
        String pkg = c.getPackageName();
        if (!pkg.startsWith(BASE + ".")) {
            return null;
        }
        String rest = pkg.substring(BASE.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
