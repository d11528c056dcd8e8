package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The MetaTool tool-selection data (a directory of {@code metatool_*.jsonl}): tools as OpenAI function schemas, and
 * single-tool, multi-tool and tool-awareness queries, each assigned to train, validation or test by a seeded hash of
 * its text, so a query is in one split whatever else the files hold and every run splits alike.
 */
final class ToolData {

    enum Split { TRAIN, VALIDATION, TEST }

    /** A tool of the data, as a client would send it; {@code set}: single_tool or merged_multi_tool. */
    record Tool(String name, ObjectNode definition, String set) {}

    /** A query and the tools it needs (none for a tool-awareness query that needs no tool). */
    record Query(String text, List<String> gold, boolean needsTool) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    final List<Tool> tools;
    private final Path dir;
    private final long seed;

    ToolData(Path dir, long seed) {
        this.dir = dir;
        this.seed = seed;
        this.tools = lines("metatool_tools.jsonl").stream().map(ToolData::tool).toList();
    }

    List<Tool> toolsOf(String set) {
        return tools.stream().filter(t -> t.set().equals(set)).toList();
    }

    List<Query> single(Split split) {
        return queries("metatool_single_tool_queries.jsonl", split,
                n -> new Query(n.path("query").asText(), List.of(n.path("tool").asText()), true));
    }

    List<Query> multi(Split split) {
        return queries("metatool_multi_tool_queries.jsonl", split, n -> {
            List<String> gold = new ArrayList<>();
            n.path("tools").forEach(t -> gold.add(t.asText()));
            return new Query(n.path("query").asText(), gold, true);
        });
    }

    List<Query> awareness(Split split) {
        return queries("metatool_tool_awareness.jsonl", split,
                n -> new Query(n.path("query").asText(), List.of(), n.path("needs_tool").asBoolean()));
    }

    /** 60 % train, 20 % validation, 20 % test, by the query text's seeded SHA-256. */
    Split splitOf(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((seed + ":" + text).getBytes(StandardCharsets.UTF_8));
            int bucket = Math.floorMod(hash[0] * 256 + (hash[1] & 0xff), 10);
            return bucket < 6 ? Split.TRAIN : bucket < 8 ? Split.VALIDATION : Split.TEST;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private List<Query> queries(String file, Split split, java.util.function.Function<JsonNode, Query> reader) {
        return lines(file).stream().map(reader).filter(q -> splitOf(q.text()) == split).toList();
    }

    private static Tool tool(JsonNode row) {
        ObjectNode definition = JSON.createObjectNode().put("type", "function");
        ObjectNode function = definition.putObject("function").put("name", row.path("tool").asText())
                .put("description", row.path("description").asText());
        function.putObject("parameters").put("type", "object").putObject("properties");
        return new Tool(row.path("tool").asText(), definition, row.path("set").asText());
    }

    private List<JsonNode> lines(String file) {
        Path path = dir.resolve(file);
        try (var lines = Files.lines(path)) {
            return lines.filter(l -> !l.isBlank()).map(ToolData::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path.toAbsolutePath(), e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON line: " + line.substring(0, Math.min(80, line.length())));
        }
    }
}
