package dev.switchboard.cli;

import dev.switchboard.inference.ProgressBar;
import dev.switchboard.inference.encoder.OnnxEncoder;
import dev.switchboard.inference.head.DomainClassifier;
import dev.switchboard.inference.train.Datasets;
import dev.switchboard.inference.train.DomainEvaluator;
import dev.switchboard.inference.train.LabeledText;
import dev.switchboard.inference.train.TrainDomainHead;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard eval domain}: accuracy, macro-F1, per-class F1, confusion matrix and latency of a head. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate classifier heads.",
        subcommands = {EvalCommand.Domain.class, EvalCommand.Cache.class, EvalCommand.Jailbreak.class,
                EvalCommand.Pii.class, EvalCommand.Routing.class, EvalCommand.Tools.class})
final class EvalCommand {

    @Command(name = "jailbreak", mixinStandardHelpOptions = true,
            description = "Evaluate the bundled jailbreak head on the held-out parts of its data (same seeded "
                    + "splits as `train jailbreak`): ROC AUC, recall at 1%% false positives, append attack, "
                    + "over-blocking.")
    static final class Jailbreak implements Callable<Integer> {

        @picocli.CommandLine.Mixin
        JailbreakDataOptions data;

        @Override
        public Integer call() {
            var corpus = dev.switchboard.inference.guard.JailbreakData.load(data.dataRoot,
                    dev.switchboard.inference.guard.TrainJailbreakHead.SEED);
            try (OnnxEncoder encoder = OnnxEncoder.loadDefault()) {
                new dev.switchboard.inference.guard.JailbreakEvaluation(
                        dev.switchboard.inference.guard.JailbreakDetector.loadDefault(encoder), System.out,
                        dev.switchboard.inference.guard.TrainJailbreakHead.SEED).report(corpus);
            }
            return 0;
        }
    }

    @Command(name = "tools", mixinStandardHelpOptions = true,
            description = {"Tool selection on MetaTool (a directory of metatool_*.jsonl): gold tools kept,"
                    + " mean tools kept and tool-definition tokens removed (encoder tokenizer) per top_k and "
                    + "min_similarity, on the test split; tool awareness precision/recall.",
                    "Or on a JSONL file of requests, each with its own tools: {\"query\" (or \"messages\"), "
                    + "\"tools\": [OpenAI tools], \"gold\": [names]}, through the router's own selector."})
    static final class Tools implements Callable<Integer> {

        @Option(names = "--data", required = true, description = "Directory holding metatool_tools.jsonl and the "
                + "metatool_*_queries.jsonl / metatool_tool_awareness.jsonl files, or a JSONL file of requests")
        Path data;

        @Option(names = "--limit", defaultValue = "0",
                description = "At most this many queries per split and set; 0: all (default: ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--seed", defaultValue = "42", description = "Split seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--examples", defaultValue = "16", description = "Also measure with this many training-split "
                + "queries per tool as catalogue examples; 0: skip (default: ${DEFAULT-VALUE})")
        int examples;

        @Option(names = "--cache", defaultValue = "target/tool-eval-cache", description = "Directory where query "
                + "and tool embeddings are remembered between runs (default: ${DEFAULT-VALUE})")
        Path cache;

        @Override
        public Integer call() {
            try (OnnxEncoder encoder = OnnxEncoder.loadDefault()) {
                System.out.println(java.nio.file.Files.isRegularFile(data) ? ToolRequestsEval.run(data, encoder, limit)
                        : ToolEval.run(new ToolData(data, seed), encoder, limit, examples, ProgressBar.toStderr(),
                        cache));
            }
            return 0;
        }
    }

    @Command(name = "pii", mixinStandardHelpOptions = true,
            description = "Span-level precision, recall and F2 per type of the PII entity head (the bundled one, or "
                    + "--head) per source: the validation and test splits of `train pii` (same seeded splits) and "
                    + "the hand-written chat messages.")
    static final class Pii implements Callable<Integer> {

        @picocli.CommandLine.Mixin
        EntityDataOptions data;

        @Option(names = "--head", description = "Entity head file (default: the bundled head)")
        Path head;

        @Option(names = "--entity-probability", description = "Decoder threshold (see EntityTagger."
                + "ENTITY_PROBABILITY; default: the shipped head's)")
        Float entityProbability;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--only", description = "Report only the sets whose name contains this text, e.g. "
                + "'hand-written' or 'test' (default: every set)")
        String only;

        @Override
        public Integer call() {
            if (entityProbability != null && !(entityProbability > 0 && entityProbability < 1)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--entity-probability must be between 0 and 1 (exclusive), got " + entityProbability);
            }
            var corpus = dev.switchboard.inference.ner.EntityData.load(data.sources(), 0,
                    dev.switchboard.inference.ner.TrainEntityHead.SEED).only(only == null ? "" : only);
            try (OnnxEncoder onnx = OnnxEncoder.loadDefault()) {
                var encoder = new dev.switchboard.inference.train.CachingWindowEncoder(onnx, data.encodingsFolder());
                var weights = head == null ? dev.switchboard.inference.head.HeadCodec.readResource(
                        dev.switchboard.inference.ner.EntityTagger.DEFAULT_HEAD_RESOURCE)
                        : dev.switchboard.inference.head.HeadCodec.read(head);
                var tagger = new dev.switchboard.inference.ner.EntityTagger(encoder, weights, entityProbability != null
                        ? entityProbability : dev.switchboard.inference.ner.EntityTagger.ENTITY_PROBABILITY);
                dev.switchboard.inference.ner.TrainEntityHead.report(tagger, corpus, System.out);
                encoder.save();
            }
            return 0;
        }
    }

    @Command(name = "cache", mixinStandardHelpOptions = true,
            description = "Recall and false-hit rate of the semantic cache (candidates by similarity, confirmed by the "
                    + "bundled hit verifier) per split and source at the default operating point, and the curve, on "
                    + "labelled pairs (JSONL: text_a = cached, text_b = new, label 1 = same question; optional "
                    + "split, source). Without a split field the file is reported as evaluation only (QQP).")
    static final class Cache implements Callable<Integer> {

        @Option(names = "--data", required = true, description = "Labelled pairs, e.g. Quora question pairs")
        Path data;

        @Option(names = "--limit", defaultValue = "3000", description = "Pairs to sample (default: ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--seed", defaultValue = "42", description = "Sampling seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Override
        public Integer call() {
            try (OnnxEncoder encoder = OnnxEncoder.loadDefault()) {
                System.out.println(CacheEval.run(data, limit, seed, encoder, ProgressBar.toStderr()));
            }
            return 0;
        }
    }

    @Command(name = "domain", mixinStandardHelpOptions = true,
            description = "Evaluate the domain head on a labelled JSONL file (question|text|prompt, category|label).")
    static final class Domain implements Callable<Integer> {

        @Option(names = "--data", description = "Labelled JSONL; default: the bundled chat-style evaluation set")
        Path data;

        @Option(names = "--split", defaultValue = "test", description = "all: every row | test: the held-out part "
                + "`train domain` did not train on, for the same --seed (default: ${DEFAULT-VALUE})")
        String split;

        @Option(names = "--seed", defaultValue = "42", description = "Split seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--head", description = "A head from `train domain`; default: the bundled head")
        Path head;

        @Override
        public Integer call() {
            List<LabeledText> examples = examples();
            try (OnnxEncoder encoder = OnnxEncoder.loadDefault()) {
                DomainClassifier classifier = head == null ? DomainClassifier.loadDefault(encoder)
                        : DomainClassifier.load(encoder, head);
                String name = data == null ? "bundled chat-style evaluation set" : data.getFileName() + " (" + split
                        + (split.equals("test") ? ", seed " + seed : "") + ")";
                System.out.println(DomainEvaluator.evaluate(name, classifier, examples, ProgressBar.toStderr())
                        .toText());
            }
            return 0;
        }

        private List<LabeledText> examples() {
            if (data == null) {
                return Datasets.readResource(Datasets.CHAT_EVAL_RESOURCE);
            }
            List<LabeledText> all = Datasets.read(data);
            return switch (split) {
                case "all" -> all;
                case "test" -> Datasets.split(all, TrainDomainHead.TEST_FRACTION, seed).test();
                default -> throw new IllegalArgumentException("--split must be all or test, not " + split);
            };
        }
    }

    @Command(name = "routing", mixinStandardHelpOptions = true,
            description = {"Replay a trained router and the baselines (each single model, random mixes, a static "
                    + "model per category calibrated on the training file, the per-prompt oracle) on a held-out "
                    + "outcome file: accuracy-vs-cost curves, cost to reach 95%% of the best single model's "
                    + "accuracy, and for two-model pools APGR, CPT(50%%), CPT(80%%). Writes report.md and curve.svg "
                    + "to --report."})
    static final class Routing implements Callable<Integer> {

        @Option(names = "--router", required = true, description = "Router directory from `train router`")
        Path router;

        @Option(names = "--data", required = true, description = "Held-out outcome file (JSONL)")
        Path data;

        @Option(names = "--train-data", description = "The router's training file, for the per-category baseline")
        Path trainData;

        @Option(names = "--report", defaultValue = "target/routing-eval",
                description = "Directory for report.md and curve.svg (default: ${DEFAULT-VALUE})")
        Path report;

        @Option(names = "--json", description = "Also write the results as JSON to this file")
        Path json;

        @Option(names = "--embedding-cache", defaultValue = "target/embedding-cache",
                description = "Directory that remembers prompt embeddings between runs (default: ${DEFAULT-VALUE})")
        Path embeddingCache;

        @Override
        public Integer call() {
            try (OnnxEncoder encoder = OnnxEncoder.loadDefault()) {
                dev.switchboard.inference.routing.EvalRouting.run(router, data, trainData, report, json,
                        embeddingCache, encoder, System.out);
            }
            return 0;
        }
    }
}
