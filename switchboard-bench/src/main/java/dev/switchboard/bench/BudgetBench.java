package dev.switchboard.bench;

import dev.switchboard.cli.PipelineFactory;
import dev.switchboard.core.config.yaml.ConfigLoader;
import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.guard.pii.StructuredPiiDetector;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.pipeline.RouterPipeline;
import dev.switchboard.core.request.ChatRequest;
import dev.switchboard.inference.encoder.ForwardingWindowEncoder;
import dev.switchboard.inference.encoder.WindowEncoder;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the guards' ML budget (guards.ml_budget, default limits) holds a hostile request to, in process on the demo
 * config (domain signal, both guards with the entity head, cache): for a 4 MiB user message and for 10,000 short
 * messages, the planning time, the time spent in the encoder (ML time), encoder passes and tokens, bytes allocated
 * by the planning thread, and heap growth while the plan is alive; then the structured PII recognizers alone on
 * 4 MiB texts built to make regular expressions backtrack.
 *
 * <pre>./mvnw -q -DskipTests -pl switchboard-bench -am package
 * java -cp switchboard-cli/target/switchboard.jar:switchboard-bench/target/classes \
 *     dev.switchboard.bench.BudgetBench</pre>
 */
public final class BudgetBench {

    private static final int FOUR_MIB = 4 * 1024 * 1024;

    private BudgetBench() {}

    public static void main(String[] args) throws Exception {
        TimedEncoder[] timed = new TimedEncoder[1];
        try (PipelineFactory factory = new PipelineFactory(real -> timed[0] = new TimedEncoder(real));
             InputStream demo = BudgetBench.class.getResourceAsStream("/switchboard/demo.yaml")) {
            RouterPipeline pipeline = factory.apply(ConfigLoader.parse(
                    new String(demo.readAllBytes(), StandardCharsets.UTF_8), "demo.yaml"));
            System.out.printf("encoder %s, %d cores, budget %s%n%n", timed[0].modelId(),
                    Runtime.getRuntime().availableProcessors(), pipeline.config().guards().mlBudget());
            for (int i = 0; i < 20; i++) { // warm up the JIT and the sessions
                pipeline.plan(ChatRequest.parse(body("Warm-up question number " + i + " about physics?")));
            }
            System.out.println("| request | path | plan ms | ML (encoder) ms | passes | tokens | allocated MB"
                    + " | heap growth MB | budget report |");
            System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---|");
            measure("one 4 MiB user message", pipeline, timed[0], body(prose(FOUR_MIB)));
            measure("10,000 short messages", pipeline, timed[0], body(manyMessages(10_000)));
            System.out.println();
            structuredPii();
        }
    }

    private static void measure(String name, RouterPipeline pipeline, TimedEncoder encoder, byte[] body) {
        Heap heap = Heap.settled();
        encoder.reset();
        long allocated = allocatedBytes();
        long start = System.nanoTime();
        RoutePlan plan = pipeline.plan(ChatRequest.parse(body));
        long planNanos = System.nanoTime() - start;
        long allocatedMb = (allocatedBytes() - allocated) >> 20;
        long grownMb = (Heap.settled().used() - heap.used()) >> 20;
        System.out.printf("| %s | %s | %.0f | %.0f | %d | %d | %d | %d | %s |%n", name, plan.path(), planNanos / 1e6,
                encoder.nanos.get() / 1e6, encoder.passes.get(), encoder.tokens.get(), allocatedMb, grownMb,
                plan.mlBudget());
    }

    /** The structured recognizers alone, on 4 MiB texts that would make a backtracking pattern explode. */
    private static void structuredPii() {
        System.out.println("| 4 MiB text for the structured PII recognizers | ms | spans |");
        System.out.println("|---|---:|---:|");
        List<String[]> texts = List.of(new String[] {"prose", prose(FOUR_MIB)},
                new String[] {"digits only", "7".repeat(FOUR_MIB)},
                new String[] {"digits and single spaces", "12 ".repeat(FOUR_MIB / 3)},
                new String[] {"dotted labels a.a.a…", "a.".repeat(FOUR_MIB / 2)},
                new String[] {"dotted numbers 1.1.1…", "1.".repeat(FOUR_MIB / 2)},
                new String[] {"emails without spaces", "a@b.co".repeat(FOUR_MIB / 6)},
                new String[] {"colons and hex 1:a:…", "1:a:".repeat(FOUR_MIB / 4)},
                new String[] {"plus-digit runs +1 2…", "+1 2".repeat(FOUR_MIB / 4)},
                new String[] {"IBAN-like DE00 0000…", ("DE00" + " 0000".repeat(7) + " ").repeat(FOUR_MIB / 40)},
                new String[] {"URL without spaces", "http://x.io/" + "a/".repeat(FOUR_MIB / 2)});
        StructuredPiiDetector detector = StructuredPiiDetector.create();
        detector.find(prose(100_000)); // warm up
        for (String[] text : texts) {
            long start = System.nanoTime();
            int spans = detector.find(text[1]).size();
            System.out.printf("| %s | %.0f | %d |%n", text[0], (System.nanoTime() - start) / 1e6, spans);
        }
    }

    private static String prose(int chars) {
        StringBuilder text = new StringBuilder(chars);
        String sentence = "Quarterly revenue in the northern region grew by %d percent on stronger demand. ";
        for (int i = 0; text.length() < chars - 100; i++) {
            text.append(sentence.formatted(i % 97));
        }
        return text.append("Call me back on +1 415 555 0132.").toString(); // benign: every guard runs
    }

    private static String manyMessages(int count) {
        StringBuilder messages = new StringBuilder();
        for (int i = 0; i < count; i++) {
            messages.append(i == 0 ? "" : ",").append("{\"role\":\"").append(i % 2 == 0 ? "user" : "assistant")
                    .append("\",\"content\":\"Revenue in region ").append(i).append(" grew by ").append(i % 97)
                    .append(" percent on stronger demand.\"}");
        }
        return messages.toString();
    }

    private static byte[] body(String textOrMessages) {
        String messages = textOrMessages.startsWith("{\"role\"") ? textOrMessages
                : "{\"role\":\"user\",\"content\":\"" + textOrMessages + "\"}";
        return ("{\"model\":\"auto\",\"messages\":[" + messages + "]}").getBytes(StandardCharsets.UTF_8);
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** Heap in use after a collection. */
    private record Heap(long used) {
        static Heap settled() {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            Runtime runtime = Runtime.getRuntime();
            return new Heap(runtime.totalMemory() - runtime.freeMemory());
        }
    }

    /** The real encoder, timing and counting its passes. */
    private static final class TimedEncoder extends ForwardingWindowEncoder {
        final AtomicLong nanos = new AtomicLong();
        final AtomicInteger passes = new AtomicInteger();
        final AtomicLong tokens = new AtomicLong();

        TimedEncoder(WindowEncoder real) {
            super(real);
        }

        void reset() {
            nanos.set(0);
            passes.set(0);
            tokens.set(0);
        }

        private <T> T timed(java.util.function.Supplier<T> work) {
            long start = System.nanoTime();
            try {
                return work.get();
            } finally {
                nanos.addAndGet(System.nanoTime() - start);
            }
        }

        private void counted(Encoding encoding) {
            passes.incrementAndGet();
            tokens.addAndGet(encoding.tokenStates().length);
        }

        @Override
        public Encoding encode(String text) {
            Encoding encoding = timed(() -> super.encode(text));
            counted(encoding);
            return encoding;
        }

        @Override
        public List<Encoding> encodeWindows(String text, int windowTokens, int stride, int maxWindows) {
            List<Encoding> windows = timed(() -> super.encodeWindows(text, windowTokens, stride, maxWindows));
            windows.forEach(this::counted);
            return windows;
        }

        @Override
        public int[][] tokenSpans(String text) {
            return timed(() -> super.tokenSpans(text));
        }
    }
}
