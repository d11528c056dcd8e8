package dev.switchboard.cli;

import dev.switchboard.inference.ner.EntityData;
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

    @Option(names = "--ner", description = "Folder with the real NER corpora (wnut17_emerging_entities.jsonl, "
            + "broad_twitter_corpus.jsonl, wikigold.jsonl; missing files are skipped) (default: the folder of "
            + "--presidio)")
    Path ner;

    @Option(names = "--encodings", defaultValue = "target/entity-encodings", description = "Folder where encoder "
            + "results are remembered between runs; 'none' to keep nothing (default: ${DEFAULT-VALUE})")
    String encodings;

    EntityData.Sources sources() {
        Path folder = ner != null ? ner : presidio.toAbsolutePath().getParent();
        return new EntityData.Sources(presidio, metatool, folder);
    }

    Path encodingsFolder() {
        return "none".equals(encodings) ? null : Path.of(encodings);
    }
}
