package dev.switchboard.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.config.yaml.ConfigLoader;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart in deploy/helm/switchboard, rendered by real Helm: it lints strictly, every object it renders
 * decodes strictly into its Kubernetes API type (deploy/helm/validate), the probes and mounts are the ones the
 * router needs, and the config it writes is one the router itself loads.
 */
class HelmChartTest {

    private static final String CHART = "deploy/helm/switchboard";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static String render(String... sets) {
        List<String> command = new ArrayList<>(List.of(DeployTools.helm().toString(), "template", "sb", CHART));
        for (String set : sets) {
            command.addAll(List.of("--set", set));
        }
        return Exec.run(command, "").orFail();
    }

    private static List<JsonNode> objects(String manifests) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(manifests)) {
            for (JsonNode node : YAML.readValues(parser, JsonNode.class).readAll()) {
                if (node != null && node.has("kind")) {
                    objects.add(node);
                }
            }
        }
        return objects;
    }

    private static Optional<JsonNode> find(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).findFirst();
    }

    private static void assertValid(String manifests) {
        String report = Exec.run(List.of(DeployTools.validator().toString()), manifests).orFail();
        assertThat(report).doesNotContain("INVALID");
    }

    @Test
    void lintsStrictlyWithDefaultsAndWithEveryOptionOn() {
        Exec.run(List.of(DeployTools.helm().toString(), "lint", "--strict", CHART), "").orFail();
        Exec.run(List.of(DeployTools.helm().toString(), "lint", "--strict", CHART, "--set",
                "autoscaling.enabled=true,metrics.serviceMonitor.enabled=true"), "").orFail();
    }

    @Test
    void defaultsRenderValidObjectsWithTheProbesTheRouterNeeds() throws IOException {
        String manifests = render();
        assertValid(manifests);
        List<JsonNode> objects = objects(manifests);
        assertThat(objects).extracting(o -> o.path("kind").asText()).containsExactlyInAnyOrder(
                "Deployment", "Service", "ConfigMap", "ServiceAccount", "PodDisruptionBudget");
        JsonNode deployment = find(objects, "Deployment").orElseThrow();
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(3);
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/ready");
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/ready");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health");
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(deployment.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(mountPath(container, "tmp")).isEqualTo("/tmp");
        assertThat(mountPath(container, "config")).isEqualTo("/etc/switchboard");
        assertThat(container.toString()).as("subPath mounts never see ConfigMap updates").doesNotContain("subPath");
        assertThat(container.path("args").toString()).contains("/etc/switchboard/switchboard.yaml");
    }

    @Test
    void theConfigMapHoldsAConfigTheRouterLoadsListeningOnThePodsPorts() throws IOException {
        List<JsonNode> objects = objects(render("server.shutdownQuietPeriod=7s"));
        String yaml = find(objects, "ConfigMap").orElseThrow().at("/data/switchboard.yaml").asText();
        SwitchboardConfig config = ConfigLoader.parse(yaml, "configmap", name -> null);
        assertThat(config.server().host()).isEqualTo("0.0.0.0");
        assertThat(config.server().port()).isEqualTo(8801);
        assertThat(config.server().shutdownQuietPeriod()).isEqualTo(Duration.ofSeconds(7));
        assertThat(config.admin().host()).isEqualTo("0.0.0.0");
        JsonNode deployment = find(objects, "Deployment").orElseThrow();
        int grace = deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asInt();
        assertThat(Duration.ofSeconds(grace)).as("Kubernetes must not kill the pod while it drains")
                .isGreaterThan(config.server().shutdownQuietPeriod().plus(config.server().shutdownTimeout()));
        JsonNode ports = deployment.at("/spec/template/spec/containers/0/ports");
        assertThat(ports.findValuesAsText("containerPort")).containsExactly("8801", "8802");
    }

    @Test
    void autoscalingSecretsAndServiceMonitorRenderValidObjects() throws IOException {
        String manifests = render("autoscaling.enabled=true", "metrics.serviceMonitor.enabled=true",
                "secretEnv[0].name=UPSTREAM_API_KEY", "secretEnv[0].secretName=llm-keys", "secretEnv[0].key=openai");
        assertValid(manifests);
        List<JsonNode> objects = objects(manifests);
        JsonNode deployment = find(objects, "Deployment").orElseThrow();
        assertThat(deployment.at("/spec").has("replicas")).as("the HPA owns the replica count").isFalse();
        JsonNode hpa = find(objects, "HorizontalPodAutoscaler").orElseThrow();
        assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo(deployment.at("/metadata/name").asText());
        JsonNode env = deployment.at("/spec/template/spec/containers/0/env");
        assertThat(env.toString()).contains("\"secretKeyRef\":{\"name\":\"llm-keys\",\"key\":\"openai\"}");
        JsonNode monitor = find(objects, "ServiceMonitor").orElseThrow();
        assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("admin");
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/metrics");
        JsonNode service = find(objects, "Service").orElseThrow();
        assertThat(service.at("/spec/ports").findValuesAsText("name")).containsExactly("http", "admin");
    }

    @Test
    void theExtProcListenerIsConfiguredAndExposedForEnvoy() throws IOException {
        String manifests = render("extproc.enabled=true");
        assertValid(manifests);
        List<JsonNode> objects = objects(manifests);
        String yaml = find(objects, "ConfigMap").orElseThrow().at("/data/switchboard.yaml").asText();
        SwitchboardConfig config = ConfigLoader.parse(yaml, "configmap", name -> null);
        assertThat(config.extProc().enabled()).isTrue();
        assertThat(config.extProc().host()).isEqualTo("0.0.0.0");
        JsonNode service = find(objects, "Service").orElseThrow();
        assertThat(service.at("/spec/ports").findValuesAsText("name")).contains("grpc");
        assertThat(service.at("/spec/ports").findValuesAsText("port")).contains(
                Integer.toString(config.extProc().port()));
    }

    @Test
    void aServiceMonitorWithoutTheAdminPortIsRefusedWithTheReason() {
        Exec result = Exec.run(List.of(DeployTools.helm().toString(), "template", "sb", CHART, "--set",
                "metrics.serviceMonitor.enabled=true,admin.enabled=false"), "");
        assertThat(result.exit()).isNotZero();
        assertThat(result.err()).contains("metrics.serviceMonitor needs admin.enabled");
    }

    @Test
    void theValidatorRejectsWhatTheApiServerWould() {
        Exec result = Exec.run(List.of(DeployTools.validator().toString()),
                "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {portz: []}\n");
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).contains("unknown field \"spec.portz\"");
    }

    private static String mountPath(JsonNode container, String volume) {
        for (JsonNode mount : (ArrayNode) container.path("volumeMounts")) {
            if (mount.path("name").asText().equals(volume)) {
                return mount.path("mountPath").asText();
            }
        }
        return null;
    }
}
