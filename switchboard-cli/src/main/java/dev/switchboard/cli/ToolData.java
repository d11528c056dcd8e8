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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The MetaTool tool-selection data (a directory of {@code metatool_*.jsonl}): tools as OpenAI function schemas, and
 * single-tool, multi-tool and tool-awareness queries, each assigned to train, validation or test by a seeded hash of
 * its text, so a query is in one split whatever else the files hold and every run splits alike.
 */
final class ToolData {

    enum Split { TRAIN, VALIDATION, TEST }

    /** A tool of the data, as a client would send it; {@code set}: single_tool or merged_multi_tool. */
    record Tool(String name, ObjectNode definition, String set) {}

    /**
     * A query and the tools it needs (none for a tool-awareness query that needs no tool); {@code anyOf}: any one
     * of the gold tools answers it (a single-tool query the data lists under more than one tool), else all are needed.
     */
    record Query(String text, List<String> gold, boolean needsTool, boolean anyOf) {
        Query(String text, List<String> gold, boolean needsTool) {
            this(text, gold, needsTool, false);
        }
    }

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

    /**
     * Every tool once: the file lists each multi-tool tool twice (under both sets), and a catalogue holding a tool
     * twice would spend two of its top_k places on one tool. The first row of a name wins.
     */
    List<Tool> distinctTools() {
        Map<String, Tool> byName = new LinkedHashMap<>();
        tools.forEach(t -> byName.putIfAbsent(t.name(), t));
        return List.copyOf(byName.values());
    }

    /**
     * Single-tool queries, one per distinct text (compared trimmed and in lower case): the file repeats 64 texts,
     * 11 of them under two different tools, and either tool answers such a query.
     */
    List<Query> single(Split split) {
        Map<String, Query> byText = new LinkedHashMap<>();
        for (Query q : queries("metatool_single_tool_queries.jsonl", split,
                n -> new Query(n.path("query").asText(), List.of(n.path("tool").asText()), true, true))) {
            byText.merge(normalized(q.text()), q, (a, b) -> a.gold().containsAll(b.gold()) ? a
                    : new Query(a.text(), List.of(a.gold().get(0), b.gold().get(0)), true, true));
        }
        return List.copyOf(byText.values());
    }

    /** A query as compared and split: trimmed, lower case (texts differing only so land in the same split). */
    static String normalized(String text) {
        return text.trim().toLowerCase(Locale.ROOT);
    }

    /** Which half of the tools (by a seeded hash of its name) a tool is in: 0 or 1, for held-out-tool checks. */
    int toolHalf(String name) {
        return hash("tool:" + name)[0] & 1;
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
        byte[] hash = hash(text);
        int bucket = Math.floorMod(hash[0] * 256 + (hash[1] & 0xff), 10);
        return bucket < 6 ? Split.TRAIN : bucket < 8 ? Split.VALIDATION : Split.TEST;
    }

    private byte[] hash(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest((seed + ":" + text).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private List<Query> queries(String file, Split split, java.util.function.Function<JsonNode, Query> reader) {
        return lines(file).stream().map(reader).filter(q -> splitOf(normalized(q.text())) == split).toList();
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
