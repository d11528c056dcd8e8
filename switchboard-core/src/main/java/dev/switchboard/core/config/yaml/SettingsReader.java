package dev.switchboard.core.config.yaml;

import dev.switchboard.core.config.DecisionRecordSettings;
import dev.switchboard.core.config.EncoderConfig;
import dev.switchboard.core.config.RoutingSettings;
import dev.switchboard.core.config.ServerSettings;
import dev.switchboard.core.config.UpstreamSettings;
import dev.switchboard.core.config.UpstreamSettings.RetrySettings;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Reads the {@code server}, {@code routing} and {@code upstream} sections. */
final class SettingsReader {

    static final List<String> DEFAULT_AUTO_MODEL_NAMES = List.of("auto", "MoM");

    static final Set<String> SERVER_KEYS = Set.of("host", "port", "max_body_bytes", "request_timeout",
            "shutdown_quiet_period", "shutdown_timeout");
    static final Set<String> ROUTING_KEYS = Set.of("auto_model_names", "default_model", "decision_records");
    static final Set<String> UPSTREAM_KEYS = Set.of("connect_timeout", "first_byte_timeout", "idle_timeout",
            "retry");
    static final Set<String> RETRY_KEYS = Set.of("max_attempts", "initial_backoff", "max_backoff",
            "retry_in_flight");
    static final Set<String> ENCODER_KEYS = Set.of("model_path", "tokenizer_path", "pooling", "max_tokens",
            "sessions", "tenant_sessions", "tenant_queue", "solo_threads");

    private SettingsReader() {}

    static ServerSettings server(ConfigNode node) {
        ServerSettings defaults = ServerSettings.DEFAULTS;
        node.rejectUnknown(SERVER_KEYS);
        String host = node.stringOr("host", defaults.host());
        node.check(!host.isBlank(), "host", "`host` must not be empty", "use 0.0.0.0 for every interface");
        int port = node.intOr("port", defaults.port());
        node.check(port >= 0 && port <= 65535, "port", "port " + port + " is out of range",
                "use 1-65535, or 0 for any free port");
        long maxBodyBytes = node.longOr("max_body_bytes", defaults.maxBodyBytes());
        node.check(maxBodyBytes > 0, "max_body_bytes", "`max_body_bytes` must be positive", null);
        // zero switches the timeout off: long generations may be bounded by the upstream timeouts alone
        Duration requestTimeout = node.durationOr("request_timeout", defaults.requestTimeout());
        Duration quiet = node.durationOr("shutdown_quiet_period", defaults.shutdownQuietPeriod());
        Duration drain = node.durationOr("shutdown_timeout", defaults.shutdownTimeout());
        return new ServerSettings(host, port, maxBodyBytes, requestTimeout, quiet, drain);
    }

    /** Reads routing; {@code modelNames} are the defined models, which {@code default_model} must name. */
    static RoutingSettings routing(ConfigNode node, Set<String> modelNames) {
        node.rejectUnknown(ROUTING_KEYS);
        List<String> autoNames = node.stringList("auto_model_names", DEFAULT_AUTO_MODEL_NAMES);
        for (String autoName : autoNames) {
            // a model called "auto" could never be asked for directly, so refuse the ambiguity
            node.check(!modelNames.contains(autoName), "auto_model_names",
                    "`" + autoName + "` is both an auto-routing name and a model name",
                    "rename the model or remove it from auto_model_names");
        }
        DecisionRecordSettings records = DecisionRecordsReader.read(node.object("decision_records"));
        if (!node.has("default_model")) {
            node.error("default_model", "missing required key `default_model`",
                    "name the model to use when no decision matches; known models: "
                            + Suggestions.listing(modelNames));
            return new RoutingSettings(autoNames, null, records);
        }
        String defaultModel = node.string("default_model");
        if (defaultModel != null && !defaultModel.isBlank() && !modelNames.contains(defaultModel)) {
            node.error("default_model", "unknown model `" + defaultModel + "`",
                    Suggestions.hint(defaultModel, modelNames, "models"));
        }
        return new RoutingSettings(autoNames, defaultModel, records);
    }

    static UpstreamSettings upstream(ConfigNode node) {
        UpstreamSettings defaults = UpstreamSettings.DEFAULTS;
        node.rejectUnknown(UPSTREAM_KEYS);
        return new UpstreamSettings(
                positiveDuration(node, "connect_timeout", defaults.connectTimeout()),
                positiveDuration(node, "first_byte_timeout", defaults.firstByteTimeout()),
                positiveDuration(node, "idle_timeout", defaults.idleTimeout()),
                retry(node.object("retry")));
    }

    private static RetrySettings retry(ConfigNode node) {
        RetrySettings defaults = RetrySettings.DEFAULTS;
        node.rejectUnknown(RETRY_KEYS);
        int maxAttempts = node.intOr("max_attempts", defaults.maxAttempts());
        node.check(maxAttempts >= 1, "max_attempts", "`max_attempts` must be at least 1",
                "1 means no retries; it counts the first attempt");
        Duration initial = node.durationOr("initial_backoff", defaults.initialBackoff());
        Duration max = node.durationOr("max_backoff", defaults.maxBackoff());
        node.check(max.compareTo(initial) >= 0, "max_backoff", "`max_backoff` (" + max.toMillis()
                + "ms) is shorter than `initial_backoff` (" + initial.toMillis() + "ms)", null);
        boolean retryInFlight = node.boolOr("retry_in_flight", defaults.retryInFlight());
        return new RetrySettings(maxAttempts, initial, max, retryInFlight);
    }

    private static Duration positiveDuration(ConfigNode node, String key, Duration fallback) {
        Duration value = node.durationOr(key, fallback);
        return node.check(!value.isZero(), key, "`" + key + "` must be longer than zero", Durations.EXPECTED)
                ? value : fallback;
    }

    static EncoderConfig encoder(ConfigNode node) {
        EncoderConfig defaults = EncoderConfig.DEFAULTS;
        node.rejectUnknown(ENCODER_KEYS);
        String modelPath = node.stringOr("model_path", defaults.modelPath());
        String tokenizerPath = node.stringOr("tokenizer_path", defaults.tokenizerPath());
        EncoderConfig.Pooling pooling = node.enumOr("pooling", EncoderConfig.Pooling.class, defaults.pooling());
        int maxTokens = node.intOr("max_tokens", defaults.maxTokens());
        node.check(maxTokens >= 8 && maxTokens <= 8192, "max_tokens", "`max_tokens` " + maxTokens
                + " is out of range", "use 8-8192; BERT-style encoders take at most 512");
        int sessions = node.intOr("sessions", defaults.sessions());
        node.check(sessions >= 1 && sessions <= 64, "sessions", "`sessions` " + sessions + " is out of range",
                "one per core is a good start");
        int tenantSessions = node.intOr("tenant_sessions", EncoderConfig.defaultTenantSessions(sessions));
        node.check(tenantSessions >= 1 && tenantSessions <= Math.max(1, sessions), "tenant_sessions",
                "`tenant_sessions` " + tenantSessions + " is outside 1..sessions (" + sessions + ")",
                "below `sessions` leaves the other tenants a free session whatever one tenant sends");
        int tenantQueue = node.intOr("tenant_queue", EncoderConfig.DEFAULT_TENANT_QUEUE);
        node.check(tenantQueue >= 1 && tenantQueue <= 100_000, "tenant_queue", "`tenant_queue` " + tenantQueue
                + " is outside 1..100000", "requests of one tenant that may wait for a session; more get 429");
        int soloThreads = node.intOr("solo_threads", EncoderConfig.DEFAULT_SOLO_THREADS);
        node.check(soloThreads >= 1 && soloThreads <= 64, "solo_threads", "`solo_threads` " + soloThreads
                + " is outside 1..64", "2 lets a lone request's encoder pass use two cores; 1 turns that off");
        return new EncoderConfig(modelPath, tokenizerPath, pooling, maxTokens, sessions, tenantSessions,
                tenantQueue, soloThreads);
    }
}
