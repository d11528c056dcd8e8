package dev.switchboard.cli;

import dev.switchboard.inference.guard.TrainJailbreakHead;
import dev.switchboard.inference.ner.TrainEntityHead;
import dev.switchboard.inference.train.TrainDomainHead;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard train domain}: trains the domain head the way the shipped one was trained. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train classifier heads.",
        subcommands = {TrainCommand.Domain.class, TrainCommand.Jailbreak.class, TrainCommand.Pii.class})
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
            description = {"Train the PII entity head (PERSON, LOCATION, ORGANIZATION, ADDRESS) on Presidio's "
                    + "generated sentences (split by template), the bundled chat templates filled by datafaker, and "
                    + "MetaTool queries as everyday text; write it to DIR/entity-head.bin and print span-level "
                    + "precision, recall and F2 per type on held-out templates."})
    static final class Pii implements Callable<Integer> {

        @picocli.CommandLine.Mixin
        EntityDataOptions data;

        @Option(names = "--out", required = true, description = "Directory to write entity-head.bin into")
        Path out;

        @Override
        public Integer call() throws Exception {
            Files.createDirectories(out);
            TrainEntityHead.run(data.presidio, data.metatool, out.resolve("entity-head.bin"), System.out);
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
}
