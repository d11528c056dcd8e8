package dev.switchboard.core.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.listener.UpstreamAnswer;
import dev.switchboard.core.plan.RouteTarget;

/**
 * Finds the {@code usage} object in a completion body or in the SSE lines of a stream, for token and cost metrics.
 * Only lines that mention {@code "usage"} are parsed, so relaying costs a byte scan, not a JSON parse per chunk.
 */
public final class UsageReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private long promptTokens = -1;
    private long completionTokens = -1;

    /** Reads a whole JSON completion. */
    public void readBody(byte[] body) {
        try {
            JsonNode usage = JSON.readTree(body).path("usage");
            record(usage);
        } catch (Exception e) {
            // Not JSON (an upstream error page): no usage to record.
        }
    }

    /** Reads one SSE line. */
    public void readLine(String line) {
        if (line.startsWith("data:") && line.contains("\"usage\"")) {
            readJson(line.substring(5).trim());
        }
    }

    private void readJson(String json) {
        try {
            record(JSON.readTree(json).path("usage"));
        } catch (Exception e) {
            // Not JSON (a truncated line): no usage to record.
        }
    }

    private void record(JsonNode usage) {
        if (usage.isObject()) {
            promptTokens = usage.path("prompt_tokens").asLong(0);
            completionTokens = usage.path("completion_tokens").asLong(0);
        }
    }

    public boolean found() {
        return promptTokens >= 0;
    }

    public long promptTokens() {
        return promptTokens;
    }

    public long completionTokens() {
        return completionTokens;
    }

    /** What {@code target} answered, with the usage read so far (none: -1). */
    public UpstreamAnswer answer(RouteTarget target, long latencyNanos, long firstChunkNanos) {
        return new UpstreamAnswer(target, latencyNanos, firstChunkNanos, promptTokens,
                found() ? completionTokens : -1);
    }
}
