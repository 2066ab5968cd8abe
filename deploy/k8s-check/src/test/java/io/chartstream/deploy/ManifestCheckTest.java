package io.chartstream.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every YAML document under deploy/k8s, checked without a cluster. Core Kubernetes kinds are read into
 * the fabric8 model and Strimzi kinds into the Strimzi api model; both keep a field they do not know in
 * {@code additionalProperties}, so a misspelled or misplaced field anywhere in an object fails here.
 * Kinds without a Java model (CloudNativePG, Keycloak, Prometheus Operator, KEDA) get only
 * apiVersion/kind/metadata.name. Kustomizations must name files that exist, and the Deployments of base
 * must refer to Secrets and ConfigMaps that base declares.
 */
class ManifestCheckTest {

    static final Path K8S = Path.of(System.getProperty("chartstream.k8s.dir", "../k8s"))
            .toAbsolutePath()
            .normalize();

    /** Read by kind, without a Java model: only apiVersion, kind and metadata.name are checked. */
    static final Set<String> NOT_SCHEMA_VALIDATED =
            Set.of("Cluster", "Database", "Keycloak", "KeycloakRealmImport", "PrometheusRule", "ScaledObject");

    static final Map<String, Class<?>> STRIMZI = Map.of(
            "Kafka", Kafka.class,
            "KafkaTopic", KafkaTopic.class,
            "KafkaUser", KafkaUser.class,
            "KafkaNodePool", KafkaNodePool.class);

    static final YAMLMapper YAML = new YAMLMapper();
    static final KubernetesSerialization KUBE = new KubernetesSerialization();

    record Doc(String source, JsonNode node) {
        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }

        String where() {
            return source + " " + kind() + "/" + name();
        }
    }

    @Test
    void everyDocumentUnderDeployK8sIsWellFormed() throws IOException {
        List<Doc> docs = allDocuments();
        assertTrue(docs.size() > 40, "found only " + docs.size() + " documents under " + K8S);
        List<String> problems = new ArrayList<>();
        Set<String> strict = new TreeSet<>();
        Set<String> shallow = new TreeSet<>();
        for (Doc doc : docs) {
            problems.addAll(check(doc));
            if (!doc.kind().equals("Kustomization")) {
                (NOT_SCHEMA_VALIDATED.contains(doc.kind()) ? shallow : strict).add(doc.kind());
            }
        }
        System.out.println("deploy/k8s: " + docs.size() + " documents; schema-checked kinds " + strict
                + "; not schema-validated (apiVersion/kind/metadata only) " + shallow);
        assertEquals(List.of(), problems);
    }

    @Test
    void kustomizationsNameFilesThatExist() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> kustomizations;
        try (Stream<Path> files = Files.walk(K8S)) {
            kustomizations = files.filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
                    .toList();
        }
        assertFalse(kustomizations.isEmpty());
        for (Path file : kustomizations) {
            JsonNode k = YAML.readTree(file.toFile());
            Path dir = file.getParent();
            List<String> refs = new ArrayList<>();
            k.path("resources").forEach(r -> refs.add(r.asText()));
            k.path("components").forEach(r -> refs.add(r.asText()));
            k.path("patches").forEach(p -> {
                if (p.has("path")) refs.add(p.path("path").asText());
            });
            k.path("patchesStrategicMerge").forEach(r -> refs.add(r.asText()));
            for (String generator : List.of("secretGenerator", "configMapGenerator")) {
                k.path(generator)
                        .forEach(g -> g.path("files")
                                .forEach(f ->
                                        refs.add(f.asText().substring(f.asText().indexOf('=') + 1))));
            }
            for (String ref : refs) {
                if (ref.contains("://") || ref.startsWith("github.com/")) continue;
                if (!Files.exists(dir.resolve(ref))) problems.add(K8S.relativize(file) + ": missing " + ref);
            }
        }
        assertEquals(List.of(), problems);
    }

    /** The Deployments of base refer only to Secrets and ConfigMaps that base declares or Strimzi writes. */
    @Test
    void deploymentsReferToDeclaredSecretsAndConfigMaps() throws IOException {
        JsonNode kustomization =
                YAML.readTree(K8S.resolve("base/kustomization.yaml").toFile());
        Set<String> secrets = new TreeSet<>();
        kustomization
                .path("secretGenerator")
                .forEach(g -> secrets.add(g.path("name").asText()));
        Set<String> configMaps = new TreeSet<>();
        kustomization
                .path("configMapGenerator")
                .forEach(g -> configMaps.add(g.path("name").asText()));
        List<Doc> base = allDocuments().stream()
                .filter(d -> d.source().startsWith("base/"))
                .toList();
        for (Doc doc : base) {
            // Strimzi's User Operator writes a Secret named like each KafkaUser
            if (doc.kind().equals("KafkaUser")) secrets.add(doc.name());
            if (doc.kind().equals("ConfigMap")) configMaps.add(doc.name());
        }
        List<String> problems = new ArrayList<>();
        for (Doc doc : base) {
            if (!doc.kind().equals("Deployment")) continue;
            doc.node().findValues("secretKeyRef").forEach(ref -> {
                if (!secrets.contains(ref.path("name").asText())) problems.add(doc.where() + ": no Secret " + ref);
            });
            doc.node().findValues("secretRef").forEach(ref -> {
                if (!secrets.contains(ref.path("name").asText())) problems.add(doc.where() + ": no Secret " + ref);
            });
            doc.node().findValues("configMapRef").forEach(ref -> {
                if (!configMaps.contains(ref.path("name").asText()))
                    problems.add(doc.where() + ": no ConfigMap " + ref);
            });
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aMisspelledFieldIsReported() throws IOException {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: wrong
                spec:
                  replicaz: 2
                  selector:
                    matchLabels: {app: wrong}
                  template:
                    metadata:
                      labels: {app: wrong}
                    spec:
                      containers:
                        - name: wrong
                          image: example/wrong:1
                          imagePullPolicie: Always
                """;
        List<String> problems = check(new Doc("inline", YAML.readTree(deployment)));
        List<String> unknown =
                problems.stream().filter(p -> p.contains("unknown field")).toList();
        assertEquals(2, unknown.size(), problems.toString());
        assertTrue(unknown.stream().anyMatch(p -> p.contains("[replicaz] at Deployment.spec")), problems.toString());
        assertTrue(
                unknown.stream()
                        .anyMatch(p -> p.contains("[imagePullPolicie] at Deployment.spec.template.spec.containers[0]")),
                problems.toString());
        // and the same Deployment is not hardened: no securityContext, no requests or limits
        assertTrue(problems.stream().anyMatch(p -> p.contains("runAsNonRoot")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("no cpu limit")), problems.toString());

        String kafkaUser = """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaUser
                metadata:
                  name: wrong
                spec:
                  authentication:
                    type: scram-sha-512
                  authorization:
                    type: simple
                    acls:
                      - resource: {type: topic, name: t, patternType: literal}
                        operationz: [Read]
                """;
        problems = check(new Doc("inline", YAML.readTree(kafkaUser)));
        assertTrue(problems.toString().contains("operationz"), problems.toString());

        String unknownKind = """
                apiVersion: apps/v1
                kind: Deploymnet
                metadata:
                  name: wrong
                """;
        assertFalse(check(new Doc("inline", YAML.readTree(unknownKind))).isEmpty());

        String ingress = """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata:
                  name: wrong
                spec:
                  rules:
                    - host: a.example.org
                      http:
                        paths:
                          - path: /q
                            pathType: Prefix
                            backend: {service: {name: s, port: {name: http}}}
                """;
        assertTrue(check(new Doc("inline", YAML.readTree(ingress))).toString().contains("exposes /q"));
    }

    static List<Doc> allDocuments() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(K8S)) {
            files = walk.filter(
                            p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        }
        List<Doc> docs = new ArrayList<>();
        for (Path file : files) {
            String source = K8S.relativize(file).toString();
            try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                while (it.hasNext()) {
                    JsonNode node = it.next();
                    if (node != null && !node.isNull() && !node.isEmpty()) docs.add(new Doc(source, node));
                }
            }
        }
        return docs;
    }

    static List<String> check(Doc doc) {
        List<String> problems = new ArrayList<>();
        JsonNode node = doc.node();
        String apiVersion = node.path("apiVersion").asText();
        String kind = doc.kind();
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            return List.of(doc.source() + ": a document without apiVersion or kind");
        }
        if (apiVersion.startsWith("kustomize.config.k8s.io/")) {
            return List.of(); // checked by kustomizationsNameFilesThatExist
        }
        if (doc.name().isEmpty()) problems.add(doc.where() + ": no metadata.name");
        if (NOT_SCHEMA_VALIDATED.contains(kind)) return problems;
        try {
            Object model;
            if (STRIMZI.containsKey(kind)) {
                if (!apiVersion.startsWith("kafka.strimzi.io/")) {
                    return List.of(doc.where() + ": unexpected apiVersion " + apiVersion);
                }
                model = KUBE.convertValue(node, STRIMZI.get(kind));
            } else {
                model = KUBE.unmarshal(node.toString());
                if (model instanceof GenericKubernetesResource) {
                    return List.of(doc.where() + ": no Java model for " + apiVersion + " " + kind
                            + " (misspelled kind or apiVersion? otherwise list it in NOT_SCHEMA_VALIDATED)");
                }
            }
            unknownFields(model, kind, Collections.newSetFromMap(new IdentityHashMap<>()), problems, doc);
            if (model instanceof Deployment d) problems.addAll(hardened(doc, d));
            if (model instanceof Ingress i) problems.addAll(publicPaths(doc, i));
        } catch (RuntimeException e) {
            problems.add(doc.where() + ": " + e.getMessage());
        }
        return problems;
    }

    /** Walks the model graph: any object whose additionalProperties is not empty held an unknown field. */
    static void unknownFields(Object value, String path, Set<Object> seen, List<String> problems, Doc doc) {
        if (value == null
                || value instanceof String
                || value instanceof Number
                || value instanceof Boolean
                || value instanceof Enum<?>
                || !seen.add(value)) {
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) unknownFields(item, path + "[" + i++ + "]", seen, problems, doc);
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, seen, problems, doc));
            return;
        }
        String type = value.getClass().getName();
        if (!type.startsWith("io.fabric8.") && !type.startsWith("io.strimzi.")) return;
        for (Class<?> c = value.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) continue;
                field.setAccessible(true);
                Object child;
                try {
                    child = field.get(value);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
                if (field.getName().equals("additionalProperties") && child instanceof Map<?, ?> extra) {
                    if (!extra.isEmpty())
                        problems.add(doc.where() + ": unknown field(s) " + extra.keySet() + " at " + path);
                } else {
                    unknownFields(child, path + "." + field.getName(), seen, problems, doc);
                }
            }
        }
    }

    /** Restricted Pod Security and resources on every container of a Deployment. */
    static List<String> hardened(Doc doc, Deployment deployment) {
        List<String> problems = new ArrayList<>();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        var podContext = pod.getSecurityContext();
        if (podContext == null
                || !Boolean.TRUE.equals(podContext.getRunAsNonRoot())
                || podContext.getSeccompProfile() == null
                || !"RuntimeDefault".equals(podContext.getSeccompProfile().getType())) {
            problems.add(doc.where() + ": pod securityContext needs runAsNonRoot and seccompProfile RuntimeDefault");
        }
        List<Container> containers = new ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) containers.addAll(pod.getInitContainers());
        for (Container c : containers) {
            var sc = c.getSecurityContext();
            if (sc == null
                    || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())
                    || !Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())
                    || sc.getCapabilities() == null
                    || !List.of("ALL").equals(sc.getCapabilities().getDrop())) {
                problems.add(doc.where() + " container " + c.getName()
                        + ": needs allowPrivilegeEscalation false, readOnlyRootFilesystem, capabilities drop ALL");
            }
            var r = c.getResources();
            for (String res : List.of("cpu", "memory")) {
                if (r == null || r.getRequests() == null || !r.getRequests().containsKey(res)) {
                    problems.add(doc.where() + " container " + c.getName() + ": no " + res + " request");
                }
                if (r == null || r.getLimits() == null || !r.getLimits().containsKey(res)) {
                    problems.add(doc.where() + " container " + c.getName() + ": no " + res + " limit");
                }
            }
        }
        return problems;
    }

    /** The ingress never routes the management paths /q and /admin, nor everything ("/" as a prefix). */
    static List<String> publicPaths(Doc doc, Ingress ingress) {
        List<String> problems = new ArrayList<>();
        ingress.getSpec().getRules().forEach(rule -> {
            for (HTTPIngressPath p : rule.getHttp().getPaths()) {
                String path = p.getPath();
                boolean prefix = "Prefix".equals(p.getPathType());
                boolean management =
                        List.of("/q", "/admin").stream().anyMatch(m -> path.equals(m) || path.startsWith(m + "/"));
                if (management || (prefix && path.equals("/"))) {
                    problems.add(
                            doc.where() + ": " + rule.getHost() + " exposes " + path + " (" + p.getPathType() + ")");
                }
            }
        });
        return problems;
    }
}
