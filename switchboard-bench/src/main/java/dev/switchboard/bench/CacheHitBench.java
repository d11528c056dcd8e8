package dev.switchboard.bench;

import dev.switchboard.cli.PipelineFactory;
import dev.switchboard.core.config.yaml.ConfigLoader;
import dev.switchboard.server.SwitchboardServer;
import dev.switchboard.testing.TestUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

/**
 * End-to-end latency through the router of a semantic-cache miss (encoder pass, lookup, upstream call, store) against
 * a hit (encoder pass, lookup, answer from the store), for the same questions, sequentially, on loopback. The
 * test upstream answers at once, so a miss here is the router's own cost; a real model adds its generation time.
 *
 * <pre>java -cp switchboard-cli/target/switchboard.jar:switchboard-bench/target/classes:\
 * switchboard-test-fixtures/target/classes dev.switchboard.bench.CacheHitBench [questions]</pre>
 */
public final class CacheHitBench {

    private CacheHitBench() {}

    public static void main(String[] args) throws Exception {
        int questions = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        try (TestUpstream upstream = TestUpstream.start("m");
             PipelineFactory pipelines = new PipelineFactory();
             SwitchboardServer router = SwitchboardServer.start(ConfigLoader.parse("""
                     server: {host: 127.0.0.1, port: 0}
                     routing: {default_model: m}
                     cache: {enabled: true}
                     models: [{name: m, endpoints: [{url: "%s"}]}]
                     decisions: [{name: all, model_refs: [{model: m}]}]
                     """.formatted(upstream.baseUrl()), "bench.yaml"), pipelines)) {
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + router.port() + "/v1/chat/completions");
            for (int i = 0; i < 50; i++) {
                send(http, uri, "warm-up question number " + i + " about rivers and lakes");
            }
            Thread.sleep(500);
            double[] miss = new double[questions];
            double[] hit = new double[questions];
            for (int i = 0; i < questions; i++) {
                miss[i] = send(http, uri, question(i));
            }
            Thread.sleep(500); // answers are stored off the response path
            int hits = 0;
            for (int i = 0; i < questions; i++) {
                long start = System.nanoTime();
                HttpResponse<String> res = post(http, uri, question(i));
                hit[i] = (System.nanoTime() - start) / 1e6;
                hits += res.headers().firstValue("x-vsr-cache-hit").orElse("").equals("true") ? 1 : 0;
            }
            Arrays.sort(miss);
            Arrays.sort(hit);
            System.out.printf("| path | p50 ms | p99 ms |%n|---|---:|---:|%n| miss (model called, answer stored) | %.2f"
                    + " | %.2f |%n| hit (answered from the cache) | %.2f | %.2f |%n%n%d of %d repeats hit%n",
                    pct(miss, 50), pct(miss, 99), pct(hit, 50), pct(hit, 99), hits, questions);
        }
        System.exit(0);
    }

    private static String question(int i) {
        return "Question " + i + ": what is the capital city of country number " + (i * 7919 % 1000) + "?";
    }

    private static double send(HttpClient http, URI uri, String text) throws Exception {
        long start = System.nanoTime();
        post(http, uri, text);
        return (System.nanoTime() - start) / 1e6;
    }

    private static HttpResponse<String> post(HttpClient http, URI uri, String text) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"" + text + "\"}]}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
