package io.docqa.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A small kustomize renderer for exactly the subset {@code k8s/} uses, so the manifests can be rendered in a plain
 * unit test (Debian ships no kustomize of the v5 generation). Supported: {@code resources} (files and kustomization
 * directories), {@code namespace}, {@code images}, {@code configMapGenerator} (literals, files, behavior merge,
 * options, name hash as kustomize computes it), {@code secretGenerator} (literals, type; without name hash),
 * {@code generatorOptions} and {@code patches} with a {@code path} to strategic-merge patches matched by kind and
 * name. Anything else in a kustomization fails loudly. {@link KubernetesManifestsTest} compares the output with
 * {@code kubectl kustomize} wherever kubectl is installed.
 */
final class Kustomize {

    static final YAMLMapper YAML = new YAMLMapper();
    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "namespace", "resources", "images",
            "configMapGenerator", "secretGenerator", "generatorOptions", "patches");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass");

    /** A resource and what kustomize remembers about it while building. */
    private static final class Res {
        final ObjectNode obj;
        final String originalName;
        boolean hashName;

        Res(ObjectNode obj, boolean hashName) {
            this.obj = obj;
            this.originalName = obj.path("metadata").path("name").asText();
            this.hashName = hashName;
        }
    }

    private Kustomize() {
    }

    /** Renders the kustomization in {@code dir} like {@code kubectl kustomize dir}, in no particular order. */
    static List<ObjectNode> build(Path dir) {
        List<Res> resources = accumulate(dir);
        Map<String, String> renamed = new HashMap<>();
        for (Res r : resources) {
            if (r.hashName) {
                String name = r.originalName + "-" + configMapHash(r.obj);
                ((ObjectNode) r.obj.get("metadata")).put("name", name);
                renamed.put(r.obj.path("kind").asText() + "/" + r.originalName, name);
            }
        }
        List<ObjectNode> out = new ArrayList<>();
        for (Res r : resources) {
            podSpecs(r.obj).forEach(spec -> rewriteReferences(spec, renamed));
            out.add(r.obj);
        }
        return out;
    }

    /** Parses every YAML document of a file (empty documents skipped). */
    static List<ObjectNode> readDocuments(Path file) {
        try (JsonParser parser = YAML.getFactory().createParser(file.toFile())) {
            List<ObjectNode> docs = new ArrayList<>();
            Iterator<JsonNode> it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc instanceof ObjectNode o && !o.isEmpty()) {
                    docs.add(o);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    private static List<Res> accumulate(Path dir) {
        ObjectNode k = readDocuments(dir.resolve("kustomization.yaml")).get(0);
        k.fieldNames().forEachRemaining(f -> {
            if (!SUPPORTED.contains(f)) {
                throw new IllegalArgumentException(dir + ": kustomization field '" + f + "' is not supported here");
            }
        });
        List<Res> resources = new ArrayList<>();
        for (JsonNode entry : k.path("resources")) {
            Path p = dir.resolve(entry.asText()).normalize();
            if (Files.isDirectory(p)) {
                resources.addAll(accumulate(p));
            } else {
                readDocuments(p).forEach(o -> resources.add(new Res(o, false)));
            }
        }
        JsonNode options = k.path("generatorOptions");
        for (JsonNode g : k.path("configMapGenerator")) {
            generate(dir, g, options, "ConfigMap", resources);
        }
        for (JsonNode g : k.path("secretGenerator")) {
            generate(dir, g, options, "Secret", resources);
        }
        for (JsonNode patch : k.path("patches")) {
            if (!patch.has("path") || patch.size() != 1) {
                throw new IllegalArgumentException(dir + ": only patches with a path alone are supported: " + patch);
            }
            for (ObjectNode p : readDocuments(dir.resolve(patch.get("path").asText()))) {
                Res target = find(resources, p.path("kind").asText(), p.path("metadata").path("name").asText());
                strategicMerge(target.obj, p, isBuiltIn(target.obj));
            }
        }
        if (k.has("namespace")) {
            String ns = k.get("namespace").asText();
            for (Res r : resources) {
                if (!CLUSTER_SCOPED.contains(r.obj.path("kind").asText())) {
                    ((ObjectNode) r.obj.get("metadata")).put("namespace", ns);
                }
            }
        }
        for (JsonNode image : k.path("images")) {
            for (Res r : resources) {
                for (ObjectNode spec : podSpecs(r.obj)) {
                    for (String list : List.of("initContainers", "containers")) {
                        for (JsonNode c : spec.path(list)) {
                            setImage((ObjectNode) c, image);
                        }
                    }
                }
            }
        }
        return resources;
    }

    private static void generate(Path dir, JsonNode g, JsonNode globalOptions, String kind, List<Res> resources) {
        String name = g.path("name").asText();
        String behavior = g.path("behavior").asText("create");
        Map<String, String> data = new TreeMap<>();
        for (JsonNode literal : g.path("literals")) {
            String s = literal.asText();
            int eq = s.indexOf('=');
            data.put(s.substring(0, eq), s.substring(eq + 1));
        }
        for (JsonNode file : g.path("files")) {
            try {
                Path p = dir.resolve(file.asText()).normalize();
                if (!p.startsWith(dir)) {
                    throw new IllegalArgumentException(p + " is outside " + dir + " (kustomize refuses it)");
                }
                data.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        JsonNode options = g.path("options");
        if ("merge".equals(behavior)) {
            Res base = find(resources, kind, name);
            if (options.path("disableNameSuffixHash").asBoolean(false)
                    || globalOptions.path("disableNameSuffixHash").asBoolean(false)) {
                base.hashName = false; // as kustomize does: the overlay's generator options win
            }
            ObjectNode d = (ObjectNode) base.obj.get("data");
            data.forEach((key, v) -> d.put(key, "Secret".equals(kind) ? b64(v) : v));
            return;
        }
        if (!"create".equals(behavior)) {
            throw new IllegalArgumentException("generator behavior " + behavior + " is not supported here");
        }
        boolean hash = !(options.path("disableNameSuffixHash").asBoolean(false)
                || globalOptions.path("disableNameSuffixHash").asBoolean(false));
        if (hash && "Secret".equals(kind)) {
            throw new IllegalArgumentException("hashed Secret names are not supported here: " + name);
        }
        ObjectNode obj = JsonNodeFactory.instance.objectNode();
        obj.put("apiVersion", "v1");
        obj.put("kind", kind);
        ObjectNode metadata = obj.putObject("metadata");
        metadata.put("name", name);
        ObjectNode labels = JsonNodeFactory.instance.objectNode();
        globalOptions.path("labels").properties().forEach(e -> labels.set(e.getKey(), e.getValue()));
        options.path("labels").properties().forEach(e -> labels.set(e.getKey(), e.getValue()));
        if (!labels.isEmpty()) {
            metadata.set("labels", labels);
        }
        if ("Secret".equals(kind)) {
            obj.put("type", g.path("type").asText("Opaque"));
        }
        ObjectNode d = obj.putObject("data");
        data.forEach((key, v) -> d.put(key, "Secret".equals(kind) ? b64(v) : v));
        resources.add(new Res(obj, hash));
    }

    private static String b64(String v) {
        return Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8));
    }

    private static Res find(List<Res> resources, String kind, String name) {
        return resources.stream().filter(r -> r.obj.path("kind").asText().equals(kind) && r.originalName.equals(name))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no " + kind + " named " + name));
    }

    /** Built-in kinds merge named list items (containers, env, volumes) by name; custom resources replace lists. */
    private static boolean isBuiltIn(ObjectNode obj) {
        String apiVersion = obj.path("apiVersion").asText();
        return !apiVersion.contains("/") || apiVersion.startsWith("apps/") || apiVersion.startsWith("batch/")
                || apiVersion.startsWith("policy/") || apiVersion.startsWith("autoscaling/")
                || apiVersion.contains(".k8s.io/");
    }

    static void strategicMerge(ObjectNode target, ObjectNode patch, boolean mergeNamedLists) {
        patch.properties().forEach(e -> {
            String key = e.getKey();
            JsonNode value = e.getValue();
            JsonNode current = target.get(key);
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject() && current instanceof ObjectNode currentObject) {
                strategicMerge(currentObject, (ObjectNode) value, mergeNamedLists);
            } else if (mergeNamedLists && value.isArray() && current instanceof ArrayNode currentArray
                    && named(currentArray) && named(value)) {
                for (JsonNode item : value) {
                    JsonNode match = null;
                    for (JsonNode c : currentArray) {
                        if (c.get("name").asText().equals(item.get("name").asText())) {
                            match = c;
                        }
                    }
                    if (match == null) {
                        currentArray.add(item.deepCopy());
                    } else {
                        strategicMerge((ObjectNode) match, (ObjectNode) item, true);
                    }
                }
            } else {
                target.set(key, value.deepCopy());
            }
        });
    }

    private static boolean named(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isObject() || !item.has("name")) {
                return false;
            }
        }
        return !array.isEmpty();
    }

    private static void setImage(ObjectNode container, JsonNode image) {
        String current = container.path("image").asText();
        int at = current.indexOf('@');
        int colon = current.lastIndexOf(':');
        String name = at >= 0 ? current.substring(0, at)
                : colon > current.lastIndexOf('/') ? current.substring(0, colon) : current;
        if (!name.equals(image.path("name").asText())) {
            return;
        }
        String newName = image.path("newName").asText(name);
        String tag = image.has("digest") ? "@" + image.get("digest").asText()
                : image.has("newTag") ? ":" + image.get("newTag").asText()
                : current.substring(name.length());
        container.put("image", newName + tag);
    }

    /** The pod specs of workload kinds (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob). */
    static List<ObjectNode> podSpecs(ObjectNode obj) {
        JsonNode spec = switch (obj.path("kind").asText()) {
            case "Pod" -> obj.path("spec");
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" ->
                obj.path("spec").path("template").path("spec");
            case "CronJob" -> obj.path("spec").path("jobTemplate").path("spec").path("template").path("spec");
            default -> null;
        };
        return spec instanceof ObjectNode o ? List.of(o) : List.of();
    }

    private static void rewriteReferences(ObjectNode spec, Map<String, String> renamed) {
        for (String list : List.of("initContainers", "containers")) {
            for (JsonNode c : spec.path(list)) {
                for (JsonNode from : c.path("envFrom")) {
                    rename(from.path("configMapRef"), "name", "ConfigMap", renamed);
                    rename(from.path("secretRef"), "name", "Secret", renamed);
                }
                for (JsonNode env : c.path("env")) {
                    rename(env.path("valueFrom").path("configMapKeyRef"), "name", "ConfigMap", renamed);
                    rename(env.path("valueFrom").path("secretKeyRef"), "name", "Secret", renamed);
                }
            }
        }
        for (JsonNode v : spec.path("volumes")) {
            rename(v.path("configMap"), "name", "ConfigMap", renamed);
            rename(v.path("secret"), "secretName", "Secret", renamed);
        }
    }

    private static void rename(JsonNode ref, String field, String kind, Map<String, String> renamed) {
        if (ref instanceof ObjectNode o && o.has(field)) {
            String to = renamed.get(kind + "/" + o.get(field).asText());
            if (to != null) {
                o.put(field, to);
            }
        }
    }

    /**
     * kustomize's name suffix of a generated ConfigMap: SHA-256 of the Go JSON encoding of {data, kind, name}
     * (keys sorted; the name is empty at that point in kustomize), first 10 hex digits with 0, 1, 3, a, e
     * replaced by g, h, k, m, t.
     */
    static String configMapHash(ObjectNode configMap) {
        StringBuilder json = new StringBuilder("{\"data\":{");
        Map<String, String> data = new TreeMap<>();
        configMap.path("data").properties().forEach(e -> data.put(e.getKey(), e.getValue().asText()));
        boolean first = true;
        for (Map.Entry<String, String> e : data.entrySet()) {
            json.append(first ? "" : ",").append(goJsonString(e.getKey())).append(':')
                    .append(goJsonString(e.getValue()));
            first = false;
        }
        json.append("},\"kind\":\"ConfigMap\",\"name\":\"\"}"); // kustomize hashes with an empty name
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.toString()
                    .getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                hex.append(String.format("%02x", digest[i]));
            }
            return hex.toString().replace('0', 'g').replace('1', 'h').replace('3', 'k').replace('a', 'm')
                    .replace('e', 't');
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A string as Go's encoding/json writes it (HTML-safe escaping of &lt;, &gt;, &amp;). */
    private static String goJsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
