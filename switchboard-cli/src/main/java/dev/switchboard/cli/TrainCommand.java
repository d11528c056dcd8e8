package dev.switchboard.cli;

import dev.switchboard.inference.encoder.OnnxEncoder;
import dev.switchboard.inference.guard.TrainJailbreakHead;
import dev.switchboard.inference.routing.TrainRouter;
import dev.switchboard.inference.ner.TrainEntityHead;
import dev.switchboard.inference.train.TrainDomainHead;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard train domain}: trains the domain head the way the shipped one was trained. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train classifier heads.",
        subcommands = {TrainCommand.Domain.class, TrainCommand.Jailbreak.class, TrainCommand.Pii.class,
                TrainCommand.Tools.class, TrainCommand.CacheFeatures.class, TrainCommand.Router.class})
final class TrainCommand {

    @Command(name = "jailbreak", mixinStandardHelpOptions = true,
            description = {"Train the jailbreak/prompt-injection head (seeded splits, appended-filler augmentation), "
                    + "write it to DIR/jailbreak-head.bin, and evaluate it on the held-out parts: ROC AUC, recall at "
                    + "1%% false positives, recall under the append attack, over-blocking of benign text."})
    static final class Jailbreak implements Callable<Integer> {

        @picocli.CommandLine.Mixin
        JailbreakDataOptions data;

        @Option(names = "--out", required = true, description = "Directory to write jailbreak-head.bin into")
        Path out;

        @Override
        public Integer call() throws Exception {
            Files.createDirectories(out);
            TrainJailbreakHead.run(data.dataRoot, out.resolve("jailbreak-head.bin"), System.out);
            return 0;
        }
    }

    @Command(name = "pii", mixinStandardHelpOptions = true,
            description = {"Train the PII entity head (PERSON, LOCATION, ORGANIZATION, ADDRESS) on the real NER "
                    + "corpora (WNUT-17, Broad Twitter Corpus, WikiGold; their training splits), Presidio's "
                    + "generated sentences (split by template), the bundled chat templates filled by datafaker, and "
                    + "MetaTool queries as everyday text; write it to DIR/entity-head.bin, choose the entity "
                    + "probability on validation, and print span-level precision, recall and F2 per type and source."})
    static final class Pii implements Callable<Integer> {

        @picocli.CommandLine.Mixin
        EntityDataOptions data;

        @Option(names = "--out", required = true, description = "Directory to write entity-head.bin into")
        Path out;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--cap", defaultValue = "0", description = "Training texts taken from each real NER corpus "
                + "at most, a seeded sample; 0: all (default: ${DEFAULT-VALUE})")
        int cap;

        @Override
        public Integer call() throws Exception {
            Files.createDirectories(out);
            if (cap < 0) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--cap must be 0 or more");
            }
            TrainEntityHead.run(data.sources(), cap, out.resolve("entity-head.bin"), data.encodingsFolder(),
                    System.out);
            return 0;
        }
    }

    @Command(name = "domain", mixinStandardHelpOptions = true,
            description = {"Train the domain head on MMLU-Pro (80%% of each category, split with the seed) plus the "
                    + "bundled chat-style prompts, write it to DIR/domain-head.bin, and evaluate it on the held-out "
                    + "20%% and on the bundled chat-style evaluation set.",
                    "Use it with `signals: {domain: {head_path: DIR/domain-head.bin}}`."})
    static final class Domain implements Callable<Integer> {

        @Option(names = "--data", required = true, description = "MMLU-Pro JSONL (question, category)")
        Path data;

        @Option(names = "--out", required = true, description = "Directory to write domain-head.bin into")
        Path out;

        @Option(names = "--seed", defaultValue = "42", description = "Split and training seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--embedding-cache", description = "Directory to keep computed embeddings in between runs")
        Path embeddingCache;

        @Override
        public Integer call() throws Exception {
            Files.createDirectories(out);
            TrainDomainHead.run(data, out.resolve("domain-head.bin"), seed, embeddingCache, System.out);
            return 0;
        }
    }

    @Command(name = "cache-features", mixinStandardHelpOptions = true,
            description = {"Compute the semantic cache verifier's pair features (bundled encoder, the router's own "
                    + "feature code) for labelled pairs (JSONL: text_a = cached question, text_b = new question, "
                    + "label, optional source/split), for training/cache/train.py. See training/cache/README.md."})
    static final class CacheFeatures implements Callable<Integer> {

        @Option(names = "--pairs", required = true, description = "Labelled pairs JSONL")
        Path pairs;

        @Option(names = "--out", required = true, description = "Features JSONL to write")
        Path out;

        @Option(names = "--views-cache", description = "File keeping encoded questions between runs (created)")
        Path viewsCache;

        @Override
        public Integer call() throws Exception {
            try (var encoder = dev.switchboard.inference.encoder.OnnxEncoder.loadDefault()) {
                int rows = CacheFeatureExport.run(pairs, out, viewsCache, encoder, dev.switchboard.inference.ProgressBar.toStderr());
                System.out.println(rows + " pairs -> " + out);
            }
            return 0;
        }
    }

    @Command(name = "tools", mixinStandardHelpOptions = true,
            description = {"Train the tool ranker (a linear score of six request/tool features, shipped as "
                    + "switchboard/tools/scorer.json) on MetaTool's training-split single-tool queries; prints how it "
                    + "does on tools held out of training and on the validation and test splits. See docs/tools.md."})
    static final class Tools implements Callable<Integer> {

        @Option(names = "--data", required = true, description = "Directory holding the metatool_*.jsonl files")
        Path data;

        @Option(names = "--out", required = true, description = "Directory to write scorer.json and its manifest")
        Path out;

        @Option(names = "--seed", defaultValue = "42",
                description = "Split and training seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--cache", defaultValue = "target/tool-eval-cache", description = "Directory that remembers "
                + "query and tool embeddings between runs (default: ${DEFAULT-VALUE})")
        Path cache;

        @Override
        public Integer call() throws Exception {
            try (var encoder = dev.switchboard.inference.encoder.OnnxEncoder.loadDefault()) {
                System.out.println(ToolScorerTraining.run(new ToolData(data, seed), new VectorCache(encoder, cache),
                        encoder.modelId(), out, seed));
            }
            return 0;
        }
    }

    @Command(name = "router", mixinStandardHelpOptions = true,
            description = {"Train a cost-aware router on an outcome file (JSONL: id, prompt|messages, scores "
                    + "{model: 0..1}, costs {model: n}): predicts each model's score from the shared encoder's "
                    + "embedding. kNN, per-model logistic heads and their blend are compared on a seeded 20%% "
                    + "validation split; the winner is refitted on all rows and written to DIR with a manifest.",
                    "Use it with `selection: {type: cost_aware, router: DIR}` in a decision."})
    static final class Router implements Callable<Integer> {

        @Option(names = "--data", required = true, description = "Outcome file (JSONL)")
        Path data;

        @Option(names = "--out", required = true, description = "Router directory to write")
        Path out;

        @Option(names = "--seed", defaultValue = "42", description = "Validation split and training seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--embedding-cache", defaultValue = "target/embedding-cache",
                description = "Directory that remembers prompt embeddings between runs (default: ${DEFAULT-VALUE})")
        Path embeddingCache;

        @Override
        public Integer call() {
            try (OnnxEncoder encoder = OnnxEncoder.loadDefault()) {
                TrainRouter.run(data, out, seed, embeddingCache, encoder, System.out);
            }
            return 0;
        }
    }
}
