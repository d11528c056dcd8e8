package dev.switchboard.bench;

import dev.switchboard.cli.PipelineFactory;
import dev.switchboard.core.config.GuardSettings;
import dev.switchboard.core.config.yaml.ConfigLoader;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.pipeline.RouterPipeline;
import dev.switchboard.core.request.ChatRequest;
import dev.switchboard.inference.encoder.OnnxEncoder;
import dev.switchboard.inference.guard.JailbreakDetector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Latency and throughput of the ML signals, in process: encoder latency by prompt length, the whole signal
 * extraction (one encoder pass + domain head + embedding rules + decision) for a 64-token prompt with and without
 * the jailbreak and PII guards (alternating in the same run, with the difference), the jailbreak head alone on the
 * shared pass, classified requests per second under concurrency, and the process RSS.
 *
 * <pre>./mvnw -q -DskipTests -pl switchboard-bench -am package
 * java -cp switchboard-cli/target/switchboard.jar:switchboard-bench/target/classes dev.switchboard.bench.SignalBench</pre>
 */
public final class SignalBench {

    private static final String SENTENCE = "Could you explain how the derivative of a product of two functions is "
            + "computed, with a worked example and the intuition behind the rule? ";

    private SignalBench() {}

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        SwitchboardConfig guarded = demoConfig();
        SwitchboardConfig demo = withoutGuards(guarded);
        Function<SwitchboardConfig, RouterPipeline> factory = new PipelineFactory();
        RouterPipeline pipeline = factory.apply(demo);
        OnnxEncoder encoder = (OnnxEncoder) pipeline.encoder().orElseThrow();
        System.out.printf("encoder %s, %d sessions, %d cores%n%n", encoder.modelId(), demo.encoder().sessions(),
                Runtime.getRuntime().availableProcessors());
        System.out.println("| tokens | encoder p50 ms | encoder p99 ms |");
        System.out.println("|---:|---:|---:|");
        for (int tokens : new int[] {16, 64, 256, 512}) {
            String text = textOf(encoder, tokens);
            double[] ms = time(iterations, () -> encoder.encode(text));
            System.out.printf("| %d | %.2f | %.2f |%n", tokens, pct(ms, 50), pct(ms, 99));
        }
        ChatRequest request = ChatRequest.ofUserText("auto", textOf(encoder, 64));
        RouterPipeline withGuards = factory.apply(guarded);
        double[][] both = timeInterleaved(iterations, () -> pipeline.plan(request), () -> withGuards.plan(request));
        double[] plan = both[0];
        double[] guardedPlan = both[1];
        System.out.printf("%n64-token prompt, the two pipelines alternating in the same run (%d plans each):%n",
                iterations);
        System.out.println("| pipeline | p50 ms | p99 ms |");
        System.out.println("|---|---:|---:|");
        System.out.printf("| all signals + decision | %.2f | %.2f |%n", pct(plan, 50), pct(plan, 99));
        System.out.printf("| + jailbreak and PII guards | %.2f | %.2f |%n", pct(guardedPlan, 50), pct(guardedPlan, 99));
        System.out.printf("| **guards added** | **%+.2f** (x%.2f) | %+.2f |%n", pct(guardedPlan, 50) - pct(plan, 50),
                pct(guardedPlan, 50) / pct(plan, 50), pct(guardedPlan, 99) - pct(plan, 99));
        Encoding shared = encoder.encode(request.userText());
        JailbreakDetector detector = JailbreakDetector.loadDefault(encoder);
        double[] head = time(iterations * 10, () -> detector.score(request.userText(), shared));
        System.out.printf("jailbreak head alone on the shared pass (no encoder pass): p50 %.3f ms, p99 %.3f ms%n%n",
                pct(head, 50), pct(head, 99));
        System.out.println("| threads | classified req/s |");
        System.out.println("|---:|---:|");
        for (int threads : new int[] {1, 2, 4, 8}) {
            System.out.printf("| %d | %.0f |%n", threads, throughput(pipeline, request, threads, 5_000));
        }
        System.out.printf("%nRSS after the run: %d MiB%n", rssMiB());
        System.exit(0);
    }

    private static SwitchboardConfig demoConfig() throws IOException {
        try (InputStream in = SignalBench.class.getResourceAsStream("/switchboard/demo.yaml")) {
            return ConfigLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "demo.yaml");
        }
    }

    /** The demo's signals and decisions alone, so the guards' cost can be measured separately. */
    private static SwitchboardConfig withoutGuards(SwitchboardConfig c) {
        return new SwitchboardConfig(c.server(), c.routing(), c.upstream(), c.models(), c.signals(), c.decisions(),
                c.encoder(), c.cache(), GuardSettings.NONE);
    }

    /** A prompt of about {@code tokens} tokens, as the encoder's tokenizer counts them. */
    private static String textOf(OnnxEncoder encoder, int tokens) {
        StringBuilder sb = new StringBuilder();
        while (encoder.countTokens(sb.toString()) < tokens) {
            sb.append(SENTENCE);
        }
        String[] words = sb.toString().split(" ");
        int keep = words.length;
        while (keep > 1 && encoder.countTokens(String.join(" ", Arrays.copyOf(words, keep - 1))) >= tokens) {
            keep--;
        }
        return String.join(" ", Arrays.copyOf(words, keep));
    }

    private static double[] time(int iterations, Runnable work) {
        for (int i = 0; i < Math.min(50, iterations); i++) {
            work.run();
        }
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    /** Times {@code a} and {@code b} in alternation, so outside load hits both alike; sorted times of each. */
    private static double[][] timeInterleaved(int iterations, Runnable a, Runnable b) {
        for (int i = 0; i < Math.min(50, iterations); i++) {
            a.run();
            b.run();
        }
        double[][] ms = new double[2][iterations];
        Runnable[] work = {a, b};
        for (int i = 0; i < iterations; i++) {
            for (int k = 0; k < 2; k++) {
                int w = (i + k) % 2; // alternate which one goes first
                long start = System.nanoTime();
                work[w].run();
                ms[w][i] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(ms[0]);
        Arrays.sort(ms[1]);
        return ms;
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double throughput(RouterPipeline pipeline, ChatRequest request, int threads, long millis)
            throws Exception {
        AtomicLong done = new AtomicLong();
        long deadline = System.currentTimeMillis() + millis;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                while (System.currentTimeMillis() < deadline) {
                    pipeline.plan(request);
                    done.incrementAndGet();
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static long rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
