package dev.switchboard.core.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.guard.GuardVerdict;
import dev.switchboard.core.guard.ScanBudget;
import dev.switchboard.core.guard.pii.RedactionMap;
import dev.switchboard.core.plugin.ReasoningRewriter;
import dev.switchboard.core.plugin.cache.CacheOutcome;
import dev.switchboard.core.plugin.jailbreak.JailbreakVerdict;
import dev.switchboard.core.plugin.pii.PiiOutcome;
import dev.switchboard.core.plugin.pii.PiiScreen;
import dev.switchboard.core.request.ChatRequest;
import dev.switchboard.core.signal.DomainSignals;
import dev.switchboard.core.signal.SignalSet;
import dev.switchboard.core.tools.ToolSelection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What to do with one request: a plain value the adapters apply, built once by {@link Builder}. Nothing here knows
 * about HTTP. When the plan goes upstream, the exact bytes for each target (its model id, reasoning switch and PII
 * placeholders applied) and the placeholders to restore in its answer are computed once, when the plan is built.
 */
public final class RoutePlan {

    private final ResponsePath path;
    private final String decision;
    private final List<RouteTarget> targets;
    private final ObjectNode body;
    private final boolean stream;
    private final String fastResponse;
    private final SignalSet signals;
    private final CacheOutcome cache;
    private final PiiOutcome pii;
    private final JailbreakVerdict jailbreak;
    private final ToolSelection tools;
    private final String tenant;
    private final ScanBudget.Report mlBudget;
    private final Recordable recordable;
    private final List<Outgoing> outgoing; // one per target, same order; empty unless the plan goes upstream

    /** The request as one target receives it, and what its placeholders stand for. */
    private record Outgoing(byte[] body, RedactionMap restorations) {}

    private RoutePlan(Builder b, ResponsePath path) {
        this.path = Objects.requireNonNull(path, "path");
        this.decision = b.decision;
        this.targets = List.copyOf(b.targets);
        this.body = Objects.requireNonNull(b.body, "body");
        this.stream = b.stream;
        this.fastResponse = b.fastResponse;
        this.signals = b.signals;
        this.cache = b.cache;
        this.pii = b.pii;
        this.jailbreak = b.jailbreak;
        this.tools = b.tools;
        this.tenant = b.tenant;
        this.mlBudget = b.mlBudget;
        this.recordable = b.recordable;
        this.outgoing = path == ResponsePath.UPSTREAM
                ? targets.stream().map(t -> outgoing(t, body, pii)).toList() : List.of();
    }

    /** Starts a plan for {@code body}, the request as parsed (decision plugins may still rewrite it). */
    public static Builder builder(ObjectNode body, boolean stream) {
        return new Builder(body, stream);
    }

    /** Upstream, or answered by the router itself. */
    public ResponsePath path() {
        return path;
    }

    /** The matched decision's name, or null (passthrough or default route). */
    public String decision() {
        return decision;
    }

    /** Models to try in order: the decision's candidates, then the default model. */
    public List<RouteTarget> targets() {
        return targets;
    }

    /** The request after decision plugins, before the per-target rewrite. */
    public ObjectNode body() {
        return body;
    }

    public boolean stream() {
        return stream;
    }

    /** The message to answer with when {@link #path()} is {@link ResponsePath#FAST_RESPONSE}. */
    public String fastResponse() {
        return fastResponse;
    }

    /** What the signals found (shown with {@code x-vsr-debug}). */
    public SignalSet signals() {
        return signals;
    }

    /** The cache's hit or ticket, or null when the decision does not cache. */
    public CacheOutcome cache() {
        return cache;
    }

    /** The PII guard's verdict, or null when it found nothing (or is off). */
    public PiiOutcome pii() {
        return pii;
    }

    /** The jailbreak guard's verdict, or null when it is off. */
    public JailbreakVerdict jailbreak() {
        return jailbreak;
    }

    /** Every guard's verdict, in the order the guards ran. */
    public List<GuardVerdict> verdicts() {
        return Stream.of(jailbreak, pii).filter(Objects::nonNull).map(GuardVerdict.class::cast).toList();
    }

    /** What tool selection did to {@link #body()}'s tools, or null when it left them alone. */
    public ToolSelection tools() {
        return tools;
    }

    /** The authenticated client's name (never its key), or null when authentication is off. */
    public String tenant() {
        return tenant;
    }

    /**
     * What the guards' encoder passes cost and which guards read only part of the request (the budget ran out), or
     * null when not recorded.
     */
    public ScanBudget.Report mlBudget() {
        return mlBudget;
    }

    /**
     * What a decision record keeps of an auto-routed request: the shared encoder's embedding (and which encoder made
     * it) and the latest user message. Set only when decision records are on.
     */
    public record Recordable(String encoder, float[] embedding, String userText) {}

    /** The request's embedding and text for its decision record, or null when decision records are off. */
    public Recordable recordable() {
        return recordable;
    }

    /** Why the first target was chosen when the decision selects per prompt (cost-aware selection), else null. */
    public String selection() {
        return signals.selection().orElse(null);
    }

    /** The domain category that fired for this request, or null: the {@code x-vsr-selected-category} value. */
    public String category() {
        return signals.all().stream().filter(s -> s.type().equals(DomainSignals.TYPE)).map(s -> s.name())
                .findFirst().orElse(null);
    }

    /** The exact bytes to send to {@code target}: provider model id, reasoning switch and placeholders applied. */
    public byte[] bodyFor(RouteTarget target) {
        return outgoingFor(target).body();
    }

    /** The placeholders sent to {@code target} whose original values go back into its answer. */
    public RedactionMap restorationsFor(RouteTarget target) {
        return outgoingFor(target).restorations();
    }

    private Outgoing outgoingFor(RouteTarget target) {
        for (int i = 0; i < outgoing.size(); i++) {
            if (targets.get(i) == target || targets.get(i).equals(target)) {
                return outgoing.get(i);
            }
        }
        throw new IllegalArgumentException("the plan (" + path.headerValue() + ") sends nothing to "
                + target.model().name());
    }

    private static Outgoing outgoing(RouteTarget target, ObjectNode body, PiiOutcome pii) {
        // A model never receives a PII type its policy forbids: redaction is applied here, at the last step.
        boolean redacts = pii != null && !pii.forbiddenFor(target.model()).isEmpty();
        PiiScreen.Redaction redaction = redacts ? pii.redactFor(body, target.model()) : null;
        ObjectNode copy = redacts ? redaction.body() : body.deepCopy();
        copy.put("model", target.model().providerModelId());
        ReasoningRewriter.apply(copy, target.model().reasoningFamily(), target.useReasoning(),
                target.reasoningEffort());
        RedactionMap restorations = redacts && pii.restore() ? redaction.map() : RedactionMap.empty();
        return new Outgoing(ChatRequest.toBytes(copy), restorations);
    }

    /** The plan under construction: stages fill it in, then one of them builds it with the path it chose. */
    public static final class Builder {
        private final ObjectNode body;
        private final boolean stream;
        private String decision;
        private List<RouteTarget> targets = new ArrayList<>();
        private String fastResponse;
        private SignalSet signals = new SignalSet();
        private CacheOutcome cache;
        private PiiOutcome pii;
        private JailbreakVerdict jailbreak;
        private ToolSelection tools;
        private String tenant;
        private ScanBudget.Report mlBudget;
        private Recordable recordable;

        private Builder(ObjectNode body, boolean stream) {
            this.body = body;
            this.stream = stream;
        }

        public Builder decision(String decision) {
            this.decision = decision;
            return this;
        }

        public Builder targets(List<RouteTarget> targets) {
            this.targets = List.copyOf(targets);
            return this;
        }

        public List<RouteTarget> targets() {
            return targets;
        }

        /** The body as decision plugins left it; they rewrite it in place. */
        public ObjectNode body() {
            return body;
        }

        public Builder fastResponse(String message) {
            this.fastResponse = message;
            return this;
        }

        public Builder signals(SignalSet signals) {
            this.signals = signals;
            return this;
        }

        public Builder cache(CacheOutcome cache) {
            this.cache = cache;
            return this;
        }

        public Builder pii(PiiOutcome pii) {
            this.pii = pii;
            return this;
        }

        public PiiOutcome pii() {
            return pii;
        }

        public Builder jailbreak(JailbreakVerdict verdict) {
            this.jailbreak = verdict;
            return this;
        }

        /** What tool selection did to the body's tools (it rewrites them in place), or null. */
        public Builder tools(ToolSelection selection) {
            this.tools = selection;
            return this;
        }

        public Builder tenant(String tenant) {
            this.tenant = tenant;
            return this;
        }

        /** What the guards' ML budget paid for this request, and which guards it cut short. */
        public Builder mlBudget(ScanBudget.Report report) {
            this.mlBudget = report;
            return this;
        }

        /** What the decision record keeps of this request (decision records on, auto-routed). */
        public Builder recordable(Recordable recordable) {
            this.recordable = recordable;
            return this;
        }

        /** Freezes the plan; for {@link ResponsePath#UPSTREAM}, computes what each target receives. */
        public RoutePlan build(ResponsePath path) {
            if (targets.isEmpty()) {
                throw new IllegalStateException("a plan needs at least one target");
            }
            return new RoutePlan(this, path);
        }
    }
}
