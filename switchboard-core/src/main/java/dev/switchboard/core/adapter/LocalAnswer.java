package dev.switchboard.core.adapter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * An answer the router writes itself, without calling a model: a fast response, a cache hit, a guard's refusal.
 * Either a JSON body or the {@code data:} payloads of a server-sent event stream, with its status and the
 * {@code x-vsr-*} headers; each adapter renders it its own way (an HTTP response, an Envoy immediate response).
 *
 * @param status  the HTTP status
 * @param json    the JSON body, or null for a stream
 * @param events  the SSE payloads, each sent as {@code data: <payload>} and a blank line; empty for a JSON body
 * @param headers the routing headers to send with it
 */
public record LocalAnswer(int status, String json, List<String> events, Map<String, String> headers) {

    public static final String JSON_TYPE = "application/json; charset=utf-8";
    public static final String EVENT_STREAM_TYPE = "text/event-stream";

    public LocalAnswer {
        events = List.copyOf(events);
        headers = Map.copyOf(headers);
    }

    public boolean isStream() {
        return json == null;
    }

    public String contentType() {
        return isStream() ? EVENT_STREAM_TYPE : JSON_TYPE;
    }

    /** The whole body as sent: the JSON, or every event of the stream. */
    public byte[] bodyBytes() {
        if (!isStream()) {
            return json.getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder body = new StringBuilder();
        events.forEach(payload -> body.append(event(payload)));
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One SSE event: {@code data: <payload>} and a blank line. */
    public static String event(String payload) {
        return "data: " + payload + "\n\n";
    }
}
