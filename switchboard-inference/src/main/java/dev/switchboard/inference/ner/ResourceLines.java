package dev.switchboard.inference.ner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The text resources written for the entity head: one entry per line, {@code #} comments and blank lines skipped. */
final class ResourceLines {

    private ResourceLines() {}

    /** The entries of {@code resource}, stripped, with {@code \n} written as two characters turned into a line break. */
    static List<String> read(String resource) {
        try (InputStream in = ResourceLines.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.replace("\\n", "\n")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
