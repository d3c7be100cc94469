package io.docqa.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Validates rendered Kubernetes objects offline. Built-in kinds are read into the fabric8 Kubernetes model (wrong
 * types fail) and any field the model does not know is reported (fabric8 keeps unknown fields aside instead of
 * failing, so the object graph is searched for them). Custom resources are checked against the openAPIV3Schema of
 * their vendored CRD (src/test/resources/k8s-crds), with unknown fields refused wherever the schema does not
 * allow them ({@code x-kubernetes-preserve-unknown-fields}), as the API server's strict field validation does.
 * Not checked offline: CEL rules ({@code x-kubernetes-validations}) and admission webhooks of the operators.
 */
final class ManifestValidator {

    private static final Map<String, Class<?>> BUILT_IN = Map.ofEntries(
            Map.entry("v1/Namespace", io.fabric8.kubernetes.api.model.Namespace.class),
            Map.entry("v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
            Map.entry("v1/Secret", io.fabric8.kubernetes.api.model.Secret.class),
            Map.entry("v1/Service", io.fabric8.kubernetes.api.model.Service.class),
            Map.entry("v1/ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class),
            Map.entry("v1/PersistentVolumeClaim", io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
            Map.entry("apps/v1/StatefulSet", io.fabric8.kubernetes.api.model.apps.StatefulSet.class),
            Map.entry("batch/v1/Job", io.fabric8.kubernetes.api.model.batch.v1.Job.class),
            Map.entry("batch/v1/CronJob", io.fabric8.kubernetes.api.model.batch.v1.CronJob.class),
            Map.entry("policy/v1/PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler",
                    io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/Ingress", io.fabric8.kubernetes.api.model.networking.v1.Ingress.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy",
                    io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class));

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    private final Map<String, Schema> crdSchemas = new HashMap<>();

    /** Reads every CRD in {@code crdDir}: one schema per served group/version/kind. */
    ManifestValidator(Path crdDir) {
        SchemaRegistry factory = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
        try (Stream<Path> files = Files.list(crdDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                for (ObjectNode crd : Kustomize.readDocuments(f)) {
                    JsonNode spec = crd.path("spec");
                    for (JsonNode version : spec.path("versions")) {
                        ObjectNode schema = (ObjectNode) version.path("schema").path("openAPIV3Schema").deepCopy();
                        strict(schema);
                        crdSchemas.put(spec.path("group").asText() + "/" + version.path("name").asText() + "/"
                                + spec.path("names").path("kind").asText(), factory.getSchema(schema));
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The problems of one object; empty when it is valid. */
    List<String> validate(ObjectNode obj) {
        String key = obj.path("apiVersion").asText() + "/" + obj.path("kind").asText();
        String where = key + " " + obj.path("metadata").path("name").asText() + ": ";
        List<String> problems = new ArrayList<>();
        Class<?> type = BUILT_IN.get(key);
        Schema schema = crdSchemas.get(key);
        if (type != null) {
            try {
                Object typed = mapper.treeToValue(obj, type);
                unknownFields(typed, "", problems);
            } catch (Exception e) {
                problems.add(e.getMessage().lines().findFirst().orElse(e.toString()));
            }
        } else if (schema != null) {
            for (com.networknt.schema.Error m : schema.validate(obj)) {
                problems.add(m.getMessage());
            }
        } else {
            problems.add("no schema for this kind (add its model class or vendor its CRD)");
        }
        return problems.stream().map(p -> where + p).toList();
    }

    /** Collects fields the fabric8 model kept aside as "additional properties" (unknown to the API). */
    private static void unknownFields(Object o, String path, List<String> problems) {
        if (o == null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object item : c) {
                unknownFields(item, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                unknownFields(e.getValue(), path + "." + e.getKey(), problems);
            }
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())
                    || !m.getName().startsWith("get") || m.getDeclaringClass() == Object.class) {
                continue;
            }
            try {
                Object value = m.invoke(o);
                if ("getAdditionalProperties".equals(m.getName())) {
                    if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        problems.add("unknown field(s) " + extra.keySet() + " at " + (path.isEmpty() ? "/" : path));
                    }
                } else {
                    String field = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
                    unknownFields(value, path + "." + field, problems);
                }
            } catch (java.lang.reflect.InvocationTargetException e) {
                // a computed getter (e.g. Quantity's numerical amount) that does not apply: not a field
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Turns a structural OpenAPI v3 schema into a JSON Schema (draft 4) that refuses unknown fields: objects with
     * properties get additionalProperties false unless they preserve unknown fields, nullable becomes a "null"
     * type, int-or-string loses its type, and Kubernetes-only keywords and formats are dropped.
     */
    static void strict(ObjectNode schema) {
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            schema.remove("type");
            ArrayNode anyOf = schema.putArray("anyOf");
            anyOf.addObject().put("type", "integer");
            anyOf.addObject().put("type", "string");
        }
        if (schema.path("nullable").asBoolean(false) && schema.has("type") && schema.get("type").isTextual()) {
            ArrayNode types = JsonNodeFactory.instance.arrayNode().add(schema.get("type").asText()).add("null");
            schema.set("type", types);
        }
        List<String> drop = new ArrayList<>();
        schema.fieldNames().forEachRemaining(f -> {
            if (f.startsWith("x-kubernetes-") || f.equals("nullable") || f.equals("format")) {
                drop.add(f);
            }
        });
        schema.remove(drop);
        if (schema.has("properties") && !schema.has("additionalProperties") && !preserve) {
            schema.put("additionalProperties", false);
        }
        schema.path("properties").forEach(p -> strict((ObjectNode) p));
        if (schema.get("items") instanceof ObjectNode items) {
            strict(items);
        }
        if (schema.get("additionalProperties") instanceof ObjectNode ap) {
            strict(ap);
        }
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            schema.path(combinator).forEach(s -> {
                if (s instanceof ObjectNode o) {
                    strict(o);
                }
            });
        }
        if (schema.get("not") instanceof ObjectNode not) {
            strict(not);
        }
    }
}
