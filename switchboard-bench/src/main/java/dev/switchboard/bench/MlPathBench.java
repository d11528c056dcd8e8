package dev.switchboard.bench;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.common.util.EventLoopGroups;
import dev.switchboard.inference.encoder.OnnxEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the ML path costs per request, through real servers on loopback (issue 10, item 5): the test upstream
 * directly, the router with a keyword rule only, and the router with every ML signal (domain, jailbreak guard, PII
 * guard with the entity head, semantic cache key), measured in one run with a ~70-token prompt:
 *
 * <ul>
 *   <li><b>Single request</b>: one request in flight at a time, the three targets taking turns request by request
 *       (so outside load hits all alike); p50 and p99, and the ML router minus the keyword router.</li>
 *   <li><b>Saturated</b>: closed loop with {@code --concurrency} requests always in flight, each target alone for
 *       {@code --seconds} after {@code --warmup-seconds}, in rounds with the order rotated; answered requests per
 *       second, latency, and each server's CPU time per request (from its process counters).</li>
 * </ul>
 *
 * <pre>
 * MlPathBench --target direct=http://127.0.0.1:18901/v1@PID --target keyword=http://127.0.0.1:18902/v1@PID \
 *             --target ml=http://127.0.0.1:18904/v1@PID [--requests 400] [--rounds 2] [--concurrency 16] \
 *             [--seconds 10] [--warmup-seconds 3] [--jit-warmup-seconds 15] [--out results.md]
 * </pre>
 *
 * Every target after the second (ML routers) is compared with the second (keyword-only); the first is the floor all
 * share. Any answer that did not come from the upstream through the routed decision (a cache hit, a guard's block,
 * another model) fails the check and counts as an error, so a short cut cannot flatter the ML path.
 */
public final class MlPathBench {

    private final Options opts;
    private final List<MlPathTarget> targets = new ArrayList<>();
    private final AtomicLong counter = new AtomicLong();

    private MlPathBench(Options opts, ClientFactory factory) {
        this.opts = opts;
        opts.targets.forEach((name, spec) -> {
            String[] urlPid = spec.split("@", 2);
            targets.add(new MlPathTarget(name, urlPid[0], urlPid.length > 1 ? Long.parseLong(urlPid[1]) : -1,
                    factory));
        });
    }

    public static void main(String[] args) throws Exception {
        Options opts = Options.parse(args);
        // One event loop: the generator shares the two cores with the servers it measures.
        ClientFactory factory = ClientFactory.builder().workerGroup(EventLoopGroups.newEventLoopGroup(1), true)
                .useHttp2Preface(false).idleTimeout(Duration.ofSeconds(60)).build();
        try {
            String report = new MlPathBench(opts, factory).run();
            System.out.println(report);
            if (opts.out != null) {
                Files.writeString(opts.out, report, StandardCharsets.UTF_8);
            }
        } finally {
            factory.close();
        }
        System.exit(0);
    }

    private String run() {
        StringBuilder md = new StringBuilder(promptLine());
        for (MlPathTarget t : targets) {
            log("check %s: %s", t.name, t.send(MlPrompts.prompt(counter.getAndIncrement())).join());
        }
        log("JIT warm-up: %d s per target, closed loop with %d in flight", opts.jitWarmupSeconds, opts.concurrency);
        targets.forEach(t -> closedLoop(t, opts.jitWarmupSeconds));
        Map<String, LatencySample> single = singleRequests();
        Map<String, Phase> saturated = saturated();
        md.append(MlPathReport.markdown(opts.requests * opts.rounds, single, saturated, opts.concurrency,
                opts.rounds, opts.seconds));
        return md.toString();
    }

    private static String promptLine() {
        try (OnnxEncoder encoder = OnnxEncoder.loadDefault()) {
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int i = 0; i < MlPrompts.templates(); i++) {
                int tokens = encoder.countTokens(MlPrompts.prompt(i));
                min = Math.min(min, tokens);
                max = Math.max(max, tokens);
            }
            return String.format(Locale.ROOT, "Prompts: %d templates of %d-%d tokens (bundled tokenizer, without "
                    + "special tokens), each request's text new.%n%n", MlPrompts.templates(), min, max);
        }
    }

    /** One request at a time, the targets taking turns, the order rotated every request. */
    private Map<String, LatencySample> singleRequests() {
        Map<String, LatencySample> byTarget = new LinkedHashMap<>();
        targets.forEach(t -> byTarget.put(t.name, new LatencySample()));
        for (int round = 0; round < opts.rounds; round++) {
            for (int i = 0; i < opts.requests; i++) {
                for (int k = 0; k < targets.size(); k++) {
                    MlPathTarget t = targets.get((i + k) % targets.size());
                    String prompt = MlPrompts.prompt(counter.getAndIncrement());
                    long start = System.nanoTime();
                    t.send(prompt).join();
                    byTarget.get(t.name).add(System.nanoTime() - start);
                }
            }
            log("single requests, round %d of %d done", round + 1, opts.rounds);
        }
        return byTarget;
    }

    /** Each target alone under a closed loop, in rounds with the order rotated; phases pooled per target. */
    private Map<String, Phase> saturated() {
        Map<String, Phase> byTarget = new LinkedHashMap<>();
        for (int round = 0; round < opts.rounds; round++) {
            for (int k = 0; k < targets.size(); k++) {
                MlPathTarget t = targets.get((round + k) % targets.size());
                closedLoop(t, opts.warmupSeconds);
                Phase p = closedLoop(t, opts.seconds);
                log("saturated %-8s round %d: %.0f req/s, p50 %.2f ms, %d errors", t.name, round + 1,
                        p.throughput(), p.latency.percentile(50) / 1e6, p.errors);
                byTarget.merge(t.name, p, Phase::plus);
            }
        }
        return byTarget;
    }

    /** {@code concurrency} chains of requests, each sending its next as soon as its last is answered. */
    private Phase closedLoop(MlPathTarget target, int seconds) {
        long cpuBefore = target.cpuNanos();
        long start = System.nanoTime();
        long deadline = start + seconds * 1_000_000_000L;
        Phase phase = new Phase();
        List<CompletableFuture<Void>> chains = new ArrayList<>();
        for (int c = 0; c < opts.concurrency; c++) {
            chains.add(chain(target, deadline, phase));
        }
        CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new)).join();
        phase.elapsedNanos = System.nanoTime() - start;
        long cpuAfter = target.cpuNanos();
        phase.cpuNanos = cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore;
        return phase;
    }

    private CompletableFuture<Void> chain(MlPathTarget target, long deadline, Phase phase) {
        if (System.nanoTime() >= deadline) {
            return CompletableFuture.completedFuture(null);
        }
        long sent = System.nanoTime();
        return target.send(MlPrompts.prompt(counter.getAndIncrement())).handle((headers, error) -> {
            phase.record(System.nanoTime() - sent, error);
            return null;
        }).thenCompose(ignored -> chain(target, deadline, phase));
    }

    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[ml-path-bench] " + format + "%n", args);
    }

    /** Answered requests, errors, latency, elapsed time and the server's CPU time of one or more closed loops. */
    static final class Phase {
        final LatencySample latency = new LatencySample();
        long errors;
        long elapsedNanos;
        long cpuNanos;
        private String firstError;

        synchronized void record(long nanos, Throwable error) {
            if (error == null) {
                latency.add(nanos);
            } else if (errors++ == 0) {
                firstError = error.toString();
                log("first error: %s", firstError);
            }
        }

        double throughput() {
            return latency.count() / (elapsedNanos / 1e9);
        }

        /** Server CPU time per answered request in µs, or -1. */
        double cpuMicrosPerRequest() {
            return cpuNanos < 0 || latency.count() == 0 ? -1 : cpuNanos / 1e3 / latency.count();
        }

        Phase plus(Phase other) {
            Phase sum = new Phase();
            sum.latency.addAll(latency);
            sum.latency.addAll(other.latency);
            sum.errors = errors + other.errors;
            sum.elapsedNanos = elapsedNanos + other.elapsedNanos;
            sum.cpuNanos = cpuNanos < 0 || other.cpuNanos < 0 ? -1 : cpuNanos + other.cpuNanos;
            return sum;
        }
    }

    static final class Options {
        final Map<String, String> targets = new LinkedHashMap<>();
        int requests = 400;
        int rounds = 2;
        int concurrency = 16;
        int seconds = 10;
        int warmupSeconds = 3;
        int jitWarmupSeconds = 15;
        Path out;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i += 2) {
                String v = args[i + 1];
                switch (args[i]) {
                    case "--target" -> o.targets.put(v.substring(0, v.indexOf('=')), v.substring(v.indexOf('=') + 1));
                    case "--requests" -> o.requests = Integer.parseInt(v);
                    case "--rounds" -> o.rounds = Integer.parseInt(v);
                    case "--concurrency" -> o.concurrency = Integer.parseInt(v);
                    case "--seconds" -> o.seconds = Integer.parseInt(v);
                    case "--warmup-seconds" -> o.warmupSeconds = Integer.parseInt(v);
                    case "--jit-warmup-seconds" -> o.jitWarmupSeconds = Integer.parseInt(v);
                    case "--out" -> o.out = Path.of(v);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (o.targets.size() < 2) {
                throw new IllegalArgumentException("need at least two --target name=url[@pid]");
            }
            return o;
        }
    }
}
