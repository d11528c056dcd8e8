package dev.switchboard.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The four public data files the jailbreak head is trained and evaluated on (paths; never copied). */
final class JailbreakDataOptions {

    @Option(names = "--deepset", required = true, description = "deepset prompt injections JSONL (text, label, split)")
    Path deepset;

    @Option(names = "--jailbreakbench", required = true, description = "JailbreakBench attacks JSONL (prompt, goal)")
    Path jailbreakBench;

    @Option(names = "--mmlu", required = true, description = "MMLU-Pro JSONL (question): benign text")
    Path mmlu;

    @Option(names = "--metatool", required = true, description = "MetaTool single-tool queries JSONL (query): benign text")
    Path metatool;
}
