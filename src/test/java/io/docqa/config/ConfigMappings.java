package io.docqa.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** The application's {@code @ConfigMapping} interfaces and every key they define, read by reflection. */
final class ConfigMappings {

    /** One setting: full property name and its {@code @WithDefault}, if any. */
    record Key(String name, Optional<String> defaultValue, Class<?> mapping) {
        /** The environment variable of the name, as SmallRye Config matches it. */
        String environmentVariable() {
            return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        }
    }

    private ConfigMappings() {
    }

    /** Every interface under src/main/java annotated with {@code @ConfigMapping}. */
    static List<Class<?>> mappings() {
        Path sources = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.toString().endsWith(".java")).filter(ConfigMappings::declaresMapping)
                    .map(f -> className(sources, f)).<Class<?>>map(ConfigMappings::load)
                    .sorted(Comparator.comparing(Class::getName)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every key of every mapping, sorted by name. */
    static List<Key> keys() {
        List<Key> keys = new ArrayList<>();
        for (Class<?> mapping : mappings()) {
            collect(mapping, mapping.getAnnotation(ConfigMapping.class).prefix(), mapping, keys);
        }
        keys.sort(Comparator.comparing(Key::name));
        return keys;
    }

    private static void collect(Class<?> type, String prefix, Class<?> mapping, List<Key> keys) {
        for (Method m : type.getMethods()) {
            if (m.isDefault() || Modifier.isStatic(m.getModifiers()) || m.getParameterCount() > 0) {
                continue;
            }
            WithName withName = m.getAnnotation(WithName.class);
            String name = prefix + "." + (withName != null ? withName.value() : kebab(m.getName()));
            Class<?> returned = m.getReturnType();
            if (returned.isInterface() && returned.getName().startsWith("io.docqa.")) {
                collect(returned, name, mapping, keys);
            } else {
                WithDefault withDefault = m.getAnnotation(WithDefault.class);
                keys.add(new Key(name, Optional.ofNullable(withDefault).map(WithDefault::value), mapping));
            }
        }
    }

    /** SmallRye's default naming: {@code maxAnswerTokens} → {@code max-answer-tokens}. */
    static String kebab(String method) {
        return method.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static boolean declaresMapping(Path file) {
        try {
            return Files.readString(file).contains("@ConfigMapping(");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String className(Path root, Path file) {
        String relative = root.relativize(file).toString();
        return relative.substring(0, relative.length() - ".java".length()).replace('/', '.');
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
