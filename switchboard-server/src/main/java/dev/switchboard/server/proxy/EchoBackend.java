package dev.switchboard.server.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.HttpResponse;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plan.RouteTarget;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The built-in {@code echo} model: answers every request, without calling anything, with which model, decision and
 * reasoning mode served it and the system prompt it received, so a config can be dry-run without spending tokens.
 */
final class EchoBackend implements ModelBackend {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public HttpResponse send(RoutePlan plan, RouteTarget target, String authorization) {
        JsonNode sent = readSent(plan, target);
        String text = describe(plan, target, sent);
        return SseResponses.completion(plan.stream(), target.model().providerModelId(), text, "stop",
                sent.path("messages"));
    }

    private static JsonNode readSent(RoutePlan plan, RouteTarget target) {
        try {
            return JSON.readTree(plan.bodyFor(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(RoutePlan plan, RouteTarget target, JsonNode sent) {
        StringBuilder sb = new StringBuilder("[echo] model=").append(target.model().name())
                .append(" decision=").append(plan.decision() == null ? "none" : plan.decision())
                .append(" reasoning=").append(target.reasoningLabel());
        JsonNode first = sent.path("messages").path(0);
        if ("system".equals(first.path("role").asText())) {
            sb.append(" system_prompt=\"").append(abbreviate(first.path("content").asText(), 80)).append('"');
        }
        JsonNode messages = sent.path("messages");
        String user = messages.path(messages.size() - 1).path("content").asText("");
        return sb.append(" | you said: ").append(abbreviate(user, 200)).toString();
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
