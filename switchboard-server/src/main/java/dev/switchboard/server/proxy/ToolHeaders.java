package dev.switchboard.server.proxy;

import dev.switchboard.server.http.VsrHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import dev.switchboard.core.tools.ToolSelection;
import java.util.Locale;
import java.util.stream.Collectors;

/** The response headers that show what tool selection did: counts always, kept tools and scores with debug. */
final class ToolHeaders {

    private ToolHeaders() {}

    static void set(ResponseHeadersBuilder headers, ToolSelection selection, boolean debug) {
        headers.set(VsrHeaders.TOOLS_SELECTED, selection.headerValue());
        if (debug) {
            // name=score(reason): tool names are the client's own identifiers, [A-Za-z0-9_-] in the OpenAI API
            headers.set(VsrHeaders.TOOLS_KEPT, selection.kept().stream()
                    .map(t -> String.valueOf(t.name()).replaceAll("[^A-Za-z0-9_.-]", "_") + "=" + (Double.isNaN(t.score()) ? "-" : String.format(Locale.ROOT, "%.3f", t.score())) + "(" + t.reason() + ")")
                    .collect(Collectors.joining(",")));
        }
    }
}
