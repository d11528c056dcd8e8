package dev.switchboard.core.pipeline.stage;

import dev.switchboard.core.config.DecisionConfig;
import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.encode.TextEncoder;
import dev.switchboard.core.guard.ScanBudget;
import dev.switchboard.core.listener.RequestEvents;
import dev.switchboard.core.plan.ResponsePath;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plan.RouteTarget;
import dev.switchboard.core.plugin.cache.CacheOutcome;
import dev.switchboard.core.plugin.jailbreak.JailbreakVerdict;
import dev.switchboard.core.plugin.pii.PiiOutcome;
import dev.switchboard.core.request.ChatRequest;
import dev.switchboard.core.signal.SignalSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One request on its way through the stages: the request, what the stages found so far (the shared encoder pass,
 * signals, decision, guard verdicts, cache outcome), who sent it, what its guards may still spend on their own
 * encoder passes ({@link ScanBudget}), and the plan under construction. Stages read and
 * fill it in order; it belongs to one request on one thread at a time and is never shared.
 */
public final class RequestContext {

    private final ChatRequest request;
    private final boolean useCache;
    private final RequestEvents events;
    private final RoutePlan.Builder plan;
    private String tenant;
    private EncodeOnce encoding;
    private SignalSet signals = new SignalSet();
    private DecisionConfig decision;
    private ScanBudget budget = ScanBudget.unlimited();

    private RequestContext(ChatRequest request, boolean useCache, RequestEvents events) {
        this.request = request;
        this.useCache = useCache;
        this.events = events;
        this.plan = RoutePlan.builder(request.body(), request.stream());
        tenant(request.tenant()); // a caller outside HTTP may name the tenant on the request itself
    }

    /**
     * @param useCache false skips the cache for this request (the client sent {@code x-vsr-cache-control: no-cache})
     * @param events   where the stages report cache lookups and guard verdicts
     */
    public static RequestContext of(ChatRequest request, boolean useCache, RequestEvents events) {
        return new RequestContext(request, useCache, events);
    }

    /** A request nobody listens to, with the cache allowed. */
    public static RequestContext of(ChatRequest request) {
        return of(request, true, RequestEvents.none());
    }

    public ChatRequest request() {
        return request;
    }

    public boolean useCache() {
        return useCache;
    }

    public RequestEvents events() {
        return events;
    }

    /** The authenticated client's name (never its key), or null when authentication is off. */
    public String tenant() {
        return tenant;
    }

    /** Records who sent the request (set by authentication, before any other stage). */
    public RequestContext tenant(String name) {
        this.tenant = name;
        plan.tenant(name);
        return this;
    }

    /** The plan under construction. */
    public RoutePlan.Builder plan() {
        return plan;
    }

    /** What the guards may still spend on their own encoder passes, and what they spent. */
    public ScanBudget budget() {
        return budget;
    }

    /** Gives the request its ML budget (set by the encode stage, before any guard runs). */
    void budget(ScanBudget perRequest) {
        this.budget = perRequest;
    }

    /** Prepares the shared encoder pass over the latest user message; it runs when first asked for. */
    void encodeWith(TextEncoder encoder) {
        this.encoding = new EncodeOnce(encoder, request.userText());
    }

    /** The shared encoder pass over the latest user message (runs on first use). */
    public Supplier<Encoding> encoding() {
        return encoding;
    }

    EncodeOnce sharedPass() {
        return encoding;
    }

    public SignalSet signals() {
        return signals;
    }

    /** Records what the signals found. */
    public void signals(SignalSet found) {
        this.signals = found;
        plan.signals(found);
    }

    /** The matched decision, or null (passthrough, or no decision matched). */
    public DecisionConfig decision() {
        return decision;
    }

    /** Records the decision (null: none matched, or routed by name) and the models to try, in order. */
    public void decide(DecisionConfig chosen, List<RouteTarget> targets) {
        this.decision = chosen;
        plan.decision(chosen == null ? null : chosen.name()).targets(targets);
    }

    /** Records a guard's verdict and tells the listeners. */
    public void judged(JailbreakVerdict verdict) {
        plan.jailbreak(verdict);
        events.guardJudged(verdict);
    }

    /** Records a guard's verdict and tells the listeners. */
    public void judged(PiiOutcome verdict) {
        plan.pii(verdict);
        events.guardJudged(verdict);
    }

    /** Records the cache's answer (hit or ticket) and tells the listeners. */
    public void cached(CacheOutcome outcome) {
        plan.cache(outcome);
        events.cacheLookedUp(outcome);
    }

    /** Ends the request here: the plan is built with {@code path} and what the ML budget paid so far. */
    public Optional<RoutePlan> end(ResponsePath path) {
        return Optional.of(plan.mlBudget(budget.report()).build(path));
    }
}
