package dev.switchboard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.config.yaml.ConfigLoader;
import dev.switchboard.core.listener.UpstreamAnswer;
import dev.switchboard.core.pipeline.RouterPipeline;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.request.ChatRequest;
import dev.switchboard.server.dashboard.DashboardListener;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the dashboard costs the request path: the listener's events for one request (started, planned, answered)
 * timed on two threads while a third drains a tick every second as the live feed does, with prompt previews on (the
 * dearest setting). Prints nanoseconds per request, the share of one core that 1,000 requests a second would take,
 * and the size of a tick.
 *
 * <pre>./mvnw -q -DskipTests -pl switchboard-bench -am package
 * nice java -cp switchboard-cli/target/switchboard.jar:switchboard-bench/target/classes \
 *     dev.switchboard.bench.DashboardBench</pre>
 */
public final class DashboardBench {

    private static final int THREADS = 2;
    private static final int PER_THREAD = 500_000;

    private DashboardBench() {}

    public static void main(String[] args) throws Exception {
        SwitchboardConfig config = ConfigLoader.parse("""
                routing: {default_model: small}
                models:
                  - {name: small, pricing: {input_per_1m: 1, output_per_1m: 2}, endpoints: [{url: "http://127.0.0.1:1"}]}
                  - {name: big, pricing: {input_per_1m: 10, output_per_1m: 20}, endpoints: [{url: "http://127.0.0.1:1"}]}
                signals:
                  keywords: [{name: math, keywords: [integral]}]
                decisions:
                  - {name: math, rules: {type: keyword, name: math}, model_refs: [{model: small}, {model: big}]}
                """, "bench.yaml");
        RoutePlan plan = new RouterPipeline(config).plan(ChatRequest.ofUserText("auto",
                "What is the integral of x^2? Mail me at jane@example.com"));
        UpstreamAnswer answer = new UpstreamAnswer(plan.targets().get(0), 40_000_000, 8_000_000, 300, 200);
        System.out.printf("%d threads x %,d requests per round, prompt previews on%n", THREADS, PER_THREAD);
        for (int round = 1; round <= 5; round++) {
            round(round, config, plan, answer);
        }
    }

    private static void round(int round, SwitchboardConfig config, RoutePlan plan, UpstreamAnswer answer)
            throws InterruptedException {
        DashboardListener listener = new DashboardListener(true);
        listener.configApplied(config, null);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread ticker = new Thread(() -> { // the live feed's drain, contending for the same locks
            while (running.get()) {
                tick(listener);
                sleep(1000);
            }
        });
        ticker.start();
        long start = System.nanoTime();
        Thread[] workers = new Thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            long first = (long) t * PER_THREAD;
            workers[t] = new Thread(() -> requests(listener, first, plan, answer));
            workers[t].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double nanosPerRequest = (System.nanoTime() - start) * THREADS / (double) (THREADS * PER_THREAD);
        running.set(false);
        ticker.join();
        System.out.printf("round %d: %,.0f ns of thread time per request; at 1,000 requests/s: %.2f %% of one core;"
                + " a tick of 20 rows: %,d bytes%n", round, nanosPerRequest, nanosPerRequest * 1000 / 1e9 * 100,
                tick(listener));
    }

    /** Drains one tick as the live feed does; returns its size as sent. */
    private static int tick(DashboardListener listener) {
        ObjectNode tick = new ObjectMapper().createObjectNode();
        listener.tickTo(tick);
        return tick.toString().length();
    }

    private static void requests(DashboardListener listener, long first, RoutePlan plan, UpstreamAnswer answer) {
        for (long id = first; id < first + PER_THREAD; id++) {
            listener.requestStarted(id);
            listener.requestPlanned(id, plan, 1_500_000);
            listener.requestAnswered(id, plan, answer);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
