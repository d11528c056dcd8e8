package dev.switchboard.bench;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.ResponseHeaders;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One server that {@link MlPathBench} sends chat completions to (the test upstream directly, the keyword-only
 * router, the router with every ML signal), and what it takes to tell a real answer from a short cut: an answer
 * that came from the cache or a guard's block did not take the path being measured, so it counts as an error.
 */
final class MlPathTarget {

    final String name;
    final long pid;
    private final WebClient client;
    private final RequestHeaders headers;

    /** @param pid the server's process id for its CPU counters, or -1 */
    MlPathTarget(String name, String baseUrl, long pid, ClientFactory factory) {
        this.name = name;
        this.pid = pid;
        URI base = URI.create(baseUrl);
        this.client = WebClient.builder(base.resolve("/")).factory(factory)
                .responseTimeout(Duration.ofSeconds(30)).build();
        this.headers = RequestHeaders.builder(HttpMethod.POST, base.getPath().replaceAll("/$", "")
                        + "/chat/completions")
                .contentType(MediaType.JSON)
                // Every prompt is new, so no exact hit; similarity 1.0 also rules out a semantic hit on a prompt
                // that differs only by its number, while the key is still computed, searched for and stored.
                .add("x-vsr-cache-min-similarity", "1.0")
                .build();
    }

    /** Sends {@code prompt}; completes with the response headers, or fails for anything but a routed answer. */
    CompletableFuture<ResponseHeaders> send(String prompt) {
        String body = "{\"model\":\"auto\",\"max_tokens\":16,\"stream\":false,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"" + prompt + "\"}]}";
        return client.execute(HttpRequest.of(headers, HttpData.ofUtf8(body))).aggregate().thenApply(this::checked);
    }

    private ResponseHeaders checked(AggregatedHttpResponse res) {
        ResponseHeaders h = res.headers();
        if (h.status().code() != 200) {
            throw new IllegalStateException(name + ": HTTP " + h.status() + " " + truncate(res.contentUtf8()));
        }
        if ("true".equals(h.get("x-vsr-cache-hit")) || h.contains("x-vsr-jailbreak-blocked")
                || (h.contains("x-vsr-selected-model") && !"upstream".equals(h.get("x-vsr-selected-model")))) {
            throw new IllegalStateException(name + ": not an upstream answer: " + h);
        }
        return h;
    }

    /** CPU time used so far by the server process in nanoseconds, or -1 when it cannot be read. */
    long cpuNanos() {
        return pid < 0 ? -1 : ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration())
                .map(Duration::toNanos).orElse(-1L);
    }

    private static String truncate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
