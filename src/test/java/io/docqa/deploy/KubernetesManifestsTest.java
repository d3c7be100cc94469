package io.docqa.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kubernetes manifests of k8s/, checked offline (no cluster runs in CI): both overlays are rendered
 * ({@link Kustomize}), every object is validated against the Kubernetes model or its operator's CRD schema
 * ({@link ManifestValidator}), and the properties an operator relies on are asserted: replicas, rolling updates,
 * disruption budget, autoscaling, probes, resources, required secrets, per-pod index volumes, the database cluster,
 * its pooler and backups, the migration Job, the ingress and the monitoring.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static ManifestValidator validator;
    private static List<ObjectNode> dev;
    private static List<ObjectNode> prod;

    @BeforeAll
    static void render() {
        validator = new ManifestValidator(Path.of("src/test/resources/k8s-crds"));
        dev = Kustomize.build(K8S.resolve("overlays/dev"));
        prod = Kustomize.build(K8S.resolve("overlays/prod"));
    }

    private static List<ObjectNode> overlay(String name) {
        return "dev".equals(name) ? dev : prod;
    }

    // ---- schemas ----

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void every_object_is_valid_against_the_kubernetes_model_or_its_crd(String overlay) {
        List<ObjectNode> objects = overlay(overlay);
        List<String> problems = objects.stream().flatMap(o -> validator.validate(o).stream()).toList();
        assertEquals(List.of(), problems);
        Set<String> kinds = objects.stream().map(o -> o.path("kind").asText()).collect(Collectors.toSet());
        assertTrue(kinds.containsAll(Set.of("Deployment", "Service", "Job", "PodDisruptionBudget",
                "HorizontalPodAutoscaler", "Ingress", "NetworkPolicy", "ConfigMap", "Cluster", "Pooler",
                "ScheduledBackup", "ObjectStore", "ScaledObject", "ServiceMonitor")), kinds.toString());
    }

    @Test
    void the_restore_cluster_is_valid_and_restores_the_cluster_the_overlays_use() {
        List<ObjectNode> docs = Kustomize.readDocuments(K8S.resolve("restore/cluster-restore.yaml"));
        assertEquals(List.of(), docs.stream().flatMap(o -> validator.validate(o).stream()).toList());
        ObjectNode restore = docs.get(0);
        ObjectNode cluster = one(prod, "Cluster", "docqa-db");
        assertEquals(cluster.at("/metadata/name"), restore.at("/metadata/name"), "same name: the app needs no change");
        assertEquals(cluster.at("/spec/imageName"), restore.at("/spec/imageName"));
        String source = restore.at("/spec/bootstrap/recovery/source").asText();
        JsonNode origin = stream(restore.at("/spec/externalClusters"))
                .filter(c -> c.path("name").asText().equals(source)).findFirst().orElseThrow();
        assertEquals(cluster.at("/spec/plugins/0/parameters/barmanObjectName"),
                origin.at("/plugin/parameters/barmanObjectName"));
        assertEquals("docqa-db", origin.at("/plugin/parameters/serverName").asText());
        assertFalse(restore.at("/spec/plugins/0/parameters/serverName").asText().equals("docqa-db"),
                "a restored cluster must not archive over the history it came from");
    }

    @Test
    void the_validator_refuses_unknown_fields_and_wrong_types() {
        ObjectNode web = one(prod, "Deployment", "docqa-web").deepCopy();
        ObjectNode container = (ObjectNode) web.at("/spec/template/spec/containers/0");
        container.set("readinesProbe", container.get("readinessProbe")); // a typo the API server would refuse
        assertTrue(validator.validate(web).stream().anyMatch(p -> p.contains("readinesProbe")),
                validator.validate(web).toString());

        ObjectNode pdb = one(prod, "PodDisruptionBudget", "docqa-web").deepCopy();
        ((ObjectNode) pdb.get("spec")).put("minAvailable", true);
        assertFalse(validator.validate(pdb).isEmpty());

        ObjectNode cluster = one(prod, "Cluster", "docqa-db").deepCopy();
        ((ObjectNode) cluster.get("spec")).put("instance", 3);
        assertTrue(validator.validate(cluster).stream().anyMatch(p -> p.contains("instance")),
                validator.validate(cluster).toString());
        cluster = one(prod, "Cluster", "docqa-db").deepCopy();
        ((ObjectNode) cluster.get("spec")).put("instances", "three");
        assertFalse(validator.validate(cluster).isEmpty());

        ObjectNode scaled = one(prod, "ScaledObject", "docqa-worker").deepCopy();
        ((ObjectNode) scaled.at("/spec/scaleTargetRef")).put("deployment", "docqa-worker");
        assertFalse(validator.validate(scaled).isEmpty());
    }

    // ---- the app ----

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void every_app_container_has_probes_resources_and_a_hardened_security_context(String overlay) {
        for (ObjectNode workload : workloads(overlay(overlay))) {
            String name = workload.at("/metadata/name").asText();
            ObjectNode spec = Kustomize.podSpecs(workload).get(0);
            for (JsonNode c : spec.path("containers")) {
                String where = name + "/" + c.path("name").asText();
                for (String r : List.of("requests/cpu", "requests/memory", "limits/cpu", "limits/memory")) {
                    assertFalse(c.at("/resources/" + r).isMissingNode(), where + " lacks resources " + r);
                }
                assertEquals(Boolean.FALSE, c.at("/securityContext/allowPrivilegeEscalation").asBoolean(true),
                        where);
                assertTrue(c.at("/securityContext/readOnlyRootFilesystem").asBoolean(false), where);
                if (workload.path("kind").asText().equals("Deployment")) {
                    for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                        assertTrue(c.has(probe), where + " lacks " + probe);
                    }
                }
            }
            assertTrue(spec.at("/securityContext/runAsNonRoot").asBoolean(false), name + " may run as root");
        }
        ObjectNode web = one(overlay(overlay), "Deployment", "docqa-web");
        assertEquals("/q/health/ready", web.at("/spec/template/spec/containers/0/readinessProbe/httpGet/path")
                .asText());
        assertEquals("/q/health/live", web.at("/spec/template/spec/containers/0/livenessProbe/httpGet/path")
                .asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void every_app_pod_keeps_its_index_on_its_own_ephemeral_volume(String overlay) {
        for (ObjectNode workload : appWorkloads(overlay(overlay))) {
            ObjectNode spec = Kustomize.podSpecs(workload).get(0);
            JsonNode c = spec.path("containers").get(0);
            String dataDir = setting(overlay(overlay), c, "DOCQA_CORPUS_DATA_DIR").orElseThrow();
            String volume = stream(c.path("volumeMounts")).filter(m -> m.path("mountPath").asText().equals(dataDir))
                    .map(m -> m.path("name").asText()).findFirst()
                    .orElseThrow(() -> new AssertionError(workload.at("/metadata/name") + " mounts nothing at "
                            + dataDir));
            JsonNode v = stream(spec.path("volumes")).filter(x -> x.path("name").asText().equals(volume))
                    .findFirst().orElseThrow();
            assertTrue(v.has("emptyDir") || v.has("ephemeral"), workload.at("/metadata/name") + ": " + v);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void admin_password_session_key_database_and_s3_credentials_are_required_secrets(String overlay) {
        List<ObjectNode> objects = overlay(overlay);
        for (String deployment : List.of("docqa-web", "docqa-worker")) {
            JsonNode c = one(objects, "Deployment", deployment).at("/spec/template/spec/containers/0");
            for (String env : List.of("DOCQA_ADMIN_PASSWORD", "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY",
                    "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "DOCQA_STORAGE_S3_ACCESS_KEY_ID",
                    "DOCQA_STORAGE_S3_SECRET_ACCESS_KEY")) {
                assertRequiredSecret(c, env, deployment);
            }
        }
        JsonNode migrate = one(objects, "Job", "docqa-migrate").at("/spec/template/spec/containers/0");
        assertRequiredSecret(migrate, "QUARKUS_DATASOURCE_USERNAME", "docqa-migrate");
        assertRequiredSecret(migrate, "QUARKUS_DATASOURCE_PASSWORD", "docqa-migrate");
        assertEquals("docqa-db-credentials", one(objects, "Cluster", "docqa-db")
                .at("/spec/bootstrap/initdb/secret/name").asText());
        assertEquals("docqa-backup-s3", one(objects, "ObjectStore", "docqa-backups")
                .at("/spec/configuration/s3Credentials/accessKeyId/name").asText());
    }

    @Test
    void the_base_creates_no_secret_and_dev_brings_every_secret_and_config_its_pods_use() {
        assertTrue(Kustomize.build(K8S.resolve("base")).stream().noneMatch(o -> o.path("kind").asText()
                .equals("Secret")), "real secrets are created out of band, never by the base");
        assertTrue(prod.stream().noneMatch(o -> o.path("kind").asText().equals("Secret")));
        for (ObjectNode workload : workloads(dev)) {
            for (JsonNode c : Kustomize.podSpecs(workload).get(0).path("containers")) {
                for (JsonNode env : c.path("env")) {
                    JsonNode ref = env.at("/valueFrom/secretKeyRef");
                    if (!ref.isMissingNode() && !ref.path("optional").asBoolean(false)) {
                        ObjectNode secret = one(dev, "Secret", ref.path("name").asText());
                        assertTrue(secret.path("data").has(ref.path("key").asText()), ref.toString());
                    }
                }
                for (JsonNode from : c.path("envFrom")) {
                    if (from.has("configMapRef")) {
                        one(dev, "ConfigMap", from.at("/configMapRef/name").asText());
                    } else {
                        one(dev, "Secret", from.at("/secretRef/name").asText());
                    }
                }
            }
        }
        for (String name : List.of("docqa-db-credentials", "docqa-backup-s3")) {
            one(dev, "Secret", name);
        }
        assertEquals("kubernetes.io/basic-auth", one(dev, "Secret", "docqa-db-credentials").path("type").asText());
    }

    @Test
    void prod_web_tier_has_two_or_more_replicas_rolls_without_downtime_and_scales_on_cpu() {
        ObjectNode web = one(prod, "Deployment", "docqa-web");
        assertTrue(web.at("/spec/replicas").asInt() >= 2, web.at("/spec/replicas").toString());
        for (ObjectNode d : List.of(web, one(prod, "Deployment", "docqa-worker"))) {
            assertEquals("RollingUpdate", d.at("/spec/strategy/type").asText());
            assertEquals(0, d.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt(-1));
        }
        JsonNode podLabels = web.at("/spec/template/metadata/labels");

        ObjectNode pdb = one(prod, "PodDisruptionBudget", "docqa-web");
        assertTrue(selects(pdb.at("/spec/selector/matchLabels"), podLabels), "PDB selects the web pods");

        ObjectNode hpa = prod.stream().filter(o -> o.path("kind").asText().equals("HorizontalPodAutoscaler")
                && o.at("/spec/scaleTargetRef/name").asText().equals("docqa-web")).findFirst().orElseThrow();
        assertEquals("Deployment", hpa.at("/spec/scaleTargetRef/kind").asText());
        assertTrue(hpa.at("/spec/minReplicas").asInt() >= 2);
        assertTrue(stream(hpa.at("/spec/metrics")).anyMatch(m -> m.at("/resource/name").asText().equals("cpu")));

        ObjectNode service = one(prod, "Service", "docqa-web");
        assertTrue(selects(service.at("/spec/selector"), podLabels));
        assertEquals("web", env(web.at("/spec/template/spec/containers/0"), "DOCQA_CLUSTER_ROLE")
                .path("value").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void workers_are_scaled_by_keda_on_the_ingest_queue(String overlay) {
        List<ObjectNode> objects = overlay(overlay);
        ObjectNode worker = one(objects, "Deployment", "docqa-worker");
        assertEquals("worker", env(worker.at("/spec/template/spec/containers/0"), "DOCQA_CLUSTER_ROLE")
                .path("value").asText());
        ObjectNode scaled = one(objects, "ScaledObject", "docqa-worker");
        assertEquals("docqa-worker", scaled.at("/spec/scaleTargetRef/name").asText());
        assertEquals("Deployment", scaled.at("/spec/scaleTargetRef/kind").asText());
        JsonNode trigger = scaled.at("/spec/triggers/0");
        assertEquals("prometheus", trigger.path("type").asText());
        assertTrue(trigger.at("/metadata/query").asText().contains("docqa_ingest_queue_depth"));
        assertTrue(Integer.parseInt(trigger.at("/metadata/threshold").asText()) > 0);
        assertTrue(objects.stream().noneMatch(o -> o.path("kind").asText().equals("HorizontalPodAutoscaler")
                && o.at("/spec/scaleTargetRef/name").asText().equals("docqa-worker")),
                "KEDA owns the worker's HPA; a second one would fight it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void migrations_run_once_in_a_job_against_the_primary_and_pods_only_validate(String overlay) {
        List<ObjectNode> objects = overlay(overlay);
        JsonNode job = one(objects, "Job", "docqa-migrate").at("/spec/template/spec/containers/0");
        assertEquals("true", env(job, "QUARKUS_INIT_AND_EXIT").path("value").asText());
        assertEquals("true", env(job, "QUARKUS_FLYWAY_MIGRATE_AT_START").path("value").asText());
        assertTrue(env(job, "QUARKUS_DATASOURCE_JDBC_URL").path("value").asText()
                .startsWith("jdbc:postgresql://docqa-db-rw:5432/"), "migrations bypass PgBouncer");
        assertEquals(one(objects, "Deployment", "docqa-web").at("/spec/template/spec/containers/0/image"),
                job.path("image"), "the Job migrates with the release's own image");
        for (String d : List.of("docqa-web", "docqa-worker")) {
            JsonNode c = one(objects, "Deployment", d).at("/spec/template/spec/containers/0");
            assertEquals("false", env(c, "QUARKUS_FLYWAY_MIGRATE_AT_START").path("value").asText(), d);
            assertEquals("true", env(c, "QUARKUS_FLYWAY_VALIDATE_AT_START").path("value").asText(), d);
            String url = env(c, "QUARKUS_DATASOURCE_JDBC_URL").path("value").asText();
            String pooler = one(objects, "Pooler", "docqa-db-pooler-rw").at("/metadata/name").asText();
            assertTrue(url.startsWith("jdbc:postgresql://" + pooler + ":5432/"), url);
            assertTrue(url.contains("prepareThreshold=0"), "PgBouncer transaction mode: " + url);
            assertTrue(env(c, "DOCQA_DIRECT_DATABASE_URL").path("value").asText()
                    .startsWith("jdbc:postgresql://docqa-db-rw:5432/"),
                    d + ": LISTEN and the session advisory locks bypass PgBouncer, straight to the primary");
        }
    }

    // ---- PostgreSQL ----

    @Test
    void prod_postgres_has_three_instances_pgvector_pooling_and_scheduled_backups() {
        ObjectNode cluster = one(prod, "Cluster", "docqa-db");
        assertEquals(3, cluster.at("/spec/instances").asInt());
        assertTrue(cluster.at("/spec/imageName").asText().contains("-standard-"), "standard images ship pgvector");
        assertTrue(stream(cluster.at("/spec/bootstrap/initdb/postInitApplicationSQL"))
                .anyMatch(s -> s.asText().contains("CREATE EXTENSION IF NOT EXISTS vector")));
        JsonNode params = cluster.at("/spec/postgresql/parameters");
        for (String p : List.of("shared_buffers", "effective_cache_size", "maintenance_work_mem")) {
            assertTrue(params.has(p), p);
        }
        assertTrue(bytes(params.path("shared_buffers").asText()) <= bytes(cluster.at("/spec/resources/limits/memory")
                .asText()) / 3, "shared_buffers leaves room for work_mem and the page cache");

        JsonNode plugin = stream(cluster.at("/spec/plugins"))
                .filter(p -> p.path("name").asText().equals("barman-cloud.cloudnative-pg.io")).findFirst()
                .orElseThrow();
        assertTrue(plugin.path("isWALArchiver").asBoolean(false), "WAL archived continuously");
        one(prod, "ObjectStore", plugin.at("/parameters/barmanObjectName").asText());

        ObjectNode backup = prod.stream().filter(o -> o.path("kind").asText().equals("ScheduledBackup"))
                .findFirst().orElseThrow();
        assertEquals("docqa-db", backup.at("/spec/cluster/name").asText());
        assertEquals("plugin", backup.at("/spec/method").asText());
        assertEquals("barman-cloud.cloudnative-pg.io", backup.at("/spec/pluginConfiguration/name").asText());
        assertEquals(6, backup.at("/spec/schedule").asText().split(" ").length, "CNPG schedules have seconds");

        ObjectNode pooler = one(prod, "Pooler", "docqa-db-pooler-rw");
        assertEquals("docqa-db", pooler.at("/spec/cluster/name").asText());
        assertEquals("rw", pooler.at("/spec/type").asText());
        assertEquals("transaction", pooler.at("/spec/pgbouncer/poolMode").asText());
        assertEquals(1, one(dev, "Cluster", "docqa-db").at("/spec/instances").asInt());
    }

    // ---- edge ----

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void ingress_allows_large_uploads_long_streams_and_sticks_a_browser_to_one_pod(String overlay) {
        List<ObjectNode> objects = overlay(overlay);
        ObjectNode ingress = one(objects, "Ingress", "docqa");
        JsonNode a = ingress.at("/metadata/annotations");
        assertEquals("1024m", a.path("nginx.ingress.kubernetes.io/proxy-body-size").asText());
        assertTrue(a.path("nginx.ingress.kubernetes.io/proxy-read-timeout").asInt() >= 3600);
        assertTrue(a.path("nginx.ingress.kubernetes.io/proxy-send-timeout").asInt() >= 3600);
        assertEquals("cookie", a.path("nginx.ingress.kubernetes.io/affinity").asText());
        JsonNode backend = ingress.at("/spec/rules/0/http/paths/0/backend/service");
        ObjectNode service = one(objects, "Service", backend.path("name").asText());
        assertTrue(stream(service.at("/spec/ports")).anyMatch(p -> p.path("name").asText()
                .equals(backend.at("/port/name").asText())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void network_policies_deny_by_default_and_open_only_the_needed_paths(String overlay) {
        List<ObjectNode> objects = overlay(overlay);
        ObjectNode deny = one(objects, "NetworkPolicy", "docqa-default-deny-ingress");
        assertTrue(deny.at("/spec/podSelector").isEmpty());
        assertFalse(deny.at("/spec").has("ingress"));
        JsonNode appLabels = one(objects, "Deployment", "docqa-web").at("/spec/template/metadata/labels");
        ObjectNode egress = one(objects, "NetworkPolicy", "docqa-app-egress");
        assertTrue(selects(egress.at("/spec/podSelector/matchLabels"), appLabels));
        String rules = egress.at("/spec/egress").toString();
        assertTrue(rules.contains("\"port\":53") && rules.contains("\"port\":5432") && rules.contains("\"port\":443"),
                rules);
        ObjectNode db = one(objects, "NetworkPolicy", "docqa-db-ingress");
        assertEquals("docqa-db", db.at("/spec/podSelector/matchLabels/cnpg.io~1cluster").asText());
        assertTrue(db.at("/spec/ingress").toString().contains("cnpg-system"), "the operator reaches PostgreSQL");
        ObjectNode app = one(objects, "NetworkPolicy", "docqa-app-ingress");
        assertTrue(app.at("/spec/ingress").toString().contains("ingress-nginx"));
    }

    // ---- monitoring ----

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void service_monitor_scrapes_web_and_worker_and_the_dashboard_is_shipped(String overlay) throws Exception {
        List<ObjectNode> objects = overlay(overlay);
        ObjectNode sm = one(objects, "ServiceMonitor", "docqa");
        JsonNode endpoint = sm.at("/spec/endpoints/0");
        assertEquals("/q/metrics", endpoint.path("path").asText());
        for (String s : List.of("docqa-web", "docqa-worker")) {
            ObjectNode service = one(objects, "Service", s);
            assertTrue(selects(sm.at("/spec/selector/matchLabels"), service.at("/metadata/labels")), s);
            assertTrue(stream(service.at("/spec/ports")).anyMatch(p -> p.path("name").asText()
                    .equals(endpoint.path("port").asText())), s);
        }
        ObjectNode dashboards = one(objects, "ConfigMap", "docqa-grafana-dashboard");
        assertEquals("1", dashboards.at("/metadata/labels/grafana_dashboard").asText());
        JsonNode dashboard = new ObjectMapper().readTree(dashboards.at("/data/docqa-dashboard.json").asText());
        Map<String, String> panels = new TreeMap<>();
        for (JsonNode p : dashboard.path("panels")) {
            String exprs = stream(p.path("targets")).map(t -> t.path("expr").asText()).collect(Collectors.joining(
                    " ; "));
            assertFalse(exprs.isBlank(), p.path("title").asText());
            panels.put(p.path("title").asText(), exprs);
        }
        assertTrue(find(panels, "Ingest rate").contains("docqa_ingest"), panels.toString());
        assertTrue(find(panels, "queue depth").contains("docqa_ingest_queue_depth"));
        assertTrue(find(panels, "Index lag").contains("docqa_index_lag"));
        assertTrue(find(panels, "Search latency per stage").contains("stage"));
        assertTrue(find(panels, "Answer latency").contains("answer"));
        assertTrue(find(panels, "Errors").contains("5.."));
    }

    // ---- the renderer itself ----

    /** Where kubectl (with its built-in kustomize) is installed, the small renderer must agree with it exactly. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void the_renderer_agrees_with_kubectl_kustomize(String overlay) throws Exception {
        Optional<Path> kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(d -> Path.of(d, "kubectl")).filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(kubectl.isPresent(), "kubectl is not installed: the manifests are rendered by the"
                + " small renderer only");
        Process p = new ProcessBuilder(kubectl.get().toString(), "kustomize", K8S.resolve("overlays/" + overlay)
                .toString()).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        Path file = Files.createTempFile("kustomize-" + overlay, ".yaml");
        try {
            Files.write(file, out);
            Map<String, JsonNode> expected = byKey(Kustomize.readDocuments(file));
            Map<String, JsonNode> actual = byKey(overlay(overlay));
            assertEquals(expected.keySet(), actual.keySet());
            List<String> differences = new ArrayList<>();
            expected.forEach((key, e) -> {
                if (!e.equals(actual.get(key))) {
                    differences.add(key + ":\n  kubectl: " + e + "\n  here:    " + actual.get(key));
                }
            });
            assertEquals(List.of(), differences);
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void the_renderer_computes_kustomize_configmap_name_hashes() {
        // kubectl kustomize (kustomize v5.5.0) names this generated ConfigMap "x-h9km9fmd9f": a changed value
        // must give a new name, which is what rolls the pods that use it
        ObjectNode cm = Kustomize.YAML.createObjectNode();
        cm.putObject("metadata").put("name", "x");
        cm.putObject("data").put("a", "<b & c>");
        assertEquals("h9km9fmd9f", Kustomize.configMapHash(cm));
    }

    // ---- helpers ----

    private static Map<String, JsonNode> byKey(List<ObjectNode> objects) {
        Map<String, JsonNode> m = new TreeMap<>();
        objects.forEach(o -> m.put(o.path("kind").asText() + "/" + o.at("/metadata/namespace").asText() + "/"
                + o.at("/metadata/name").asText(), o));
        return m;
    }

    private static String find(Map<String, String> panels, String titlePart) {
        return panels.entrySet().stream().filter(e -> e.getKey().toLowerCase().contains(titlePart.toLowerCase()))
                .map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no panel titled like '" + titlePart + "': " + panels.keySet()));
    }

    private static void assertRequiredSecret(JsonNode container, String name, String where) {
        JsonNode ref = env(container, name).at("/valueFrom/secretKeyRef");
        assertFalse(ref.isMissingNode(), where + ": " + name + " does not come from a Secret");
        assertFalse(ref.path("optional").asBoolean(false), where + ": " + name + " must not be optional");
    }

    private static JsonNode env(JsonNode container, String name) {
        return stream(container.path("env")).filter(e -> e.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(container.path("name").asText() + " has no env " + name));
    }

    /** A setting's value as the container sees it: its env first, then its envFrom ConfigMaps. */
    private static Optional<String> setting(List<ObjectNode> objects, JsonNode container, String name) {
        Optional<String> direct = stream(container.path("env")).filter(e -> e.path("name").asText().equals(name))
                .map(e -> e.path("value").asText()).findFirst();
        if (direct.isPresent()) {
            return direct;
        }
        for (JsonNode from : container.path("envFrom")) {
            if (from.has("configMapRef")) {
                JsonNode data = one(objects, "ConfigMap", from.at("/configMapRef/name").asText()).path("data");
                if (data.has(name)) {
                    return Optional.of(data.get(name).asText());
                }
            }
        }
        return Optional.empty();
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        List<String> missing = new ArrayList<>();
        selector.properties().forEach(e -> {
            if (!labels.path(e.getKey()).asText().equals(e.getValue().asText())) {
                missing.add(e.getKey());
            }
        });
        return !selector.isEmpty() && missing.isEmpty();
    }

    private static List<ObjectNode> workloads(List<ObjectNode> objects) {
        return objects.stream().filter(o -> !Kustomize.podSpecs(o).isEmpty()).toList();
    }

    private static List<ObjectNode> appWorkloads(List<ObjectNode> objects) {
        List<ObjectNode> app = workloads(objects).stream()
                .filter(o -> o.at("/spec/template/metadata/labels/app.kubernetes.io~1name").asText().equals("docqa"))
                .toList();
        assertEquals(Set.of("Deployment/docqa-web", "Deployment/docqa-worker", "Job/docqa-migrate"),
                app.stream().map(o -> o.path("kind").asText() + "/" + o.at("/metadata/name").asText())
                        .collect(Collectors.toSet()));
        return app;
    }

    private static ObjectNode one(List<ObjectNode> objects, String kind, String name) {
        List<ObjectNode> found = objects.stream().filter(o -> o.path("kind").asText().equals(kind)
                && (o.at("/metadata/name").asText().equals(name)
                        || o.at("/metadata/name").asText().matches(java.util.regex.Pattern.quote(name)
                                + "-[a-z0-9]{10}"))).toList();
        assertEquals(1, found.size(), "exactly one " + kind + " " + name);
        return found.get(0);
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return array instanceof ArrayNode a ? StreamSupport.stream(a.spliterator(), false) : Stream.empty();
    }

    private static long bytes(String quantity) {
        Map<String, Long> units = Map.of("GB", 1L << 30, "MB", 1L << 20, "kB", 1L << 10, "Gi", 1L << 30,
                "Mi", 1L << 20, "Ki", 1L << 10);
        for (Map.Entry<String, Long> u : units.entrySet()) {
            if (quantity.endsWith(u.getKey())) {
                return Long.parseLong(quantity.substring(0, quantity.length() - 2)) * u.getValue();
            }
        }
        return Long.parseLong(quantity);
    }
}
