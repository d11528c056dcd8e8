package dev.switchboard.core.config.yaml;

import dev.switchboard.core.config.CacheSettings;
import dev.switchboard.core.config.DecisionConfig;
import dev.switchboard.core.config.SwitchboardConfig;
import static dev.switchboard.core.config.yaml.ConfigFixtures.BASE;
import static dev.switchboard.core.config.yaml.ConfigFixtures.errorsOf;
import static dev.switchboard.core.config.yaml.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cache section and the per-decision cache plugin. */
class CacheConfigTest {

    private static final String DECISIONS = """
            decisions:
              - name: plain
                model_refs: [{model: qwen}]
              - name: tuned
                model_refs: [{model: qwen}]
                plugins: [{type: cache, similarity_threshold: 0.99, ttl: 5m, mode: exact}]
              - name: never
                model_refs: [{model: qwen}]
                plugins: [{type: cache, enabled: false}]
            """;

    @Test
    void cacheIsOffByDefault() {
        SwitchboardConfig config = parse(BASE + DECISIONS);
        assertThat(config.cache()).isEqualTo(CacheSettings.DEFAULTS);
        assertThat(config.cache().policyFor(config.decisions().get(0))).isEmpty();
        assertThat(config.cache().policyFor(config.decisions().get(1)))
                .contains(new CacheSettings.Policy(CacheSettings.Mode.EXACT, 0.99, Duration.ofMinutes(5)));
        assertThat(config.cachesAnything()).isTrue();
        assertThat(parse(BASE).cachesAnything()).isFalse();
    }

    @Test
    void pluginsOverrideTheGlobalDefaults() {
        SwitchboardConfig config = parse(BASE + "cache: {enabled: true, similarity_threshold: 0.9, ttl: 2h}\n"
                + DECISIONS);
        List<DecisionConfig> d = config.decisions();
        assertThat(config.cache().policyFor(d.get(0))).contains(
                new CacheSettings.Policy(CacheSettings.Mode.EXACT_THEN_SEMANTIC, 0.9, Duration.ofHours(2)));
        assertThat(config.cache().policyFor(d.get(1))).contains(
                new CacheSettings.Policy(CacheSettings.Mode.EXACT, 0.99, Duration.ofMinutes(5)));
        assertThat(config.cache().policyFor(d.get(2))).isEmpty();
        assertThat(config.needsEncoder()).isTrue();
    }

    @Test
    void postgresBackendNeedsItsConnection() {
        List<ConfigError> errors = errorsOf(BASE + """
                cache:
                  backend: postgres
                  similarity_threshold: 1.5
                  ttl: 0s
                """);
        assertThat(errors).extracting(ConfigError::path).containsExactlyInAnyOrder(
                "cache.postgres", "cache.similarity_threshold", "cache.ttl");
        assertThat(errorsOf(BASE + "cache: {backend: postgres, postgres: {url: 'mysql://x', table: 'a;b'}}\n"))
                .extracting(ConfigError::path).containsExactlyInAnyOrder("cache.postgres.url",
                        "cache.postgres.table");
    }

    @Test
    void partitionsVerifierAndToolCallsAreConfigurable() {
        CacheSettings settings = parse(BASE + "cache: {partition_by: user, verifier: false, store_tool_calls: true}\n")
                .cache();
        assertThat(settings.partitionBy()).isEqualTo(CacheSettings.PartitionBy.USER);
        assertThat(settings.verifier()).isFalse();
        assertThat(settings.storeToolCalls()).isTrue();
        assertThat(CacheSettings.DEFAULTS.partitionBy()).isEqualTo(CacheSettings.PartitionBy.TENANT);
        assertThat(errorsOf(BASE + "cache: {partition_by: everyone, verifier: maybe}\n"))
                .extracting(ConfigError::path).containsExactlyInAnyOrder("cache.partition_by", "cache.verifier");
    }
}
