package dev.switchboard.cli;

import dev.switchboard.inference.ProgressBar;
import dev.switchboard.inference.encoder.OnnxEncoder;
import dev.switchboard.inference.head.DomainClassifier;
import dev.switchboard.inference.head.HeadCodec;
import dev.switchboard.inference.head.SoftmaxHead;
import dev.switchboard.inference.train.Datasets;
import dev.switchboard.inference.train.DomainEvaluator;
import dev.switchboard.inference.train.DomainTrainer;
import dev.switchboard.inference.train.EmbeddingCache;
import dev.switchboard.inference.train.LabeledText;
import dev.switchboard.inference.train.TrainDomainHead;
import dev.switchboard.inference.train.TrainOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard train domain}: trains the domain head the way the shipped one was trained. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train classifier heads.",
        subcommands = TrainCommand.Domain.class)
final class TrainCommand {

    @Command(name = "domain", mixinStandardHelpOptions = true,
            description = {"Train the domain head on MMLU-Pro (80% of each category, split with the seed) plus the "
                    + "bundled chat-style prompts, write it to DIR/domain-head.bin, and evaluate it on the held-out "
                    + "20% and on the bundled chat-style evaluation set.",
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
            Datasets.Split split = Datasets.split(Datasets.read(data), TrainDomainHead.TEST_FRACTION, seed);
            List<LabeledText> train = new ArrayList<>(split.train());
            train.addAll(Datasets.readResource(Datasets.CHAT_TRAIN_RESOURCE));
            try (OnnxEncoder encoder = OnnxEncoder.loadDefault()) {
                SoftmaxHead head = new DomainTrainer(encoder, new EmbeddingCache(embeddingCache),
                        TrainOptions.defaults().withSeed(seed)).train(train, ProgressBar.toStderr());
                Files.createDirectories(out);
                Path file = out.resolve("domain-head.bin");
                HeadCodec.write(head, file);
                System.out.println("Wrote " + file + " (" + head.labels().size() + " categories, encoder "
                        + encoder.modelId() + ")");
                DomainClassifier classifier = new DomainClassifier(encoder, head);
                System.out.println(DomainEvaluator.evaluate("MMLU-Pro held-out " + (int) (TrainDomainHead.TEST_FRACTION
                        * 100) + "% (seed " + seed + ")", classifier, split.test(), ProgressBar.toStderr()).toText());
                System.out.println(DomainEvaluator.evaluate("chat-style evaluation set", classifier,
                        Datasets.readResource(Datasets.CHAT_EVAL_RESOURCE), ProgressBar.toStderr()).toText());
            }
            return 0;
        }
    }
}
