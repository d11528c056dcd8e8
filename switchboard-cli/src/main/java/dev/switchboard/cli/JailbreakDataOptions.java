package dev.switchboard.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the public data the jailbreak head is trained and evaluated on lies (read in place, never copied). */
final class JailbreakDataOptions {

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "The shared data folder: jailbreak/, everyday/, domain/mmlu_pro.jsonl and "
                    + "tools/metatool_single_tool_queries.jsonl below it (see its README)")
    Path dataRoot;
}
