package dev.switchboard.core.plugin.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.config.CacheSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where a request's answer lives in the cache. Answers are only reused within one partition: the same decision,
 * the same model, and the same fingerprint of everything besides the latest user message that changes the answer —
 * system prompt, earlier turns, tools, response_format, sampling parameters. Unknown fields count too: when in
 * doubt, two requests are different.
 */
public final class CacheKeys {

    /** Fields that change how an answer is delivered, not what it says. */
    private static final Set<String> DELIVERY_FIELDS = Set.of("model", "stream", "stream_options", "user",
            "metadata", "store");

    private CacheKeys() {}

    /** {@code decision/model/fingerprint}, readable in the admin API and safe to log (no request content). */
    public static String partition(String decision, String model, ObjectNode body) {
        return (decision == null ? "-" : decision) + "/" + model + "/" + fingerprint(body);
    }

    /**
     * {@code scope/decision/model/fingerprint}: {@link #partition(String, String, ObjectNode)} inside the caller's
     * own scope, so two tenants (or two end users) never share an entry, exact or semantic.
     *
     * @param scope from {@link #scope}
     */
    public static String partition(String scope, String decision, String model, ObjectNode body) {
        return scope + partition(decision, model, body);
    }

    /**
     * The prefix that keeps callers apart: {@code tenant:NAME/} (tenant names are not secret; {@code -} for an
     * unauthenticated caller), plus {@code user:DIGEST/} of the OpenAI {@code user} field under
     * {@code partition_by: user} (a digest: user ids can be personal), or nothing under {@code partition_by: none}.
     */
    public static String scope(CacheSettings.PartitionBy by, String tenant, String user) {
        if (by == CacheSettings.PartitionBy.NONE) {
            return "";
        }
        String scope = "tenant:" + (tenant == null ? "-" : URLEncoder.encode(tenant, StandardCharsets.UTF_8)) + "/";
        if (by == CacheSettings.PartitionBy.USER) {
            scope += "user:" + (user == null ? "-" : sha256(user).substring(0, 16)) + "/";
        }
        return scope;
    }

    /** A digest of the request without its latest user message and delivery-only fields. */
    static String fingerprint(ObjectNode body) {
        ObjectNode context = body.deepCopy();
        DELIVERY_FIELDS.forEach(context::remove);
        ArrayNode messages = (ArrayNode) context.get("messages");
        if (messages != null && !messages.isEmpty()
                && "user".equals(messages.get(messages.size() - 1).path("role").asText())) {
            messages.remove(messages.size() - 1);
        }
        return sha256(canonical(context)).substring(0, 16);
    }

    /** JSON with object keys sorted, so key order in the client's body does not split partitions. */
    private static String canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, String> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                sorted.put(field.getKey(), canonical(field.getValue()));
            }
            StringBuilder sb = new StringBuilder("{");
            sorted.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
            return sb.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            node.forEach(child -> sb.append(sb.length() > 1 ? "," : "").append(canonical(child)));
            return sb.append(']').toString();
        }
        return node.toString();
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
