package dev.switchboard.bench;

import dev.switchboard.cli.PipelineFactory;
import dev.switchboard.core.config.GuardSettings;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.config.yaml.ConfigLoader;
import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.guard.ScanBudget;
import dev.switchboard.core.guard.pii.StructuredPiiDetector;
import dev.switchboard.core.pipeline.RouterPipeline;
import dev.switchboard.core.request.ChatRequest;
import dev.switchboard.inference.encoder.ForwardingWindowEncoder;
import dev.switchboard.inference.encoder.OnnxEncoder;
import dev.switchboard.inference.encoder.WindowEncoder;
import dev.switchboard.inference.guard.JailbreakDetector;
import dev.switchboard.inference.head.DomainClassifier;
import dev.switchboard.inference.ner.EntityTagger;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Where the time of the ML path goes, in process, one thread, for the ~70-token prompts of {@link MlPathBench}: a
 * whole plan on the ML router's config (switchboard-bench/ml-router.yaml) and on the keyword-only one
 * (bench-router.yaml), with the encoder passes and tokenizer calls a plan makes, and each part alone on an existing
 * encoding: tokenizer, encoder pass, domain head, jailbreak head, entity head, structured PII recognizers; and a
 * lone pass on the solo session (encoder.solo_threads) against one on a one-thread session. CPU time is reported
 * next to wall time: on a shared machine it is the steadier of the two.
 *
 * <pre>java -cp switchboard-cli/target/switchboard.jar:switchboard-bench/target/classes \
 *     dev.switchboard.bench.MlPathProfile [iterations]</pre>
 */
public final class MlPathProfile {

    /** CPU time of the calling thread: unlike wall time, not inflated by other processes on a shared machine. */
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private MlPathProfile() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        Path bench = Path.of(args.length > 1 ? args[1] : "switchboard-bench");
        // Every pass of the breakdown on one thread, so this thread's CPU time is the whole of it; the solo session
        // is measured on its own at the end.
        SwitchboardConfig mlConfig = ConfigLoader.load(bench.resolve("ml-router.yaml"),
                name -> name.equals("BENCH_SOLO_THREADS") ? "1" : null);
        SwitchboardConfig keywordConfig = ConfigLoader.load(bench.resolve("bench-router.yaml"), name -> null);
        Counting[] counting = new Counting[1];
        try (PipelineFactory factory = new PipelineFactory(real -> counting[0] = new Counting(real))) {
            RouterPipeline ml = factory.apply(mlConfig);
            RouterPipeline keyword = new PipelineFactory().apply(keywordConfig);
            OnnxEncoder encoder = (OnnxEncoder) counting[0].real();
            System.out.printf(Locale.ROOT, "encoder %s, %d sessions x %d intra-op threads, %d cores%n%n",
                    encoder.modelId(), encoder.settings().poolSize(), encoder.settings().intraOpThreads(),
                    Runtime.getRuntime().availableProcessors());
            AtomicLong id = new AtomicLong();
            Supplier<ChatRequest> request = () -> ChatRequest.ofUserText("auto", MlPrompts.prompt(id.getAndIncrement()));
            for (int i = 0; i < 100; i++) {
                ml.plan(request.get());
            }
            counting[0].reset();
            double[][] mlPlan = time(n, () -> ml.plan(request.get()));
            // time() runs min(100, n) more plans to warm up
            double passes = counting[0].passes.get() / (double) (n + Math.min(100, n));
            double tokenizations = counting[0].tokenizations.get() / (double) (n + Math.min(100, n));
            double[][] keywordPlan = time(n, () -> keyword.plan(request.get()));
            System.out.println("| part (one thread, ~70-token prompt) | CPU p50 ms | CPU p99 ms | wall p50 ms "
                    + "| wall p99 ms |");
            System.out.println("|---|---:|---:|---:|---:|");
            row("plan, keyword-only config", keywordPlan);
            row(String.format(Locale.ROOT, "plan, ML config (%.2f encoder passes, %.2f extra tokenizer calls a plan)",
                    passes, tokenizations), mlPlan);
            parts(n, encoder, id);
        }
        System.exit(0);
    }

    private static void parts(int n, OnnxEncoder encoder, AtomicLong id) {
        String text = MlPrompts.prompt(id.getAndIncrement());
        Encoding shared = encoder.encode(text);
        DomainClassifier domain = DomainClassifier.loadDefault(encoder);
        JailbreakDetector jailbreak = JailbreakDetector.loadDefault(encoder);
        EntityTagger entities = EntityTagger.loadDefault(encoder);
        StructuredPiiDetector structured = StructuredPiiDetector.create();
        row("tokenizer alone (tokenSpans)", time(n, () -> encoder.tokenSpans(text)));
        row("encoder pass (tokenizer + ONNX run + pooling)", time(n, () -> encoder.encode(text)));
        row("domain head on the shared pass", time(n, () -> domain.classify(text, shared)));
        row("jailbreak head on the shared pass", time(n, () -> jailbreak.score(text, shared)));
        row("jailbreak head on the shared pass, with a budget (as the guard calls it)",
                time(n, () -> jailbreak.score(text, shared, new ScanBudget(GuardSettings.MlBudget.DEFAULTS))));
        row("entity head on the shared pass", time(n, () -> entities.find(text, shared)));
        row("structured PII recognizers", time(n, () -> structured.find(text)));
        soloAgainstPooled(n, encoder, text);
    }

    /**
     * The same pass on a solo session (nothing else in flight) and on a one-thread session, alternating. The CPU
     * column is the calling thread's only: the solo session's helper is a native thread it does not include.
     */
    private static void soloAgainstPooled(int n, OnnxEncoder shared, String text) {
        try (OnnxEncoder solo = OnnxEncoder.create(shared.settings().withPoolSize(1).withSoloThreads(2));
             OnnxEncoder pooled = OnnxEncoder.create(shared.settings().withPoolSize(1).withSoloThreads(1))) {
            double[][][] both = interleaved(n, () -> solo.encode(text), () -> pooled.encode(text));
            row(String.format(Locale.ROOT, "encoder pass alone, solo session (%d threads; CPU: calling thread)",
                    solo.settings().soloThreads()), both[0]);
            row("encoder pass alone, one-thread session", both[1]);
        }
    }

    private static double[][][] interleaved(int n, Runnable a, Runnable b) {
        for (int i = 0; i < Math.min(100, n); i++) {
            a.run();
            b.run();
        }
        double[][][] ms = new double[2][2][n];
        Runnable[] work = {a, b};
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 2; k++) {
                int w = (i + k) % 2;
                long cpu = THREADS.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                work[w].run();
                ms[w][0][i] = (System.nanoTime() - start) / 1e6;
                ms[w][1][i] = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6;
            }
        }
        for (double[][] m : ms) {
            java.util.Arrays.sort(m[0]);
            java.util.Arrays.sort(m[1]);
        }
        return ms;
    }

    private static void row(String name, double[][] ms) {
        System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f |%n", name, pct(ms[1], 50), pct(ms[1], 99),
                pct(ms[0], 50), pct(ms[0], 99));
    }

    /** Sorted times of {@code n} runs after a warm-up: row 0 wall-clock ms, row 1 this thread's CPU ms. */
    private static double[][] time(int n, Runnable work) {
        for (int i = 0; i < Math.min(100, n); i++) {
            work.run();
        }
        double[][] ms = new double[2][n];
        for (int i = 0; i < n; i++) {
            long cpu = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            work.run();
            ms[0][i] = (System.nanoTime() - start) / 1e6;
            ms[1][i] = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6;
        }
        java.util.Arrays.sort(ms[0]);
        java.util.Arrays.sort(ms[1]);
        return ms;
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** The real encoder, counting its passes and the tokenizer calls made outside a pass. */
    private static final class Counting extends ForwardingWindowEncoder {
        final AtomicLong passes = new AtomicLong();
        final AtomicLong tokenizations = new AtomicLong();

        Counting(WindowEncoder real) {
            super(real);
        }

        WindowEncoder real() {
            return delegate();
        }

        void reset() {
            passes.set(0);
            tokenizations.set(0);
        }

        @Override
        public Encoding encode(String text) {
            passes.incrementAndGet();
            return super.encode(text);
        }

        @Override
        public List<Encoding> encodeWindows(String text, int windowTokens, int stride, int maxWindows) {
            List<Encoding> windows = super.encodeWindows(text, windowTokens, stride, maxWindows);
            passes.addAndGet(windows.size());
            return windows;
        }

        @Override
        public int[][] tokenSpans(String text) {
            tokenizations.incrementAndGet();
            return super.tokenSpans(text);
        }
    }
}
