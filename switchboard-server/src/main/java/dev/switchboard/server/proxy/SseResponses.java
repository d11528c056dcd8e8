package dev.switchboard.server.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import com.linecorp.armeria.common.stream.StreamMessage;
import dev.switchboard.core.adapter.LocalAnswer;
import dev.switchboard.core.response.Completions;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Responses the router writes itself: a JSON body, or a server-sent event stream of {@code data:} payloads. */
public final class SseResponses {

    private SseResponses() {}

    /**
     * A chat completion the router writes itself ({@code text}, ending with {@code finishReason}): an SSE stream when
     * the client asked for one, a JSON body otherwise. Prompt tokens are estimated from {@code messages}.
     */
    public static HttpResponse completion(boolean stream, String model, String text, String finishReason,
                                          JsonNode messages) {
        long promptTokens = Completions.estimateTokens(messages.toString());
        return stream ? of(Completions.chunks(model, text, finishReason, promptTokens))
                : json(Completions.completion(model, text, finishReason, promptTokens));
    }

    /** An answer the router wrote itself, with its status and routing headers. */
    public static HttpResponse of(LocalAnswer answer) {
        ResponseHeadersBuilder headers = ResponseHeaders.builder(HttpStatus.valueOf(answer.status()))
                .contentType(answer.isStream() ? MediaType.EVENT_STREAM : MediaType.JSON_UTF_8);
        answer.headers().forEach(headers::set);
        if (!answer.isStream()) {
            return HttpResponse.of(headers.build(), HttpData.ofUtf8(answer.json()));
        }
        return HttpResponse.of(headers.build(),
                StreamMessage.of(answer.events().stream().map(SseResponses::event).toArray(HttpData[]::new)));
    }

    public static HttpResponse json(ObjectNode body) {
        return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, body.toString());
    }

    public static HttpResponse of(List<String> payloads) {
        HttpData[] events = payloads.stream().map(SseResponses::event).toArray(HttpData[]::new);
        return HttpResponse.of(ResponseHeaders.of(HttpStatus.OK, "content-type", MediaType.EVENT_STREAM),
                StreamMessage.of(events));
    }

    /** One SSE event: {@code data: <payload>} and a blank line. */
    public static HttpData event(String payload) {
        return HttpData.wrap(("data: " + payload + "\n\n").getBytes(StandardCharsets.UTF_8));
    }
}
