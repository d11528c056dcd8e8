package dev.switchboard.extproc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The client talks to the router's OpenAI-compatible HTTP proxy directly. */
final class HttpProxyAdapter implements Adapter {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final int port;

    HttpProxyAdapter(int port) {
        this.port = port;
    }

    @Override
    public Reply chat(String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(20)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> received = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> received.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        return new Reply(response.statusCode(), received, response.body());
    }

    @Override
    public String toString() {
        return "HTTP proxy";
    }
}
