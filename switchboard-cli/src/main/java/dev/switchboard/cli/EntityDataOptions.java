package dev.switchboard.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The public data files the PII entity head is trained and evaluated on (paths; never copied). */
final class EntityDataOptions {

    @Option(names = "--presidio", required = true,
            description = "Presidio's generated PII sentences JSONL (text, spans[type,start,end], template_id)")
    Path presidio;

    @Option(names = "--metatool", required = true,
            description = "MetaTool single-tool queries JSONL (query): everyday requests, read as non-entity text")
    Path metatool;
}
