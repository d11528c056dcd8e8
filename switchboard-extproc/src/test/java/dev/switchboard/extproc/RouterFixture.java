package dev.switchboard.extproc;

import dev.switchboard.core.cache.InMemoryCacheStore;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.config.yaml.ConfigLoader;
import dev.switchboard.core.pipeline.RouterPipeline;
import dev.switchboard.core.plugin.cache.ResponseCache;
import dev.switchboard.core.plugin.jailbreak.JailbreakScorer;
import dev.switchboard.server.SwitchboardServer;
import dev.switchboard.testing.TestUpstream;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * One router for a test class, reachable both ways: its HTTP proxy and an ext_proc listener on the same running
 * router (one pipeline, one cache, one set of listeners). Two test upstreams stand in for the models: {@code general}
 * may not see phone numbers (the PII guard redacts them), {@code math} is a Qwen3 model with reasoning.
 */
final class RouterFixture implements AutoCloseable {

    static final String KEY = "sk-switchboard-extproc-test-0123456789";
    /** A tenant allowed one request a minute. */
    static final String LIMITED_KEY = "sk-switchboard-extproc-limited-0123456789";
    static final String PHONE = "+1 415 555 0132";
    /** Stands in for the jailbreak head (switchboard-cli tests the real one): attacks score 0.9, the rest 0.05. */
    private static final JailbreakScorer PHRASES = (text, shared) ->
            text.toLowerCase().contains("ignore previous instructions") ? 0.9 : 0.05;

    final TestUpstream general = TestUpstream.start("general");
    final TestUpstream math = TestUpstream.start("math");
    final InMemoryCacheStore cacheStore = InMemoryCacheStore.builder(WordHashEncoder.DIMENSION).build();
    final RequestEnds ends = new RequestEnds();
    final SwitchboardServer router;
    final ExtProcServer extProc;

    RouterFixture() {
        SwitchboardConfig config = ConfigLoader.parse(yaml(), "extproc-test.yaml");
        ResponseCache cache = ResponseCache.of(cacheStore, Clock.systemUTC(), config.cache());
        router = SwitchboardServer.start(config,
                c -> new RouterPipeline(c, List.of(), new WordHashEncoder(), cache, PHRASES), List.of(ends));
        extProc = ExtProcServer.start(config.extProc(), router.handle());
    }

    private String yaml() {
        return """
                server: {host: 127.0.0.1, port: 0, max_body_bytes: 65536}
                extproc: {enabled: true, port: 0}
                routing: {default_model: general}
                auth:
                  keys:
                    - {name: app, key: "%s"}
                    - {name: limited, key: "%s", rate_limit: {requests_per_minute: 1}}
                tools: {top_k: 1}
                guards:
                  jailbreak: {}
                  pii: {action: redact, entities: false}
                models:
                  - name: general
                    endpoints: [{url: "%s"}]
                    pii_policy: {allow_by_default: false, pii_types_allowed: [EMAIL_ADDRESS]}
                  - name: math
                    provider_model_id: Qwen/Qwen3-32B
                    reasoning_family: qwen3
                    endpoints: [{url: "%s"}]
                signals:
                  keywords:
                    - {name: math, keywords: [integral]}
                    - {name: hello, keywords: [hello]}
                decisions:
                  - name: math
                    priority: 10
                    rules: {type: keyword, name: math}
                    model_refs: [{model: math, use_reasoning: true}]
                    plugins:
                      - {type: system_prompt, system_prompt: "You are a careful mathematician."}
                      - {type: cache}
                  - name: greeting
                    priority: 5
                    rules: {type: keyword, name: hello}
                    model_refs: [{model: general}]
                    plugins: [{type: fast_response, message: "Hi! Ask me anything."}]
                  - name: other
                    model_refs: [{model: general}]
                """.formatted(KEY, LIMITED_KEY, general.baseUrl(), math.baseUrl());
    }

    /** Envoy's clusters, one per model, as deploy/envoy/envoy.yaml declares them. */
    Map<String, String> clusters() {
        return Map.of("general", general.baseUrl(), "math", math.baseUrl());
    }

    int upstreamHits() {
        return general.hits() + math.hits();
    }

    @Override
    public void close() {
        extProc.close();
        router.close();
        general.close();
        math.close();
    }
}
