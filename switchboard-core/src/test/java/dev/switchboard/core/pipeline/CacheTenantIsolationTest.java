package dev.switchboard.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.cache.InMemoryCacheStore;
import dev.switchboard.core.config.yaml.ConfigLoader;
import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.encode.TextEncoder;
import dev.switchboard.core.plan.ResponsePath;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plugin.cache.ResponseCache;
import dev.switchboard.core.request.ChatRequest;
import dev.switchboard.core.response.Completions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Two tenants never share a cache entry, exact or semantic: the pipeline keys partitions by the tenant its caller
 * was authenticated as ({@link ChatRequest#withTenant}; the HTTP path sets it on the request context from
 * authentication).
 */
class CacheTenantIsolationTest {

    private static final String YAML = """
            routing: {default_model: m}
            models:
              - name: m
                endpoints: [{url: "http://127.0.0.1:1"}]
            cache: {enabled: true, verifier: false, similarity_threshold: 0.5}
            decisions:
              - name: main
                model_refs: [{model: m}]
            """;

    private final ResponseCache cache = new ResponseCache(InMemoryCacheStore.builder(BagOfWords.DIMENSION).build(),
            Clock.systemUTC(), null, false);
    private final RouterPipeline pipeline = new RouterPipeline(ConfigLoader.parse(YAML, "tenants.yaml"), List.of(),
            new BagOfWords(), cache);

    private RoutePlan ask(String tenant, String question) {
        RoutePlan plan = pipeline.plan(ChatRequest.ofUserText("auto", question).withTenant(tenant));
        if (!plan.cache().isHit()) {
            cache.store(plan.cache().ticket(), Completions.completion("m", "answer for " + tenant, "stop", 3)
                    .toString().getBytes(StandardCharsets.UTF_8));
        }
        return plan;
    }

    private static String answer(RoutePlan plan) {
        return new String(plan.cache().hit().entry().response(), StandardCharsets.UTF_8);
    }

    @Test
    void tenantsNeverShareAnEntryExactOrSemantic() {
        assertThat(ask("acme", "how do i rotate my api keys").path()).isEqualTo(ResponsePath.UPSTREAM);
        assertThat(ask("globex", "how do i rotate my api keys").path()).isEqualTo(ResponsePath.UPSTREAM);
        assertThat(ask("initech", "how can i rotate my api keys").path()).isEqualTo(ResponsePath.UPSTREAM);
        assertThat(ask(null, "how do i rotate my api keys").path()).isEqualTo(ResponsePath.UPSTREAM);

        RoutePlan exact = ask("acme", "how do i rotate my api keys");
        assertThat(exact.path()).isEqualTo(ResponsePath.CACHE);
        assertThat(answer(exact)).contains("answer for acme");
        RoutePlan semantic = ask("globex", "how can i rotate my api keys");
        assertThat(semantic.path()).isEqualTo(ResponsePath.CACHE);
        assertThat(semantic.cache().hit().similarity()).isLessThan(1.0);
        assertThat(answer(semantic)).contains("answer for globex");
        assertThat(cache.store().partitions()).hasSize(4);
    }

    /** A deterministic stand-in encoder: word counts hashed into a few dimensions, normalized. */
    private static final class BagOfWords implements TextEncoder {
        static final int DIMENSION = 16;

        @Override
        public Encoding encode(String text) {
            float[] v = new float[DIMENSION];
            for (String word : text.toLowerCase(Locale.ROOT).split("\\W+")) {
                v[Math.floorMod(word.hashCode(), DIMENSION)] += 1f;
            }
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            for (int i = 0; i < DIMENSION; i++) {
                v[i] /= (float) Math.sqrt(norm);
            }
            return new Encoding(v, new float[0][], new int[0][], false);
        }

        @Override
        public String modelId() {
            return "bag-of-words";
        }

        @Override
        public int dimension() {
            return DIMENSION;
        }
    }
}
