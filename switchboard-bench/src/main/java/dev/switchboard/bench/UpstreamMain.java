package dev.switchboard.bench;

import dev.switchboard.testing.TestUpstream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link TestUpstream} in its own process for the load benchmark: {@code UpstreamMain PORT}. Stops on
 * SIGTERM/SIGINT. The fixture records every request body it receives (for assertions in tests); under load that
 * list would grow without bound, so it is cleared every 200 ms here.
 */
public final class UpstreamMain {

    private UpstreamMain() {}

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        TestUpstream upstream = TestUpstream.start("bench-upstream", port);
        ScheduledExecutorService trim = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "upstream-trim");
            t.setDaemon(true);
            return t;
        });
        trim.scheduleWithFixedDelay(upstream::reset, 200, 200, TimeUnit.MILLISECONDS);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            trim.shutdownNow();
            upstream.close();
            stopped.countDown();
        }, "upstream-shutdown"));
        System.out.println("upstream listening on " + upstream.baseUrl());
        System.out.flush();
        stopped.await();
    }
}
