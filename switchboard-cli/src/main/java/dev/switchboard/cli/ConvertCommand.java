package dev.switchboard.cli;

import dev.switchboard.inference.routing.MmluProConverter;
import dev.switchboard.inference.routing.OutcomeFile;
import dev.switchboard.inference.routing.OutcomeSplit;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard convert}: turns recorded benchmark results into outcome files, and splits them. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Make and split outcome files (JSONL: id, prompt, scores {model: 0..1}, costs {model: n}).",
        subcommands = {ConvertCommand.MmluPro.class, ConvertCommand.Split.class})
final class ConvertCommand {

    @Command(name = "mmlu-pro", mixinStandardHelpOptions = true,
            description = {"Convert the recorded MMLU-Pro per-model results (question, options, correct, "
                    + "output_chars) into an outcome file. Drops rows marked revised_in_some_model_file and models "
                    + "missing from more than 1 - --min-coverage of the rows. Cost is a proxy: parameter count "
                    + "(table in docs/routing.md), or parameter count x answer length in characters."})
    static final class MmluPro implements Callable<Integer> {

        @Option(names = "--in", required = true, description = "mmlu_pro_29models.jsonl")
        Path in;

        @Option(names = "--out", required = true, description = "Outcome file to write")
        Path out;

        @Option(names = "--cost", defaultValue = "params",
                description = "params | params_times_output_chars (default: ${DEFAULT-VALUE})")
        String cost;

        @Option(names = "--min-coverage", defaultValue = "0.99",
                description = "Keep models with results for at least this fraction of rows (default: ${DEFAULT-VALUE})")
        double minCoverage;

        @Option(names = "--with-options", description = "Append the lettered answer options to each prompt")
        boolean withOptions;

        @Override
        public Integer call() {
            MmluProConverter.CostProxy proxy = switch (cost) {
                case "params" -> MmluProConverter.CostProxy.PARAMS;
                case "params_times_output_chars" -> MmluProConverter.CostProxy.PARAMS_TIMES_OUTPUT_CHARS;
                default -> throw new IllegalArgumentException("--cost must be params or params_times_output_chars");
            };
            MmluProConverter.Summary s = MmluProConverter.convert(in, out, proxy, minCoverage, withOptions);
            System.out.printf("wrote %d rows for %d models to %s (dropped: %d revised rows, %d rows missing a kept "
                    + "model; models %s)%n", s.rows(), s.models().size(), out, s.revisedDropped(),
                    s.incompleteDropped(), s.modelsDropped());
            return 0;
        }
    }

    @Command(name = "split", mixinStandardHelpOptions = true,
            description = "De-duplicate prompts, shuffle with --seed, and write two outcome files (train, held-out).")
    static final class Split implements Callable<Integer> {

        @Option(names = "--in", required = true, description = "Outcome file")
        Path in;

        @Option(names = "--train", required = true, description = "Where to write the first part")
        Path train;

        @Option(names = "--test", required = true, description = "Where to write the rest")
        Path test;

        @Option(names = "--fraction", defaultValue = "0.5", description = "Share of the first part (default: ${DEFAULT-VALUE})")
        double fraction;

        @Option(names = "--seed", defaultValue = "42", description = "Shuffle seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Override
        public Integer call() {
            OutcomeSplit split = OutcomeSplit.of(OutcomeFile.read(in), fraction, seed);
            OutcomeFile.write(split.first(), train);
            OutcomeFile.write(split.second(), test);
            System.out.printf("wrote %d rows to %s and %d rows to %s%n", split.first().size(), train,
                    split.second().size(), test);
            return 0;
        }
    }
}
