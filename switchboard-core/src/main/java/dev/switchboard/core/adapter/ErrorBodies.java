package dev.switchboard.core.adapter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.request.ApiException;

/** The OpenAI error body, {@code {"error":{"message","type","code","param"}}}, for an {@link ApiException}. */
public final class ErrorBodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorBodies() {}

    public static String json(ApiException e) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error").put("message", e.getMessage()).put("type", e.type())
                .put("code", e.code());
        if (e.param() == null) {
            error.putNull("param");
        } else {
            error.put("param", e.param());
        }
        return root.toString();
    }
}
