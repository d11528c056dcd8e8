package dev.switchboard.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.ServerBuilder;
import dev.switchboard.core.recording.DecisionRecorder;
import dev.switchboard.core.request.ApiException;
import dev.switchboard.core.request.JsonBodies;

/**
 * {@code POST /api/v1/feedback {"request_id": "...", "score": 0..1}}: how good the answer to a routed request was,
 * reported by the client later (the id comes from the response's {@code x-vsr-request-id} header). The score is
 * written next to the request's decision record, so `switchboard train router` can learn from it. Answers 200
 * {@code {"request_id", "recorded": true}}; 400 naming the field for a bad body, 404 for an id that is not a recent
 * recorded request, 404 too when decision records are off.
 */
public final class FeedbackService {

    public static final String PATH = "/api/v1/feedback";

    private final DecisionRecorder recorder;

    /** @param recorder the decision recorder, or null when decision records are off */
    public FeedbackService(DecisionRecorder recorder) {
        this.recorder = recorder;
    }

    /** Adds the route to {@code server}. */
    public void addTo(ServerBuilder server) {
        server.route().post(PATH).build((ctx, req) -> HttpResponse.of(req.aggregate()
                .thenApply(agg -> accept(JsonBodies.parseObject(agg.content().array())))
                .exceptionally(OpenAiErrors::response)));
    }

    private HttpResponse accept(ObjectNode body) {
        if (recorder == null) {
            throw new ApiException(404, "invalid_request_error", "feedback_disabled", null,
                    "Feedback needs decision records, which are off (routing.decision_records.enabled).");
        }
        String id = requestId(body);
        double score = score(body);
        if (!recorder.feedback(id, score)) {
            throw new ApiException(404, "invalid_request_error", "request_not_found", "request_id",
                    "No recent routed request has the id '" + id + "' (ids come from the x-vsr-request-id "
                            + "header; only the last " + DecisionRecorder.REMEMBERED + " are remembered).");
        }
        ObjectNode answer = body.objectNode().put("request_id", id).put("recorded", true);
        return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, answer.toString());
    }

    private static String requestId(ObjectNode body) {
        JsonNode id = body.get("request_id");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw ApiException.invalidRequest("request_id", "`request_id` is required: a string, the "
                    + "x-vsr-request-id header of the response being scored.");
        }
        return id.asText();
    }

    private static double score(ObjectNode body) {
        JsonNode score = body.get("score");
        if (score == null || !score.isNumber() || score.asDouble() < 0 || score.asDouble() > 1) {
            throw ApiException.invalidRequest("score", "`score` is required: a number from 0 (bad answer) to 1 "
                    + "(good answer), got " + (score == null ? "nothing" : score.toString()) + ".");
        }
        return score.asDouble();
    }
}
