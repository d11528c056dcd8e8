package dev.switchboard.core.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.config.ToolSettings.Policy;
import dev.switchboard.core.config.ToolSettings.WhenNoneRelevant;
import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.encode.TextEncoder;
import dev.switchboard.core.request.ApiException;
import dev.switchboard.core.tools.ToolSelection.ScoredTool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * Chooses the tools a request's model sees: ranks each candidate by the cosine similarity of its embedded text
 * (see {@link ToolTexts}) to the user text's embedding from the shared encoder pass plus a share of its BM25 score
 * ({@link HybridScore}), keeps the best {@code top_k} whose cosine is at or above {@code min_similarity}, and never
 * drops a tool the conversation depends on ({@link ProtectedTools}, {@code always_keep}). Kept request tools stay in
 * the client's order, so upstream prompt caches still match. A tool set too large to embed on the request's thread
 * the first time it is seen passes through unfiltered while it is embedded in the background
 * ({@link ToolEmbeddings}).
 */
public final class ToolSelector {

    private static final ObjectMapper JSON =
            new ObjectMapper();

    /** Tool texts whose embeddings are kept, three per tool: a few agents' worth of tool sets (3 KiB each: embedding and token mean). */
    private static final int EMBEDDINGS_REMEMBERED = 16_384;
    private static final Map<TextEncoder, ToolEmbeddings> BY_ENCODER =
            Collections.synchronizedMap(new WeakHashMap<>());

    private final ToolEmbeddings embeddings;
    private final ToolCatalogue catalogue;
    private final int maxInlineEmbeddings;
    private final ToolScorer scorer;

    /**
     * @param catalogue           the catalogue {@code add} and {@code both} choose from, or null
     * @param maxInlineEmbeddings unseen tool texts embedded on a request's thread; a set with more is embedded in
     *                            the background and its requests pass through unfiltered meanwhile
     * @param scorer              the learned ranker, or null to rank by {@link HybridScore}
     */
    public ToolSelector(ToolEmbeddings embeddings, ToolCatalogue catalogue, int maxInlineEmbeddings,
                        ToolScorer scorer) {
        this.embeddings = embeddings;
        this.catalogue = catalogue;
        this.maxInlineEmbeddings = maxInlineEmbeddings;
        this.scorer = scorer;
    }

    /** A selector that embeds every unseen tool set on the request's thread and ranks by {@link HybridScore}. */
    public ToolSelector(ToolEmbeddings embeddings, ToolCatalogue catalogue) {
        this(embeddings, catalogue, Integer.MAX_VALUE, null);
    }

    /**
     * The selector a config needs, with its catalogue read and embedded now; null when tool selection is off.
     *
     * @throws IllegalArgumentException when the catalogue cannot be read (the config is then not applied)
     */
    public static ToolSelector forConfig(SwitchboardConfig config,
                                         TextEncoder encoder) {
        if (!config.selectsTools()) {
            return null;
        }
        if (encoder == null) {
            throw new IllegalStateException("tool selection is configured but no encoder was provided");
        }
        // one memo per encoder for the life of the process: a config reload re-reads the catalogue but re-embeds
        // only texts it has not seen, and agents' tool sets stay remembered
        ToolEmbeddings embeddings = BY_ENCODER.computeIfAbsent(encoder,
                e -> new ToolEmbeddings(e, EMBEDDINGS_REMEMBERED));
        String file = config.tools().catalogue();
        return new ToolSelector(embeddings, file == null ? null
                : ToolCatalogue.load(Path.of(file), embeddings), config.tools().maxInlineEmbeddings(),
                ToolScorer.shippedFor(encoder.modelId()));
    }

    /** A tool that may be sent: from the request (at its position) or from the catalogue (-1). Identity equality. */
    private static final class Candidate {
        private final String name;
        private final JsonNode definition;
        private final double similarity;
        private final double score;
        private final int position;

        /** @param similarity the cosine ({@code min_similarity} reads it); @param score what ranks candidates */
        Candidate(String name, JsonNode definition, double similarity, double score, int position) {
            this.name = name;
            this.definition = definition;
            this.similarity = similarity;
            this.score = score;
            this.position = position;
        }

        double similarity() {
            return similarity;
        }

        String name() {
            return name;
        }

        JsonNode definition() {
            return definition;
        }

        double score() {
            return score;
        }

        int position() {
            return position;
        }

        boolean fromRequest() {
            return position >= 0;
        }
    }

    /**
     * Rewrites {@code body}'s {@code tools} under {@code policy}. Returns null when it left the request alone (no
     * tools and nothing to add, no user text, or {@code tool_choice: "none"}).
     */
    public ToolSelection apply(Policy policy, ObjectNode body, String userText, Supplier<Encoding> encoding) {
        return apply(policy, body, userText, encoding, maxInlineEmbeddings);
    }

    /**
     * As {@link #apply(Policy, ObjectNode, String, Supplier)}, embedding every unseen tool at once: for callers that
     * ask which tools are relevant (the classification API), where an answer of "not yet" is no answer.
     */
    public ToolSelection applyNow(Policy policy, ObjectNode body, String userText, Supplier<Encoding> encoding) {
        return apply(policy, body, userText, encoding, Integer.MAX_VALUE);
    }

    private ToolSelection apply(Policy policy, ObjectNode body, String userText, Supplier<Encoding> encoding,
                                int maxInline) {
        List<JsonNode> sent = sentTools(body);
        if (userText.isBlank() || ProtectedTools.toolsOff(body) || sent.isEmpty() && !policy.adds()) {
            return null;
        }
        byte[] sentJson = sent.isEmpty() ? new byte[2] : bytes(body.get("tools"));
        ToolEmbeddings.ToolSet set = sent.isEmpty() ? new ToolEmbeddings.ToolSet(new ToolVectors[0], null)
                : embeddings.ofTools(sent, sentJson, maxInline);
        if (set == null) {
            return passedThrough(sent, sentJson.length);
        }
        List<Candidate> ranked = rank(policy, sent, set, userText, encoding.get());
        Map<String, String> reasons = reasonsToKeep(policy, body);
        List<Candidate> relevant = relevant(policy, ranked, body);
        List<ScoredTool> scored = new ArrayList<>();
        Set<Candidate> chosen = new HashSet<>(); // identity: Candidate does not override equals
        for (Candidate c : ranked) {
            String reason = reason(policy, c, relevant, reasons);
            if (reason != null) {
                chosen.add(c);
            }
            scored.add(new ScoredTool(c.name(), c.similarity(), reason != null, reason == null ? "dropped" : reason));
        }
        ArrayNode out = rewrite(body, sent, ranked, chosen);
        long outChars = out.isEmpty() ? 0 : bytes(out).length;
        long inChars = sent.isEmpty() ? 0 : sentJson.length;
        return new ToolSelection(sent.size(), out.size(), scored, inChars, inChars - outChars);
    }

    /**
     * The request unchanged while its tool set is embedded in the background: every tool kept, reason
     * {@code embedding}, no score (NaN), nothing removed.
     */
    private static ToolSelection passedThrough(List<JsonNode> sent, long chars) {
        List<ScoredTool> scored = sent.stream()
                .map(t -> new ScoredTool(ToolTexts.name(t), Double.NaN, true, "embedding")).toList();
        return new ToolSelection(sent.size(), sent.size(), scored, chars, 0);
    }

    /**
     * A tool's relevance to a query: the cosine similarity to its text, or to its examples' vector (the mean of its
     * example requests) when the catalogue has examples and that is higher (examples look like queries, tool texts
     * do not).
     *
     * @param examples normalized vectors standing for the tool's example requests (the nearest counts), or null
     */
    public static double relevance(float[] query, float[] text, float[][] examples) {
        double score = Encoding.cosine(query, text);
        if (examples != null) {
            for (float[] example : examples) {
                score = Math.max(score, Encoding.cosine(query, example));
            }
        }
        return score;
    }

    /** The normalized mean of normalized embeddings. */
    public static float[] centroid(List<float[]> vectors) {
        float[] mean = new float[vectors.get(0).length];
        for (float[] v : vectors) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += v[i];
            }
        }
        double norm = Math.sqrt(Encoding.cosine(mean, mean));
        for (int i = 0; i < mean.length; i++) {
            mean[i] /= (float) norm;
        }
        return mean;
    }

    /** Every candidate, best first: the request's tools (unless only adding) and the catalogue's (when adding). */
    private List<Candidate> rank(Policy policy, List<JsonNode> sent, ToolEmbeddings.ToolSet set, String userText,
                                 Encoding query) {
        List<Candidate> all = new ArrayList<>();
        Set<String> sentNames = new HashSet<>();
        float[][][] examples = new float[sent.size()][][];
        for (int i = 0; i < sent.size(); i++) {
            ToolCatalogue.Entry known = catalogue == null ? null : catalogue.find(ToolTexts.name(sent.get(i)));
            examples[i] = known == null ? null : known.examples();
        }
        double[][] scored = sent.isEmpty() ? new double[2][0]
                : score(query, set.tools(), examples, set.lexical(), userText);
        for (int i = 0; i < sent.size(); i++) {
            String name = ToolTexts.name(sent.get(i));
            sentNames.add(name);
            all.add(new Candidate(name, sent.get(i), scored[0][i], scored[1][i], i));
        }
        if (policy.adds() && catalogue != null) {
            addCatalogue(all, sentNames, userText, query);
        }
        all.sort(Comparator.comparingDouble(Candidate::score).reversed());
        return all;
    }

    /** The catalogue's tools the request did not send, scored like the request's (BM25 within the catalogue). */
    private void addCatalogue(List<Candidate> all, Set<String> sentNames, String userText, Encoding query) {
        ToolCatalogue.Snapshot snapshot = catalogue.snapshot();
        List<ToolCatalogue.Entry> entries = snapshot.entries();
        double[][] scored = score(query, entries.stream().map(ToolCatalogue.Entry::vectors).toArray(ToolVectors[]::new),
                entries.stream().map(ToolCatalogue.Entry::examples).toArray(float[][][]::new), snapshot.lexical(),
                userText);
        for (int i = 0; i < entries.size(); i++) {
            ToolCatalogue.Entry entry = entries.get(i);
            if (!sentNames.contains(entry.name())) {
                all.add(new Candidate(entry.name(), entry.definition(), scored[0][i], scored[1][i], -1));
            }
        }
    }

    /**
     * Each tool's cosine ([0], what {@code min_similarity} reads: to its text, or its examples when higher) and its
     * ranking score ([1]: the learned scorer's, or {@link HybridScore}'s without one).
     */
    private double[][] score(Encoding request, ToolVectors[] tools, float[][][] examples, LexicalIndex lexical,
                             String userText) {
        float[] query = request.embedding();
        double[] similarity = new double[tools.length];
        for (int i = 0; i < tools.length; i++) {
            similarity[i] = relevance(query, tools[i].text(), examples[i]);
        }
        double[] bm25 = lexical.scores(userText);
        double[] rank = scorer == null ? HybridScore.fuse(similarity, bm25, HybridScore.LEXICAL_WEIGHT)
                : scorer.scores(ToolScorer.features(query, TokenMean.of(request), tools, similarity, bm25));
        return new double[][] {similarity, rank};
    }

    /** The best {@code top_k} candidates the mode may choose among, at or above the threshold (with its fallback). */
    private static List<Candidate> relevant(Policy policy, List<Candidate> ranked, JsonNode body) {
        List<Candidate> eligible = ranked.stream()
                .filter(c -> c.fromRequest() ? policy.filters() : policy.adds()).toList();
        List<Candidate> relevant = eligible.stream().filter(c -> c.similarity() >= policy.minSimilarity())
                .limit(policy.topK()).toList();
        boolean mustFill = policy.filters() && (policy.whenNoneRelevant() == WhenNoneRelevant.KEEP_TOP_K
                || ProtectedTools.toolRequired(body));
        return relevant.isEmpty() && mustFill ? eligible.stream().limit(policy.topK()).toList() : relevant;
    }

    /** Why {@code c} is sent on, or null when it is dropped. */
    private static String reason(Policy policy, Candidate c, List<Candidate> relevant, Map<String, String> reasons) {
        if (c.fromRequest() && (c.name() == null || !policy.filters())) {
            return "sent"; // unnamed (non-function) tools are never dropped; `add` keeps what the client sent
        }
        if (c.fromRequest() && reasons.containsKey(c.name())) {
            return reasons.get(c.name());
        }
        if (relevant.contains(c)) {
            return c.fromRequest() ? "relevant" : "added";
        }
        boolean keepAll = relevant.isEmpty() && policy.whenNoneRelevant() == WhenNoneRelevant.KEEP_ALL;
        return c.fromRequest() && keepAll ? "none_relevant" : null;
    }

    private static Map<String, String> reasonsToKeep(Policy policy, JsonNode body) {
        Map<String, String> reasons = ProtectedTools.of(body);
        policy.alwaysKeep().forEach(name -> reasons.putIfAbsent(name, "always_keep"));
        return reasons;
    }

    /** Kept request tools in the client's order, then added catalogue tools best first; no tools: no tool fields. */
    private static ArrayNode rewrite(ObjectNode body, List<JsonNode> sent, List<Candidate> ranked,
                                     Set<Candidate> chosen) {
        ArrayNode out = body.arrayNode();
        ranked.stream().filter(c -> c.fromRequest() && chosen.contains(c))
                .sorted(Comparator.comparingInt(Candidate::position)).forEach(c -> out.add(c.definition()));
        ranked.stream().filter(c -> !c.fromRequest() && chosen.contains(c)).forEach(c -> out.add(c.definition()));
        if (out.isEmpty()) {
            body.remove(List.of("tools", "tool_choice", "parallel_tool_calls")); // an empty list is an error upstream
        } else {
            body.set("tools", out);
        }
        return out;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
    }

    /** The request's tools; an OpenAI-style error naming the field when {@code tools} is not a list of objects. */
    private static List<JsonNode> sentTools(ObjectNode body) {
        JsonNode tools = body.get("tools");
        if (tools == null || tools.isNull()) {
            return List.of();
        }
        if (!tools.isArray()) {
            throw ApiException.invalidRequest("tools", "'tools' must be an array of tool definitions.");
        }
        List<JsonNode> list = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            if (!tools.get(i).isObject()) {
                throw ApiException.invalidRequest("tools[" + i + "]", "'tools[" + i + "]' must be an object.");
            }
            list.add(tools.get(i));
        }
        return list;
    }
}
