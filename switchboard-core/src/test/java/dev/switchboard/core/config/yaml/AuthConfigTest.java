package dev.switchboard.core.config.yaml;

import static dev.switchboard.core.config.yaml.ConfigFixtures.BASE;
import static dev.switchboard.core.config.yaml.ConfigFixtures.errorsOf;
import static dev.switchboard.core.config.yaml.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.config.AdminSettings;
import dev.switchboard.core.config.AuthSettings;
import dev.switchboard.core.config.AuthSettings.ClientKey;
import dev.switchboard.core.config.KeyDigest;
import dev.switchboard.core.config.ServerSettings;
import dev.switchboard.core.config.SwitchboardConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code auth} and {@code admin} sections: key sources, permissions, limits, and errors that keep secrets. */
class AuthConfigTest {

    private static final String KEY = "sk-live-0123456789abcdef";

    private static String describeAll(List<ConfigError> errors) {
        return errors.stream().map(ConfigError::toString).reduce("", String::concat);
    }

    @Test
    void withoutAnAuthSectionTheApiIsOpenAndAdminStaysLocal() {
        SwitchboardConfig config = parse(BASE);
        assertThat(config.auth().enabled()).isFalse();
        assertThat(config.admin()).isEqualTo(AdminSettings.DEFAULTS);
        assertThat(config.server().host()).isEqualTo("127.0.0.1");
        assertThat(config.admin().portFor(config.server())).isEqualTo(8802);
        assertThat(config.admin().portFor(new ServerSettings("127.0.0.1", 0, 1))).isZero();
    }

    @Test
    void keysComeFromTheEnvironmentADigestOrAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("key.txt");
        Files.writeString(file, "sk-file-0123456789abcdef\n");
        String hex = HexFormat.of().formatHex(KeyDigest.sha256("sk-hashed-0123456789abcdef"));
        SwitchboardConfig config = parse(BASE + """
                auth:
                  keys:
                    - name: env-app
                      key: ${APP_KEY}
                      allowed_models: [auto, qwen]
                      rate_limit: {requests_per_minute: 60, tokens_per_minute: 10000}
                      budget: {tokens_per_day: 100000}
                      upstream_key: client
                    - {name: hashed, key_sha256: %s}
                    - {name: filed, key_file: "%s"}
                """.formatted(hex.toUpperCase(), file), Map.of("APP_KEY", KEY));
        AuthSettings auth = config.auth();
        ClientKey env = auth.key("env-app").orElseThrow();
        assertThat(env.digest().matches(KEY)).isTrue();
        assertThat(env.allowedModels()).isEqualTo(Set.of("auto", "qwen"));
        assertThat(env.rateLimit()).isEqualTo(new AuthSettings.RateLimit(60, 10000));
        assertThat(env.budget()).isEqualTo(new AuthSettings.Budget(100000, 0));
        assertThat(env.upstreamKey()).isEqualTo(AuthSettings.UpstreamKey.CLIENT);
        assertThat(auth.key("hashed").orElseThrow().digest().matches("sk-hashed-0123456789abcdef")).isTrue();
        assertThat(auth.key("filed").orElseThrow().digest().matches("sk-file-0123456789abcdef")).isTrue();
        assertThat(auth.key("filed").orElseThrow().upstreamKey()).isEqualTo(AuthSettings.UpstreamKey.OPERATOR);
        assertThat(config.toString()).doesNotContain(KEY);
    }

    @Test
    void rateLimitsAreKeptInMemoryUnlessThePostgresStoreIsChosen() {
        String keys = """
                auth:
                  %s
                  keys: [{name: app, key_sha256: %s}]
                """;
        String hex = HexFormat.of().formatHex(KeyDigest.sha256(KEY));
        assertThat(parse(BASE + keys.formatted("", hex)).auth().rateLimitStore())
                .isEqualTo(AuthSettings.RateLimitStore.MEMORY);
        SwitchboardConfig shared = parse(BASE + keys.formatted("rate_limit_store: postgres", hex) + """
                cache: {postgres: {url: "jdbc:postgresql://db:5432/switchboard"}}
                """);
        assertThat(shared.auth().rateLimitStore()).isEqualTo(AuthSettings.RateLimitStore.POSTGRES);
        assertThat(shared.cache().enabled()).as("the cache may stay off").isFalse();
    }

    @Test
    void aSharedRateLimitStoreNeedsTheDatabaseOfCachePostgres() {
        String hex = HexFormat.of().formatHex(KeyDigest.sha256(KEY));
        List<ConfigError> errors = errorsOf(BASE + """
                auth:
                  rate_limit_store: postgres
                  keys: [{name: app, key_sha256: %s}]
                """.formatted(hex));
        assertThat(errors).extracting(ConfigError::path).containsExactly("auth.rate_limit_store");
        assertThat(describeAll(errors)).contains("cache.postgres");
        assertThat(errorsOf(BASE + """
                auth:
                  rate_limit_store: redis
                  keys: [{name: app, key_sha256: %s}]
                """.formatted(hex))).extracting(ConfigError::path).containsExactly("auth.rate_limit_store");
    }

    @Test
    void badKeysAreReportedWithTheirPathsAndNeverEchoed() {
        List<ConfigError> errors = errorsOf(BASE + """
                auth:
                  keys:
                    - {name: short, key: "sk-short-1"}
                    - {name: numeric, key: 98765432109876543210}
                    - {name: hex, key_sha256: "abc123notadigest"}
                    - {name: both, key: "sk-both-0123456789abcdef", key_file: /nowhere}
                    - {name: none}
                """);
        assertThat(errors).extracting(ConfigError::path).containsExactly("auth.keys[0].key", "auth.keys[1].key",
                "auth.keys[2].key_sha256", "auth.keys[3]", "auth.keys[4]");
        assertThat(describeAll(errors)).doesNotContain("sk-short-1", "98765432109876543210", "abc123notadigest",
                "sk-both-0123456789abcdef");
    }

    @Test
    void aMissingKeyFileIsNamed() {
        List<ConfigError> errors = errorsOf(BASE + """
                auth:
                  keys: [{name: app, key_file: /no/such/switchboard.key}]
                """);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("auth.keys[0].key_file");
            assertThat(e.message()).contains("/no/such/switchboard.key");
        });
    }

    @Test
    void permissionsMustNameWhatExists() {
        List<ConfigError> errors = errorsOf(BASE + """
                auth:
                  keys:
                    - name: app
                      key: %s
                      allowed_models: [auto, qwem]
                      allowed_decisions: [nope]
                      upstream_key: customer
                      rate_limit: {requests_per_minute: 0, tokens_per_mnute: 5}
                """.formatted(KEY));
        assertThat(errors).extracting(ConfigError::path).containsExactlyInAnyOrder(
                "auth.keys[0].allowed_models[1]", "auth.keys[0].allowed_decisions[0]", "auth.keys[0].upstream_key",
                "auth.keys[0].rate_limit.requests_per_minute", "auth.keys[0].rate_limit.tokens_per_mnute");
        assertThat(describeAll(errors)).contains("qwen").doesNotContain(KEY);
    }

    @Test
    void namesAndKeysAreUniqueAndNamesFitAMetricTag() {
        List<ConfigError> errors = errorsOf(BASE + """
                auth:
                  keys:
                    - {name: app, key: %1$s}
                    - {name: app, key: sk-other-0123456789abcdef}
                    - {name: copy, key: %1$s}
                    - {name: "bad name\\"}", key: sk-third-0123456789abcdef}
                """.formatted(KEY));
        assertThat(errors).extracting(ConfigError::path).containsExactlyInAnyOrder("auth.keys[1].name",
                "auth.keys[2]", "auth.keys[3].name");
        assertThat(describeAll(errors)).doesNotContain(KEY);
    }

    @Test
    void anEmptyAuthSectionIsAMistakeNotAnOpenApi() {
        assertThat(errorsOf(BASE + "auth: {keys: []}\n")).extracting(ConfigError::path).containsExactly("auth.keys");
    }

    @Test
    void adminSettingsAreChecked() {
        SwitchboardConfig config = parse(BASE + """
                server: {port: 9000}
                admin: {host: 127.0.0.1, port: 9100, token: "${ADMIN_TOKEN}"}
                """, Map.of("ADMIN_TOKEN", "admin-0123456789abcdef"));
        assertThat(config.admin().portFor(config.server())).isEqualTo(9100);
        assertThat(config.admin().token().matches("admin-0123456789abcdef")).isTrue();

        List<ConfigError> errors = errorsOf(BASE + """
                server: {port: 9000}
                admin: {port: 9000, token: short, enabeld: false}
                """);
        assertThat(errors).extracting(ConfigError::path).containsExactlyInAnyOrder("admin.enabeld", "admin.port",
                "admin.token");
        assertThat(describeAll(errors)).doesNotContain("short\"").doesNotContain("`short`");
    }
}
