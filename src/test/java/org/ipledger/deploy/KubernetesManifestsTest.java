package org.ipledger.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/k8s must not rot unseen: every manifest parses, has a kind and apiVersion we know, and
 * fits the service as it is (probes on health endpoints it serves, env names it reads, references
 * between the manifests that resolve). No cluster is needed: this is a parse-and-assert check, the
 * offline stand-in for a schema validator.
 */
@QuarkusTest
class KubernetesManifestsTest {

    static final Path DIR = Path.of("deploy/k8s");
    static final String CLUSTER = "ipledger-db";
    /** kind -> apiVersion of every kind the manifests may use. */
    static final Map<String, String> KINDS = Map.of(
            "Deployment", "apps/v1", "Service", "v1", "ConfigMap", "v1", "Secret", "v1", "Job", "batch/v1",
            "HorizontalPodAutoscaler", "autoscaling/v2", "Cluster", "postgresql.cnpg.io/v1",
            "Pooler", "postgresql.cnpg.io/v1", "ScheduledBackup", "postgresql.cnpg.io/v1",
            "Kustomization", "kustomize.config.k8s.io/v1beta1");
    /** Read by the container image's launcher, not by the service (run-java.sh of the base image). */
    static final Set<String> IMAGE_VARIABLES = Set.of("JAVA_MAX_MEM_RATIO", "JAVA_OPTS_APPEND");

    static final Map<String, List<JsonNode>> byFile = new HashMap<>();
    static final List<JsonNode> all = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                List<JsonNode> docs = yaml.readerFor(JsonNode.class).<JsonNode>readValues(f.toFile()).readAll()
                        .stream().filter(d -> d != null && !d.isNull() && !d.isEmpty()).toList();
                assertFalse(docs.isEmpty(), f + " has no document");
                byFile.put(f.getFileName().toString(), docs);
                all.addAll(docs);
            }
        }
    }

    @Test
    void everyManifestHasAKnownKindAndApiVersion() {
        for (JsonNode d : all) {
            String kind = d.path("kind").asText();
            assertTrue(KINDS.containsKey(kind), "unknown kind " + kind);
            assertEquals(KINDS.get(kind), d.path("apiVersion").asText(), kind);
            if (!kind.equals("Kustomization")) {
                assertFalse(d.path("metadata").path("name").asText().isBlank(), kind + " without a name");
            }
        }
    }

    @Test
    void kustomizationListsEveryManifestButTheExamples() throws IOException {
        Set<String> listed = new TreeSet<>();
        one("Kustomization").path("resources").forEach(r -> listed.add(r.asText()));
        Set<String> expected = new TreeSet<>(byFile.keySet());
        expected.removeIf(f -> f.contains(".example.") || f.equals("kustomization.yaml"));
        assertEquals(expected, listed);
    }

    @Test
    void probesPointAtHealthEndpointsTheServiceAnswers() {
        JsonNode container = container(one("Deployment"));
        Map<String, String> expected = Map.of("startupProbe", "/q/health/started", "readinessProbe", "/q/health/ready",
                "livenessProbe", "/q/health/live");
        String port = container.path("ports").get(0).path("name").asText();
        expected.forEach((probe, path) -> {
            JsonNode get = container.path(probe).path("httpGet");
            assertEquals(path, get.path("path").asText(), probe);
            assertEquals(port, get.path("port").asText(), probe + " port");
            given().get(path).then().statusCode(200);
        });
        assertEquals(8080, container.path("ports").get(0).path("containerPort").asInt(), "Quarkus' default HTTP port");
    }

    @Test
    void containersHaveResourceRequestsAndLimits() {
        for (JsonNode d : all) {
            if (d.path("kind").asText().equals("Deployment") || d.path("kind").asText().equals("Job")) {
                JsonNode r = container(d).path("resources");
                for (String field : List.of("requests", "limits")) {
                    assertFalse(r.path(field).path("cpu").asText().isBlank(), d.path("kind") + " " + field + ".cpu");
                    assertFalse(r.path(field).path("memory").asText().isBlank(), d.path("kind") + " " + field + ".memory");
                }
            }
        }
    }

    @Test
    void serviceScalesOutAndNeverDropsBelowTwoInstances() {
        JsonNode deployment = one("Deployment");
        JsonNode hpa = one("HorizontalPodAutoscaler");
        assertTrue(deployment.path("spec").path("replicas").asInt() >= 2);
        assertEquals(0, deployment.path("spec").path("strategy").path("rollingUpdate").path("maxUnavailable").asInt());
        assertEquals("Deployment", hpa.path("spec").path("scaleTargetRef").path("kind").asText());
        assertEquals(deployment.path("metadata").path("name").asText(), hpa.path("spec").path("scaleTargetRef").path("name").asText());
        assertTrue(hpa.path("spec").path("minReplicas").asInt() >= 2);
        assertTrue(hpa.path("spec").path("maxReplicas").asInt() > hpa.path("spec").path("minReplicas").asInt());
        JsonNode selector = one("Service").path("spec").path("selector");
        JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
        selector.fields().forEachRemaining(e -> assertEquals(e.getValue(), labels.path(e.getKey()), "service selector " + e.getKey()));
    }

    @Test
    void databaseIsOnePrimaryAndTwoReplicasWithBackupsToObjectStorage() {
        JsonNode cluster = named("Cluster", CLUSTER).path("spec");
        assertEquals(3, cluster.path("instances").asInt());
        assertEquals(1, cluster.path("minSyncReplicas").asInt(), "an acknowledged commit is on a replica too");
        assertFalse(cluster.path("storage").path("size").asText().isBlank());
        assertEquals("ipledger", cluster.path("bootstrap").path("initdb").path("database").asText());
        JsonNode store = cluster.path("backup").path("barmanObjectStore");
        assertTrue(store.path("destinationPath").asText().startsWith("s3://"));
        assertFalse(cluster.path("backup").path("retentionPolicy").asText().isBlank());
        JsonNode scheduled = one("ScheduledBackup").path("spec");
        assertEquals(CLUSTER, scheduled.path("cluster").path("name").asText());
        assertEquals(6, scheduled.path("schedule").asText().split(" ").length, "CloudNativePG schedules have a seconds field");
        // The object store's credentials name a Secret of the example.
        String secret = store.path("s3Credentials").path("accessKeyId").path("name").asText();
        assertTrue(secretKeys(secret).contains(store.path("s3Credentials").path("accessKeyId").path("key").asText()));
        assertTrue(secretKeys(secret).contains(store.path("s3Credentials").path("secretAccessKey").path("key").asText()));
    }

    @Test
    void writesGoToTheRwPoolerStatisticsToTheRoPoolerFlywayStraightToThePrimary() {
        Map<String, String> poolerTypes = new HashMap<>();
        for (JsonNode p : kind("Pooler")) {
            assertEquals(CLUSTER, p.path("spec").path("cluster").path("name").asText());
            assertTrue(p.path("spec").path("instances").asInt() >= 2, "a pooler survives a node");
            poolerTypes.put(p.path("metadata").path("name").asText(), p.path("spec").path("type").asText());
        }
        JsonNode config = one("ConfigMap").path("data");
        assertEquals("rw", poolerTypes.get(host(config.path("QUARKUS_DATASOURCE_REACTIVE_URL").asText())));
        assertEquals("ro", poolerTypes.get(host(config.path("IPLEDGER_REPLICA_URL").asText())));
        assertEquals(CLUSTER + "-rw", host(config.path("QUARKUS_DATASOURCE_JDBC_URL").asText().substring("jdbc:".length())));
    }

    @Test
    void migrationsRunInTheJobAndServicePodsOnlyValidate() {
        Map<String, String> job = literalEnv(one("Job"));
        Map<String, String> pod = literalEnv(one("Deployment"));
        assertEquals("true", job.get("QUARKUS_INIT_AND_EXIT"));
        assertEquals("true", job.get("QUARKUS_FLYWAY_MIGRATE_AT_START"));
        assertEquals("false", pod.get("QUARKUS_FLYWAY_MIGRATE_AT_START"));
        assertEquals("true", pod.get("QUARKUS_FLYWAY_VALIDATE_AT_START"));
        assertEquals(container(one("Deployment")).path("image").asText(), container(one("Job")).path("image").asText(),
                "the Job migrates for the release the Deployment runs");
    }

    @Test
    void envNamesAreSettingsTheServiceReadsAndReferencesResolve() throws IOException {
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        Set<String> referenced = new HashSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z0-9_]+)").matcher(properties);
        while (m.find()) {
            referenced.add(m.group(1));
        }
        Set<String> known = new HashSet<>();
        for (String key : ConfigProvider.getConfig().getPropertyNames()) {
            known.add(envName(key));
        }
        for (String line : properties.lines().toList()) {
            if (!line.isBlank() && !line.startsWith("#") && line.contains("=")) {
                known.add(envName(line.substring(0, line.indexOf('=')).replaceFirst("^%[a-z]+\\.", "")));
            }
        }
        JsonNode config = one("ConfigMap").path("data");
        for (String kind : List.of("Deployment", "Job")) {
            for (JsonNode env : container(one(kind)).path("env")) {
                String name = env.path("name").asText();
                assertTrue(referenced.contains(name) || known.contains(name) || IMAGE_VARIABLES.contains(name)
                                || quarkusOrMicroProfileKey(name),
                        kind + ": " + name + " is no setting the service reads");
                JsonNode cm = env.path("valueFrom").path("configMapKeyRef");
                if (!cm.isMissingNode()) {
                    assertEquals("ipledger-config", cm.path("name").asText());
                    assertTrue(config.has(cm.path("key").asText()), kind + ": ConfigMap has no " + cm.path("key"));
                }
                JsonNode secret = env.path("valueFrom").path("secretKeyRef");
                if (!secret.isMissingNode()) {
                    assertTrue(secretKeys(secret.path("name").asText()).contains(secret.path("key").asText()),
                            kind + ": no Secret key " + secret);
                }
            }
        }
        // Every ConfigMap entry is used, so none is a stale setting nobody reads.
        Set<String> used = new HashSet<>();
        for (String kind : List.of("Deployment", "Job")) {
            container(one(kind)).path("env").forEach(e -> used.add(e.path("valueFrom").path("configMapKeyRef").path("key").asText()));
        }
        config.fieldNames().forEachRemaining(k -> assertTrue(used.contains(k), "ConfigMap entry " + k + " is never used"));
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /**
     * Quarkus and MicroProfile settings the service reads that no test sets, checked by name against
     * the extension's own prefixes: datasource credentials, the JWT key, Flyway and init switches.
     */
    private static boolean quarkusOrMicroProfileKey(String name) {
        return Set.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "MP_JWT_VERIFY_PUBLICKEY",
                "QUARKUS_FLYWAY_VALIDATE_AT_START", "QUARKUS_INIT_AND_EXIT").contains(name);
    }

    /** SmallRye Config's environment form of a property: upper case, anything else than A-Z and 0-9 as _. */
    private static String envName(String property) {
        return property.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }

    private static String host(String url) {
        return URI.create(url).getHost();
    }

    private static Map<String, String> literalEnv(JsonNode workload) {
        Map<String, String> out = new HashMap<>();
        container(workload).path("env").forEach(e -> {
            if (e.has("value")) {
                out.put(e.path("name").asText(), e.path("value").asText());
            }
        });
        return out;
    }

    /** Keys of a Secret: one of secret.example.yaml, or the one CloudNativePG generates for the owner. */
    private static Set<String> secretKeys(String name) {
        if (name.equals(CLUSTER + "-app")) {
            return Set.of("username", "password", "host", "port", "dbname", "uri", "jdbc-uri");
        }
        Set<String> keys = new HashSet<>();
        kind("Secret").stream().filter(s -> s.path("metadata").path("name").asText().equals(name))
                .forEach(s -> s.path("stringData").fieldNames().forEachRemaining(keys::add));
        assertFalse(keys.isEmpty(), "no Secret " + name + " in secret.example.yaml");
        return keys;
    }

    private static JsonNode container(JsonNode workload) {
        JsonNode containers = workload.path("spec").path("template").path("spec").path("containers");
        assertEquals(1, containers.size(), workload.path("kind") + " has one container");
        return containers.get(0);
    }

    private static List<JsonNode> kind(String kind) {
        return all.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    private static JsonNode one(String kind) {
        List<JsonNode> found = kind(kind);
        assertEquals(1, found.size(), "one " + kind);
        return found.get(0);
    }

    private static JsonNode named(String kind, String name) {
        JsonNode found = kind(kind).stream().filter(d -> d.path("metadata").path("name").asText().equals(name))
                .findFirst().orElse(null);
        assertNotNull(found, kind + " " + name);
        return found;
    }
}
