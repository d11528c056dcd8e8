package dev.switchboard.cli;

import dev.switchboard.cli.ToolData.Tool;
import dev.switchboard.core.tools.LexicalIndex;
import dev.switchboard.core.tools.ToolScorer;
import dev.switchboard.core.tools.ToolSelector;
import dev.switchboard.core.tools.ToolTexts;
import dev.switchboard.core.tools.ToolVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A list of tools embedded as the router embeds them (three views each, {@link ToolVectors}) with their BM25 index,
 * and the scorer's features of a query against all of them ({@link ToolScorer#features}, the router's own code).
 */
final class ToolFeatures {

    final List<Tool> tools;
    final ToolVectors[] vectors;
    /** Per tool: catalogue example vectors, or null (set by the evaluation of catalogue examples). */
    final float[][][] examples;
    final LexicalIndex lexical;
    private final VectorCache cache;
    private final java.util.Map<String, double[][]> memo = new java.util.HashMap<>();

    /** @param text the whole-text view of each tool (the runtime's, or a variant being compared) */
    ToolFeatures(List<Tool> tools, Function<Tool, String> text, VectorCache cache) {
        this.tools = tools;
        this.cache = cache;
        this.vectors = new ToolVectors[tools.size()];
        this.examples = new float[tools.size()][][];
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < tools.size(); i++) {
            Tool t = tools.get(i);
            texts.add(text.apply(t));
            String name = ToolTexts.nameText(t.definition());
            String description = ToolTexts.descriptionText(t.definition());
            vectors[i] = new ToolVectors(cache.of(texts.get(i)), cache.of(name), cache.of(description),
                    cache.tokens(texts.get(i)), cache.tokens(name), cache.tokens(description));
        }
        this.lexical = LexicalIndex.of(texts);
    }

    ToolFeatures(List<Tool> tools, VectorCache cache) {
        this(tools, t -> ToolTexts.text(t.definition()), cache);
    }

    /** The features of {@code query} against every tool, in tool order; remembered (training reads them often). */
    double[][] of(String query) {
        return memo.computeIfAbsent(query, this::compute);
    }

    private double[][] compute(String query) {
        float[] v = cache.of(query);
        double[] similarity = new double[vectors.length];
        for (int i = 0; i < similarity.length; i++) {
            similarity[i] = ToolSelector.relevance(v, vectors[i].text(), examples[i]);
        }
        return ToolScorer.features(v, cache.tokens(query), vectors, similarity, lexical.scores(query));
    }

    int index(String name) {
        for (int i = 0; i < tools.size(); i++) {
            if (tools.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown tool " + name);
    }
}
