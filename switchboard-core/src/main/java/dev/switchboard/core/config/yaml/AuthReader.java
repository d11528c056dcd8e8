package dev.switchboard.core.config.yaml;

import dev.switchboard.core.config.AuthSettings;
import dev.switchboard.core.config.AuthSettings.Budget;
import dev.switchboard.core.config.AuthSettings.ClientKey;
import dev.switchboard.core.config.AuthSettings.RateLimit;
import dev.switchboard.core.config.AuthSettings.RateLimitStore;
import dev.switchboard.core.config.AuthSettings.UpstreamKey;
import dev.switchboard.core.config.KeyDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code auth} section: client keys with their tenants' permissions and limits. Key values are never
 * quoted in an error; only the digest is kept once read.
 */
final class AuthReader {

    static final Set<String> AUTH_KEYS = Set.of("keys", "rate_limit_store");
    static final Set<String> KEY_KEYS = Set.of("name", "key_sha256", "key_file", "key", "allowed_models",
            "allowed_decisions", "rate_limit", "budget", "upstream_key");
    static final Set<String> RATE_LIMIT_KEYS = Set.of("requests_per_minute", "tokens_per_minute");
    static final Set<String> BUDGET_KEYS = Set.of("tokens_per_day", "tokens_per_month");

    /** Tenant names reach metric tags and log lines, so they stay plain. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final Set<String> requestableModels;
    private final Set<String> decisionNames;
    private final boolean hasPostgres;

    /**
     * @param requestableModels configured model names and auto-routing names
     * @param decisionNames     configured decisions
     * @param hasPostgres       whether {@code cache.postgres} names a database (the shared rate-limit store's)
     */
    AuthReader(Set<String> requestableModels, Set<String> decisionNames, boolean hasPostgres) {
        this.requestableModels = requestableModels;
        this.decisionNames = decisionNames;
        this.hasPostgres = hasPostgres;
    }

    AuthSettings read(ConfigNode node) {
        if (node.isAbsent()) {
            return AuthSettings.OFF;
        }
        node.rejectUnknown(AUTH_KEYS);
        List<ConfigNode> items = node.items("keys");
        if (items.isEmpty()) {
            node.error("keys", "`auth.keys` needs at least one key",
                    "add `- {name: my-app, key: ${MY_APP_KEY}}`, or remove the `auth` section to leave the API open");
            return AuthSettings.OFF;
        }
        UniqueNames.check(items, "key");
        List<ClientKey> keys = items.stream().map(this::key).filter(k -> k != null).toList();
        rejectSharedKeys(items, keys);
        return new AuthSettings(keys, rateLimitStore(node));
    }

    /** A shared store keeps its buckets in the database of {@code cache.postgres}, so that section must exist. */
    private RateLimitStore rateLimitStore(ConfigNode node) {
        RateLimitStore store = node.enumOr("rate_limit_store", RateLimitStore.class, RateLimitStore.MEMORY);
        boolean usable = node.check(store != RateLimitStore.POSTGRES || hasPostgres, "rate_limit_store",
                "`rate_limit_store: postgres` keeps the buckets in the database of `cache.postgres`, which is not set",
                "add `cache: {postgres: {url: jdbc:postgresql://db:5432/switchboard}}` (the cache itself may stay"
                        + " off or in memory), or use `rate_limit_store: memory`");
        return usable ? store : RateLimitStore.MEMORY;
    }

    private ClientKey key(ConfigNode node) {
        if (!node.expectObject("a key (a mapping with name and key)")) {
            return null;
        }
        node.rejectUnknown(KEY_KEYS);
        String name = node.string("name");
        if (name != null && !name.isBlank() && !NAME.matcher(name).matches()) {
            node.error("name", "key name `" + name + "` has characters a metric tag cannot carry",
                    "use letters, digits, `_`, `.` and `-` (at most 64), starting with a letter or digit");
        }
        KeyDigest digest = KeySources.digest(node);
        Set<String> models = names(node, "allowed_models", requestableModels, "models");
        Set<String> decisions = names(node, "allowed_decisions", decisionNames, "decisions");
        RateLimit rate = rateLimit(node.object("rate_limit"));
        Budget budget = budget(node.object("budget"));
        UpstreamKey upstream = node.enumOr("upstream_key", UpstreamKey.class, UpstreamKey.OPERATOR);
        return name == null || digest == null ? null
                : new ClientKey(name, digest, models, decisions, rate, budget, upstream);
    }

    private static Set<String> names(ConfigNode node, String key, Set<String> known, String noun) {
        List<String> names = node.stringList(key, List.of());
        node.check(!node.has(key) || !names.isEmpty() || !node.child(key).isEmptyList(), key,
                "`" + key + "` is empty, so this key could do nothing", "leave it out to allow all " + noun);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!known.contains(name)) {
                node.error(key + "[" + i + "]", "unknown " + noun.substring(0, noun.length() - 1) + " `" + name + "`",
                        Suggestions.hint(name, known, noun));
            }
        }
        return new HashSet<>(names);
    }

    private static RateLimit rateLimit(ConfigNode node) {
        node.rejectUnknown(RATE_LIMIT_KEYS);
        return new RateLimit(positive(node, "requests_per_minute"), positive(node, "tokens_per_minute"));
    }

    private static Budget budget(ConfigNode node) {
        node.rejectUnknown(BUDGET_KEYS);
        return new Budget(positive(node, "tokens_per_day"), positive(node, "tokens_per_month"));
    }

    /** A limit: at least 1 when set; 0 (no limit) when left out. */
    private static long positive(ConfigNode node, String key) {
        long value = node.longOr(key, 0);
        return node.check(!node.has(key) || value >= 1, key, "`" + key + "` must be at least 1",
                "leave it out for no limit") ? value : 0;
    }

    /** Two entries with one key could not be told apart; name both entries, never the key. */
    private static void rejectSharedKeys(List<ConfigNode> items, List<ClientKey> keys) {
        Map<KeyDigest, String> firstByDigest = new HashMap<>();
        for (ClientKey key : keys) {
            String first = firstByDigest.putIfAbsent(key.digest(), key.name());
            if (first != null) {
                ConfigNode item = items.stream().filter(i -> key.name().equals(i.peekText("name"))).findFirst()
                        .orElse(items.get(0));
                item.error("key `" + key.name() + "` has the same key value as `" + first + "`",
                        "give every tenant its own key");
            }
        }
    }
}
