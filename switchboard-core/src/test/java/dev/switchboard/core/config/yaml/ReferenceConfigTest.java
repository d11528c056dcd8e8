package dev.switchboard.core.config.yaml;

import dev.switchboard.core.config.DecisionConfig;
import dev.switchboard.core.config.GuardSettings;
import dev.switchboard.core.config.ModelConfig;
import dev.switchboard.core.config.ReasoningFamily;
import dev.switchboard.core.config.ServerSettings;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.config.UpstreamSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The user-facing reference file must always load, without any environment variables set. */
class ReferenceConfigTest {

    private static final Path REFERENCE = Path.of("../config/reference.yaml");

    @Test
    void referenceConfigLoadsWithAnEmptyEnvironment() {
        SwitchboardConfig config = ConfigLoader.load(REFERENCE, Map.<String, String>of()::get);

        assertThat(config.server()).isEqualTo(ServerSettings.DEFAULTS);
        assertThat(config.upstream()).isEqualTo(UpstreamSettings.DEFAULTS);
        assertThat(config.routing().autoModelNames()).containsExactly("auto", "MoM");
        assertThat(config.models()).containsKeys("echo", "qwen3-8b");
        assertThat(config.decisions()).extracting(DecisionConfig::name)
                .containsExactly("math", "urgent-paging", "everything-else");
    }

    @Test
    void referenceConfigShowsEveryModelFeature() {
        ModelConfig qwen = ConfigLoader.load(REFERENCE, Map.<String, String>of()::get).models().get("qwen3-8b");

        assertThat(qwen.providerModelId()).isEqualTo("Qwen/Qwen3-8B");
        assertThat(qwen.reasoningFamily()).isEqualTo(ReasoningFamily.QWEN3);
        assertThat(qwen.endpoints()).containsExactly(
                new ModelConfig.EndpointConfig("http://127.0.0.1:8000/v1", 3),
                new ModelConfig.EndpointConfig("http://127.0.0.1:8001/v1", 1));
        assertThat(qwen.pricing()).isEqualTo(new ModelConfig.Pricing(0.10, 0.40));
    }

    @Test
    void referenceConfigDocumentsEveryKey() throws IOException {
        // every key a reader accepts must appear in the reference, set or commented out
        String reference = Files.readString(REFERENCE);
        Stream<Set<String>> keySets = Stream.of(RootReader.TOP_LEVEL_KEYS,
                SettingsReader.SERVER_KEYS, SettingsReader.ROUTING_KEYS, SettingsReader.UPSTREAM_KEYS,
                SettingsReader.RETRY_KEYS, ModelsReader.MODEL_KEYS, ModelsReader.PRICING_KEYS,
                ModelsReader.ENDPOINT_KEYS, SignalsReader.SIGNALS_KEYS, SignalsReader.KEYWORD_KEYS,
                SignalsReader.CONTEXT_LENGTH_KEYS, SignalsReader.COMPLEXITY_KEYS, DecisionsReader.DECISION_KEYS,
                DecisionsReader.MODEL_REF_KEYS, DecisionsReader.SELECTION_KEYS,
                RuleReader.CONDITION_KEYS, RuleReader.COMBINATION_KEYS, PluginsReader.SYSTEM_PROMPT_KEYS,
                PluginsReader.FAST_RESPONSE_KEYS, PluginsReader.CACHE_KEYS, PluginsReader.JAILBREAK_KEYS,
                PluginsReader.PII_KEYS, GuardsReader.GUARDS_KEYS, GuardsReader.JAILBREAK_KEYS, GuardsReader.PII_KEYS,
                AuthReader.AUTH_KEYS, AuthReader.KEY_KEYS, AuthReader.RATE_LIMIT_KEYS, AuthReader.BUDGET_KEYS,
                AdminReader.ADMIN_KEYS, ExtProcReader.EXTPROC_KEYS, ToolsReader.TOOLS_KEYS, ToolsReader.PLUGIN_KEYS, MlBudgetReader.KEYS,
                DecisionRecordsReader.KEYS);

        assertThat(keySets.flatMap(Set::stream).distinct())
                .allSatisfy(key -> assertThat(reference).as("reference.yaml documents `%s`", key)
                        .containsPattern("(?m)^[ #-]*(- )?\\{?" + key + ":"));
    }

    @Test
    void referenceConfigDefaultsMatchTheRecordDefaults() {
        // the reference spells out every default; if a record default changes, the documentation must follow
        SwitchboardConfig config = ConfigLoader.load(REFERENCE, Map.<String, String>of()::get);
        assertThat(config.upstream().retry().initialBackoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.server().maxBodyBytes()).isEqualTo(4L * 1024 * 1024);
        assertThat(config.guards().jailbreak()).isEqualTo(GuardSettings.JailbreakGuard.DEFAULTS);
        assertThat(config.guards().pii()).isEqualTo(GuardSettings.PiiGuard.DEFAULTS);
        assertThat(config.tools().global()).isEqualTo(dev.switchboard.core.config.ToolSettings.Policy.DEFAULTS);
        assertThat(config.admin()).isEqualTo(dev.switchboard.core.config.AdminSettings.DEFAULTS);
        assertThat(config.admin().portFor(config.server())).isEqualTo(8802);
        assertThat(config.routing().decisionRecords())
                .isEqualTo(dev.switchboard.core.config.DecisionRecordSettings.DEFAULTS);
    }

    @Test
    void referenceConfigShowsAClientKey() {
        var auth = ConfigLoader.load(REFERENCE, Map.<String, String>of()::get).auth();
        assertThat(auth.enabled()).isTrue();
        assertThat(auth.key("example-app")).hasValueSatisfying(key -> {
            assertThat(key.allowedModels()).containsExactlyInAnyOrder("auto", "echo");
            assertThat(key.rateLimit().requestsPerMinute()).isEqualTo(600);
            assertThat(key.upstreamKey()).isEqualTo(dev.switchboard.core.config.AuthSettings.UpstreamKey.OPERATOR);
        });
    }
}
