package dev.switchboard.core.recording;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.config.DecisionRecordSettings;
import dev.switchboard.core.config.ModelConfig;
import dev.switchboard.core.listener.RouterListener;
import dev.switchboard.core.listener.UpstreamAnswer;
import dev.switchboard.core.plan.ResponsePath;
import dev.switchboard.core.plan.RoutePlan;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a decision record for every auto-routed request a model answered, and the feedback clients send for it,
 * to one {@link RecordSink}. A record line:
 *
 * <pre>{"record": "decision", "request_id", "decision", "candidates": [...], "selection", "answered_by",
 *  "encoder", "embedding": [...], "prompt"?, "planned_at", "answered_at", "latency_ms", "prompt_tokens",
 *  "completion_tokens", "cost"?}</pre>
 *
 * ({@code cost} when the model has {@code pricing} and the upstream reported its usage)
 *
 * and a feedback line {@code {"record": "feedback", "request_id", "score", "at"}}. The two are joined by request id
 * when the file is read ({@code switchboard train router --data}); the last feedback for an id wins.
 *
 * <p>Requests answered by the router itself (cache, fast response, guard refusal) or that failed are not
 * recorded: no model's answer is there to score. Feedback is accepted for requests planned recently (the last
 * {@value #REMEMBERED} ids), even before a streamed answer has ended.
 */
public final class DecisionRecorder implements RouterListener, AutoCloseable {

    /** How many recent request ids feedback is accepted for. */
    public static final int REMEMBERED = 100_000;
    /** Requests planned but not yet answered that are remembered; the oldest is forgotten beyond this. */
    private static final int PENDING = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RecordSink sink;
    private final boolean includePrompt;
    private final Map<Long, Pending> pending = bounded(PENDING);
    private final Map<String, Boolean> known = bounded(REMEMBERED);

    private record Pending(RoutePlan plan, Instant plannedAt) {}

    private DecisionRecorder(RecordSink sink, boolean includePrompt) {
        this.sink = sink;
        this.includePrompt = includePrompt;
    }

    /** Opens the records file named by {@code settings} (which must be enabled). */
    public static DecisionRecorder open(DecisionRecordSettings settings) {
        return new DecisionRecorder(new RecordSink(Path.of(settings.path()), settings.maxFileBytes(),
                settings.maxFiles()), settings.includePrompt());
    }

    @Override
    public void requestPlanned(long requestId, RoutePlan plan, long planningNanos) {
        if (plan.recordable() != null && plan.path() == ResponsePath.UPSTREAM) {
            pending.put(requestId, new Pending(plan, Instant.now()));
            known.put(RequestIds.external(requestId), Boolean.TRUE);
        }
    }

    @Override
    public void requestAnswered(long requestId, RoutePlan plan, UpstreamAnswer upstream) {
        Pending p = pending.remove(requestId);
        if (p != null && upstream != null) {
            Instant answeredAt = Instant.now();
            sink.offer(() -> decisionLine(requestId, p, upstream, answeredAt));
        }
    }

    @Override
    public void requestFailed(long requestId, RoutePlan plan, String code, UpstreamAnswer upstream) {
        pending.remove(requestId);
    }

    /**
     * Records a client's score for a request.
     *
     * @return false when the id is not one of the recent routed requests (unknown, too old, or not recorded)
     */
    public boolean feedback(String requestId, double score) {
        if (!known.containsKey(requestId)) {
            return false;
        }
        Instant at = Instant.now();
        sink.offer(() -> JSON.createObjectNode().put("record", "feedback").put("request_id", requestId)
                .put("score", score).put("at", at.toString()).toString());
        return true;
    }

    /** Completes once everything recorded so far is on disk (tests, shutdown). */
    public java.util.concurrent.CompletableFuture<Void> flushed() {
        return sink.flushed();
    }

    private String decisionLine(long requestId, Pending p, UpstreamAnswer upstream, Instant answeredAt) {
        RoutePlan plan = p.plan();
        ObjectNode line = JSON.createObjectNode().put("record", "decision")
                .put("request_id", RequestIds.external(requestId)).put("decision", plan.decision());
        ArrayNode candidates = line.putArray("candidates");
        plan.targets().forEach(t -> candidates.add(t.model().name()));
        line.put("selection", plan.selection()).put("answered_by", upstream.target().model().name());
        line.put("encoder", plan.recordable().encoder());
        ArrayNode embedding = line.putArray("embedding");
        for (float v : plan.recordable().embedding()) {
            embedding.add(v);
        }
        if (includePrompt) {
            line.put("prompt", PromptMask.mask(plan.recordable().userText()));
        }
        line.put("planned_at", p.plannedAt().toString()).put("answered_at", answeredAt.toString())
                .put("latency_ms", upstream.latencyNanos() / 1e6);
        if (upstream.hasUsage()) {
            line.put("prompt_tokens", upstream.promptTokens()).put("completion_tokens", upstream.completionTokens());
            ModelConfig.Pricing pricing = upstream.target().model().pricing();
            if (pricing != null) { // what the answer cost, in the pricing's currency: the router learns from it
                line.put("cost", (upstream.promptTokens() * pricing.inputPerMillion()
                        + upstream.completionTokens() * pricing.outputPerMillion()) / 1e6);
            }
        }
        return line.toString();
    }

    private static <K, V> Map<K, V> bounded(int max) {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        });
    }

    @Override
    public void close() {
        sink.close();
    }
}
