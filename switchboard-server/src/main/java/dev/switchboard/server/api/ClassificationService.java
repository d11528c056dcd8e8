package dev.switchboard.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.switchboard.core.auth.Tenant;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.encode.Classification;
import dev.switchboard.core.guard.pii.PiiSpan;
import dev.switchboard.core.guard.pii.Redactor;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.pipeline.RouterPipeline;
import dev.switchboard.core.request.ApiException;
import dev.switchboard.core.request.ChatRequest;
import dev.switchboard.core.signal.DomainSignals;
import dev.switchboard.core.signal.MatchedSignal;
import dev.switchboard.core.pipeline.Planner;
import dev.switchboard.server.auth.RequestTenant;
import dev.switchboard.server.proxy.RequestCancellation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The classification API, compatible with the vLLM Semantic Router's: {@code POST /api/v1/classify/intent},
 * {@code /combined}, {@code /batch} and {@code GET /info/classifier}. A text is evaluated exactly as a routed
 * request with that one user message would be, so the answer shows the decision and model it would get.
 */
public final class ClassificationService {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BATCH = 256;

    private final Supplier<RouterPipeline> pipeline;
    private final Planner planner;

    public ClassificationService(Supplier<RouterPipeline> pipeline, Planner planner) {
        this.pipeline = pipeline;
        this.planner = planner;
    }

    /** Adds the API's routes to {@code server}. */
    public void addTo(ServerBuilder server) {
        server.route().post("/api/v1/classify/intent").build((ctx, req) -> handle(ctx, req, this::intent));
        server.route().post("/api/v1/classify/combined").build((ctx, req) -> handle(ctx, req, this::combined));
        server.route().post("/api/v1/classify/batch").build((ctx, req) -> handle(ctx, req, this::batch));
        server.route().post("/api/v1/classify/pii")
                .build((ctx, req) -> handle(ctx, req, (body, caller) -> pii(Requests.text(body, "text"), caller)));
        server.route().post("/api/v1/classify/security").build((ctx, req) -> handle(ctx, req,
                (body, caller) -> security(Requests.text(body, "text"), caller)));
        server.route().post("/api/v1/classify/tools").build((ctx, req) -> handle(ctx, req, this::tools));
        server.route().get("/info/classifier").build((ctx, req) -> json(info()));
    }

    private interface Handler {
        CompletableFuture<ObjectNode> apply(JsonNode body, Caller caller);
    }

    /**
     * Who asked, for the ML work their request starts: it runs in their tenant's lane of the planner, and work
     * still queued when their request is cancelled (client gone, request timeout) leaves the queue.
     */
    private record Caller(String tenant, RequestCancellation cancellation) {
        static Caller of(ServiceRequestContext ctx) {
            Tenant tenant = RequestTenant.of(ctx);
            return new Caller(tenant.isAnonymous() ? null : tenant.name(), RequestCancellation.of(ctx));
        }
    }

    /**
     * Parses the body in the caller's lane of the planner, as chat completions are: a 4 MiB body (or a malformed
     * one) is its sender's turn on the ML threads, not a pause for every connection on an event loop. The handler
     * then validates on the thread that parsed, and queues its ML work in the same lane.
     */
    private HttpResponse handle(ServiceRequestContext ctx, HttpRequest req, Handler handler) {
        Caller caller = Caller.of(ctx);
        return HttpResponse.of(req.aggregate()
                .thenCompose(agg -> run(pipeline.get(), caller, () -> Requests.jsonObject(agg.content().array())))
                .thenCompose(body -> handler.apply(body, caller))
                .thenApply(ClassificationService::json)
                .exceptionally(OpenAiErrors::response));
    }

    /** Runs {@code work} on the planner in the caller's lane, cancelled with the caller's request. */
    private <T> CompletableFuture<T> run(RouterPipeline current, Caller caller, Supplier<T> work) {
        return caller.cancellation().track(planner.run(current, caller.tenant(), work));
    }

    private CompletableFuture<ObjectNode> intent(JsonNode body, Caller caller) {
        String text = Requests.text(body, "text");
        boolean probabilities = body.path("options").path("return_probabilities").asBoolean(false);
        return evaluate(text, caller).thenApply(e -> intentJson(e, probabilities));
    }

    /** Intent, matched signals and routing, plus the PII finding and (when the guard is on) the security verdict. */
    private CompletableFuture<ObjectNode> combined(JsonNode body, Caller caller) {
        String text = Requests.text(body, "text");
        CompletableFuture<ObjectNode> pii = pii(text, caller);
        CompletableFuture<ObjectNode> security = pipeline.get().config().judgesJailbreaks() ? security(text, caller)
                : CompletableFuture.completedFuture(null);
        return evaluate(text, caller).thenCombine(pii, (e, piiResult) -> {
            ObjectNode root = JSON.createObjectNode();
            root.set("intent", intentJson(e, true));
            root.set("matched_signals", signalsJson(e.plan()));
            root.put("routing_decision", e.plan().decision());
            root.put("recommended_model", e.plan().targets().get(0).model().name());
            root.set("pii", piiResult);
            root.put("processing_time_ms", e.millis());
            return root;
        }).thenCombine(security, (root, verdict) -> {
            if (verdict != null) {
                root.set("security", verdict);
            }
            return root;
        }).thenCombine(body.has("tools") ? tools(body, caller) : CompletableFuture.completedFuture(null), (root, tools) -> {
            if (tools != null) {
                root.set("tools", tools);
            }
            return root;
        });
    }

    /**
     * Tool selection on {@code text} and {@code tools} (OpenAI tool definitions) under the global policy: every tool
     * with its similarity, whether it would be sent on, and why.
     */
    private CompletableFuture<ObjectNode> tools(JsonNode body, Caller caller) {
        String text = Requests.text(body, "text");
        JsonNode tools = body.get("tools");
        if (tools == null || !tools.isArray() || tools.isEmpty()) {
            throw ApiException.invalidRequest("tools", "'tools' must be a non-empty array of tool definitions.");
        }
        RouterPipeline current = pipeline.get();
        if (!current.config().selectsTools()) {
            throw new ApiException(400, "invalid_request_error", "classifier_not_configured", null,
                    "Tool selection is off; add `tools: {}` to the config to switch it on.");
        }
        long start = System.nanoTime();
        return run(current, caller, () -> current.selectTools(text, tools)).thenApply(selection -> {
            ObjectNode root = selection == null ? JSON.createObjectNode() : PlanJson.tools(selection);
            return root.put("processing_time_ms", (System.nanoTime() - start) / 1e6);
        });
    }

    /** {@code task_type}: intent (default), pii or security, applied to every text. */
    private CompletableFuture<ObjectNode> batch(JsonNode body, Caller caller) {
        List<String> texts = Requests.texts(body, "texts", MAX_BATCH);
        String task = body.path("task_type").asText("intent");
        java.util.function.Function<String, CompletableFuture<ObjectNode>> classify = switch (task) {
            case "intent" -> text -> evaluate(text, caller).thenApply(e -> intentJson(e, false));
            case "pii" -> text -> pii(text, caller);
            case "security" -> text -> security(text, caller);
            default -> throw ApiException.invalidRequest("task_type", "Unsupported task_type '" + task
                    + "'; supported: intent, pii, security.");
        };
        long start = System.nanoTime();
        List<CompletableFuture<ObjectNode>> results = new ArrayList<>();
        for (String text : texts) {
            results.add(classify.apply(text));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).thenApply(done -> {
            ObjectNode root = JSON.createObjectNode();
            ArrayNode array = root.putArray("results");
            results.forEach(r -> array.add(r.join()));
            root.put("total_count", texts.size());
            root.put("processing_time_ms", (System.nanoTime() - start) / 1e6);
            return root;
        });
    }

    /**
     * Personal data in a text: typed spans with offsets, and the text with each span masked by its type. Names,
     * places and organisations are found too when the config's PII guard uses the entity head (an encoder pass, so
     * it runs on the planner's pool).
     */
    private CompletableFuture<ObjectNode> pii(String text, Caller caller) {
        RouterPipeline current = pipeline.get();
        return run(current, caller, () -> current.findPii(text)).thenApply(spans -> piiResult(text, spans));
    }

    private static ObjectNode piiResult(String text, List<PiiSpan> spans) {
        ObjectNode root = JSON.createObjectNode().put("has_pii", !spans.isEmpty());
        ArrayNode entities = root.putArray("entities");
        for (PiiSpan span : spans) {
            entities.addObject().put("type", span.type().name()).put("value", span.value()).put("start", span.start())
                    .put("end", span.end()).put("confidence", span.confidence());
        }
        root.put("masked_text", new Redactor().redact(text, spans).text());
        return root;
    }

    /** The jailbreak head's verdict on a text under the global guard (its defaults when only decisions use it). */
    private CompletableFuture<ObjectNode> security(String text, Caller caller) {
        RouterPipeline current = pipeline.get();
        if (!current.config().judgesJailbreaks()) {
            throw new ApiException(400, "invalid_request_error", "classifier_not_configured", null,
                    "The jailbreak guard is off; add `guards: {jailbreak: {}}` to the config to switch it on.");
        }
        // the head's verdict under the global guard, whatever a decision would do with it (as the vLLM Semantic
        // Router's security API reports its classifier)
        return run(current, caller, () -> current.judge(text)).thenApply(verdict -> {
            ObjectNode root = JSON.createObjectNode().put("is_jailbreak", verdict.flagged())
                    .put("risk_score", verdict.score()).put("confidence", Math.max(verdict.score(), 1 - verdict.score()));
            ArrayNode types = root.putArray("detection_types");
            if (verdict.flagged()) {
                types.add("jailbreak");
            }
            return root;
        });
    }

    /** Plans {@code text} as a routed request holding that one user message would be planned (cache skipped). */
    private CompletableFuture<RoutePlan> planText(RouterPipeline current, String text, Caller caller) {
        String auto = current.config().routing().autoModelNames().get(0);
        return caller.cancellation().track(planner.plan(current, ChatRequest.ofUserText(auto, text), false,
                caller.tenant()));
    }

    private record Evaluation(RoutePlan plan, double millis) {}

    private CompletableFuture<Evaluation> evaluate(String text, Caller caller) {
        RouterPipeline current = pipeline.get();
        if (current.config().signals().domain() == null) {
            throw new ApiException(400, "invalid_request_error", "classifier_not_configured", null,
                    "The domain classifier is off; add `signals: {domain: {}}` to the config to switch it on.");
        }
        long start = System.nanoTime();
        return planText(current, text, caller).thenApply(plan -> new Evaluation(plan, (System.nanoTime() - start) / 1e6));
    }

    private static ObjectNode intentJson(Evaluation e, boolean withProbabilities) {
        ObjectNode root = JSON.createObjectNode();
        Classification c = e.plan().signals().classification(DomainSignals.TYPE).orElse(null);
        ObjectNode classification = root.putObject("classification");
        classification.put("category", c == null ? null : c.label());
        classification.put("confidence", c == null ? 0 : c.confidence());
        classification.put("processing_time_ms", e.millis());
        if (withProbabilities && c != null) {
            ObjectNode probabilities = root.putObject("probabilities");
            c.probabilities().entrySet().stream()
                    .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                    .forEach(p -> probabilities.put(p.getKey(), p.getValue()));
        }
        root.put("recommended_model", e.plan().targets().get(0).model().name());
        root.put("routing_decision", e.plan().decision());
        root.set("matched_signals", signalsJson(e.plan()));
        return root;
    }

    private static ArrayNode signalsJson(RoutePlan plan) {
        ArrayNode array = JSON.createArrayNode();
        for (MatchedSignal s : plan.signals().all()) {
            array.addObject().put("type", s.type()).put("name", s.name()).put("confidence", s.confidence());
        }
        return array;
    }

    private ObjectNode info() {
        RouterPipeline current = pipeline.get();
        SwitchboardConfig config = current.config();
        ObjectNode root = JSON.createObjectNode();
        ObjectNode encoder = root.putObject("encoder");
        current.encoder().ifPresentOrElse(
                e -> encoder.put("loaded", true).put("model_id", e.modelId()).put("dimension", e.dimension()),
                () -> encoder.put("loaded", false));
        ObjectNode domain = root.putObject("domain_classifier");
        domain.put("enabled", config.signals().domain() != null);
        if (config.signals().domain() != null) {
            domain.put("threshold", config.signals().domain().threshold());
            ArrayNode labels = domain.putArray("categories");
            current.domainLabels().forEach(labels::add);
        }
        ArrayNode rules = root.putArray("embedding_rules");
        config.signals().embeddings().forEach(r -> rules.addObject().put("name", r.name())
                .put("candidates", r.candidates().size()).put("threshold", r.threshold()));
        // global guards; decisions may override them (their plugins)
        ObjectNode jailbreak = root.putObject("jailbreak_guard").put("enabled", config.judgesJailbreaks());
        if (config.guards().jailbreak() != null) {
            jailbreak.put("threshold", config.guards().jailbreak().threshold())
                    .put("action", config.guards().jailbreak().action().name().toLowerCase());
        }
        ObjectNode pii = root.putObject("pii_guard").put("enabled", config.screensPii())
                .put("entities", config.findsEntities());
        if (config.guards().pii() != null) {
            pii.put("action", config.guards().pii().action().name().toLowerCase());
        }
        return root;
    }

    private static HttpResponse json(ObjectNode body) {
        return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8,
                new String(ChatRequest.toBytes(body), StandardCharsets.UTF_8));
    }
}
