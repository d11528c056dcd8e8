package dev.switchboard.core.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Strict checks of every chat completions field the router reads or forwards, with OpenAI's types and ranges;
 * an invalid request is refused here, so it is never forwarded. Fields the API does not define pass through
 * unchecked: OpenAI-compatible servers accept vendor fields (vLLM's {@code top_k}, {@code chat_template_kwargs}).
 */
final class ChatRequestValidator {

    /** Larger than any model's output window; past it a number is a mistake or an attack, not a budget. */
    static final long MAX_OUTPUT_TOKENS = 10_000_000L;
    /** OpenAI's own upper bound for {@code n}. */
    static final int MAX_CHOICES = 128;

    private ChatRequestValidator() {}

    static void validate(ObjectNode body) {
        Fields.requireString(body.get("model"), "model");
        MessagesValidator.validate(body.get("messages"));
        sampling(body);
        output(body);
        ToolsValidator.validate(body);
        Fields.string(body.get("user"), "user");
        Fields.object(body.get("metadata"), "metadata");
        Fields.object(body.get("response_format"), "response_format");
        if (!Fields.absent(body.get("response_format"))) {
            Fields.requirePresent(body.get("response_format").get("type"), "response_format.type");
            Fields.oneOf(body.get("response_format").get("type"), "response_format.type",
                    Set.of("text", "json_object", "json_schema"));
        }
        Fields.oneOf(body.get("reasoning_effort"), "reasoning_effort", Set.of("none", "minimal", "low", "medium", "high", "xhigh"));
    }

    private static void sampling(ObjectNode body) {
        Fields.number(body.get("temperature"), "temperature", 0, 2);
        Fields.number(body.get("top_p"), "top_p", 0, 1);
        Fields.number(body.get("presence_penalty"), "presence_penalty", -2, 2);
        Fields.number(body.get("frequency_penalty"), "frequency_penalty", -2, 2);
        Fields.integer(body.get("seed"), "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        logitBias(body.get("logit_bias"));
        stop(body.get("stop"));
    }

    private static void output(ObjectNode body) {
        Fields.integer(body.get("max_tokens"), "max_tokens", 1, MAX_OUTPUT_TOKENS);
        Fields.integer(body.get("max_completion_tokens"), "max_completion_tokens", 1, MAX_OUTPUT_TOKENS);
        Fields.integer(body.get("n"), "n", 1, MAX_CHOICES);
        Fields.bool(body.get("stream"), "stream");
        JsonNode options = body.get("stream_options");
        Fields.object(options, "stream_options");
        if (!Fields.absent(options)) {
            Fields.bool(options.get("include_usage"), "stream_options.include_usage");
        }
        Fields.bool(body.get("logprobs"), "logprobs");
        Fields.integer(body.get("top_logprobs"), "top_logprobs", 0, 20);
        Fields.bool(body.get("parallel_tool_calls"), "parallel_tool_calls");
        Fields.bool(body.get("store"), "store");
    }

    /** A string, or an array of strings; OpenAI allows up to four, vLLM more, so only the types are checked. */
    private static void stop(JsonNode stop) {
        if (Fields.absent(stop) || stop.isTextual()) {
            return;
        }
        if (!stop.isArray()) {
            throw Fields.invalid("stop", "must be a string or an array of strings.");
        }
        for (int i = 0; i < stop.size(); i++) {
            if (!stop.get(i).isTextual()) {
                throw Fields.invalid("stop[" + i + "]", "must be a string.");
            }
        }
    }

    private static void logitBias(JsonNode bias) {
        Fields.object(bias, "logit_bias");
        if (Fields.absent(bias)) {
            return;
        }
        bias.fields().forEachRemaining(e -> Fields.number(e.getValue(),
                "logit_bias." + MessagesValidator.abbreviate(e.getKey()), -100, 100));
    }
}
