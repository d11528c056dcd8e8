package dev.switchboard.core.tools;

import java.util.List;

/**
 * What tool selection did to one request.
 *
 * @param toolsIn          tools the client sent
 * @param toolsOut         tools the model receives (kept plus added)
 * @param tools            every candidate scored, best first, each with whether it was kept and why
 * @param definitionChars  characters of tool definitions the client sent
 * @param removedChars     characters of tool definitions no longer sent (negative when tools were added)
 */
public record ToolSelection(int toolsIn, int toolsOut, List<ScoredTool> tools, long definitionChars,
                            long removedChars) {

    public ToolSelection {
        tools = List.copyOf(tools);
    }

    /** One candidate tool. */
    public record ScoredTool(String name, double score, boolean kept, String reason) {}

    /** The {@code x-vsr-tools-selected} value: tools sent on out of tools received, e.g. {@code 4/57}. */
    public String headerValue() {
        return toolsOut + "/" + toolsIn;
    }

    /** The tools the model receives, best first. */
    public List<ScoredTool> kept() {
        return tools.stream().filter(ScoredTool::kept).toList();
    }

    /** Prompt tokens saved, estimated at four characters a token (as {@code ChatRequest} estimates prompts). */
    public long estimatedTokensSaved() {
        return removedChars / 4;
    }
}
