package dev.switchboard.bench;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.RequestHeadersBuilder;
import com.linecorp.armeria.common.util.EventLoopGroups;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Load generator for the "gateway overhead" benchmark. It sends the same small chat completion to several targets
 * (the test upstream directly, Switchboard, a peer gateway) in one run and prints a Markdown table:
 *
 * <ul>
 *   <li><b>Open loop</b> at fixed rates: request {@code i} is due at {@code t0 + i / rate}, whether or not earlier
 *       ones have answered; latency is measured from that due time (not from when the generator got round to
 *       sending it), so a stalled target or generator cannot hide its queueing (no coordinated omission).</li>
 *   <li><b>Interleaved open loop</b> for the first two targets (direct and router): both at the same rate in the
 *       same phase, their requests alternating, so a burst of outside load on a shared machine hits both alike and
 *       the difference of their percentiles is a fairer "added latency" than two phases one after the other.</li>
 *   <li><b>Closed loop</b> with N concurrent requests (N connections, HTTP/1.1) for the maximum throughput.</li>
 *   <li><b>Streaming</b> at a fixed rate: time to the first body chunk (TTFT) of an SSE response.</li>
 * </ul>
 *
 * Added latency is reported as the difference of percentiles measured in the same run (router p99 minus direct
 * p99), not as a percentile of per-request differences. Every loop is bounded in count and time, and the generator
 * only talks to the URLs it is given (the script passes 127.0.0.1 only).
 *
 * <pre>
 * LoadBench --target direct=http://127.0.0.1:18901/v1 --target router=http://127.0.0.1:18902/v1 \
 *           [--target portkey=http://127.0.0.1:18903/v1 --portkey-upstream http://127.0.0.1:18901/v1] \
 *           [--rates 200,1000] [--rounds 3] [--warmup-seconds 2] [--seconds 10] [--jit-warmup-seconds 10] \
 *           [--concurrency 32] [--throughput-seconds 10] [--stream-rate 200] [--event-loops 2] \
 *           [--interleaved true] [--cpu name=PID ...] [--out results.md]
 * </pre>
 */
public final class LoadBench {

    /** Whole-word keyword the bench router config routes on ({@code signals.keywords[].keywords}). */
    static final String PROMPT = "benchmark request: reply with one short sentence about load testing";

    private static final long NANOS = 1_000_000_000L;
    private static final int MAX_IN_FLIGHT = 4_000;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final Options opts;
    private final ClientFactory factory;
    private final List<Target> targets = new ArrayList<>();

    private LoadBench(Options opts) {
        this.opts = opts;
        // HTTP/1.1 without the HTTP/2 preface: what OpenAI SDKs speak, and the peer gateway only speaks HTTP/1.1.
        this.factory = ClientFactory.builder()
                .workerGroup(EventLoopGroups.newEventLoopGroup(opts.eventLoops), true)
                .useHttp2Preface(false)
                .idleTimeout(Duration.ofSeconds(60))
                .build();
        for (Map.Entry<String, String> t : opts.targets.entrySet()) {
            targets.add(new Target(t.getKey(), t.getValue(), opts));
        }
    }

    public static void main(String[] args) throws Exception {
        Options opts = Options.parse(args);
        LoadBench bench = new LoadBench(opts);
        try {
            String report = bench.run();
            System.out.println(report);
            if (opts.out != null) {
                Files.writeString(opts.out, report, StandardCharsets.UTF_8);
            }
        } finally {
            bench.factory.close();
        }
        System.exit(0);
    }

    // ------------------------------------------------------------------------------------------------ scenarios

    private String run() throws InterruptedException {
        for (Target t : targets) {
            t.check(false);
            if (opts.streamRate > 0) {
                t.check(true);
            }
        }
        // Closed loop pushes far more requests through in the same time than any open-loop rate, so every process
        // has its hot paths compiled (C2) before the first measured phase; a slow open-loop warm-up leaves the JIT
        // compiling during the measurements, which shows up as CPU per request and latency.
        int warmConcurrency = Math.max(8, opts.concurrency);
        log("JIT warm-up: %d s per target, closed loop with %d concurrent requests", opts.jitWarmupSeconds,
                warmConcurrency);
        for (Target t : targets) {
            closedLoop(t, warmConcurrency, 0, opts.jitWarmupSeconds);
            if (opts.streamRate > 0) {
                openLoop(t, opts.streamRate, Math.max(1, opts.jitWarmupSeconds / 2), true);
            }
        }

        Map<Integer, Map<String, Stats>> open = new LinkedHashMap<>();
        for (int rate : opts.rates) {
            open.put(rate, rounds(rate, false, "open loop"));
        }
        Map<Integer, Map<String, Stats>> interleaved = new LinkedHashMap<>();
        if (opts.interleaved && targets.size() >= 2) {
            List<Target> pair = targets.subList(0, 2);
            for (int rate : opts.rates) {
                Map<String, Stats> byTarget = new LinkedHashMap<>();
                for (int round = 0; round < opts.rounds; round++) {
                    openLoop(pair, rate, opts.warmupSeconds, false);
                    Map<String, Stats> r = openLoop(pair, rate, opts.seconds, false);
                    int roundNo = round + 1;
                    r.forEach((t, s) -> {
                        log("%-9s %5d rps %-8s round %d: %s", "paired", rate, t, roundNo, s);
                        byTarget.merge(t, s, Stats::plus);
                    });
                }
                interleaved.put(rate, byTarget);
            }
        }
        Map<String, Stats> stream = opts.streamRate > 0 ? rounds(opts.streamRate, true, "stream") : Map.of();

        Map<String, Stats> closed = new LinkedHashMap<>();
        if (opts.concurrency > 0) {
            for (Target t : targets) {
                Map<String, Long> cpu = cpu();
                Stats s = closedLoop(t, opts.concurrency, opts.warmupSeconds, opts.throughputSeconds)
                        .withCpu(cpuSince(cpu));
                log("closed    c=%-4d    %-8s %s", opts.concurrency, t.name, s);
                closed.put(t.name, s);
            }
        }
        return Report.markdown(opts, targets.stream().map(t -> t.name).toList(), open, interleaved, stream,
                closed);
    }

    /**
     * {@code opts.rounds} rounds over all targets at one rate, the target order rotated each round, so that a burst
     * of outside load on this shared machine lands on every target alike; each target's samples are pooled.
     */
    private Map<String, Stats> rounds(int rate, boolean stream, String label) throws InterruptedException {
        Map<String, Stats> byTarget = new LinkedHashMap<>();
        for (int round = 0; round < opts.rounds; round++) {
            for (int k = 0; k < targets.size(); k++) {
                Target t = targets.get((k + round) % targets.size());
                openLoop(t, rate, opts.warmupSeconds, stream);
                Map<String, Long> cpu = cpu();
                Stats s = openLoop(t, rate, opts.seconds, stream).withCpu(cpuSince(cpu));
                log("%-9s %5d rps %-8s round %d: %s", label, rate, t.name, round + 1, s);
                byTarget.merge(t.name, s, Stats::plus);
            }
        }
        Map<String, Stats> ordered = new LinkedHashMap<>();
        targets.forEach(t -> ordered.put(t.name, byTarget.get(t.name)));
        return ordered;
    }

    /**
     * Counters of each process named with {@code --cpu name=PID} and of this generator ({@code loadgen}): CPU time
     * used so far in nanoseconds under {@code name}, and voluntary context switches of all its threads (Linux
     * {@code /proc}; absent elsewhere) under {@code name#cs}.
     */
    private Map<String, Long> cpu() {
        Map<String, Long> now = new LinkedHashMap<>();
        Map<String, Long> pids = new LinkedHashMap<>(opts.cpuPids);
        pids.put("loadgen", ProcessHandle.current().pid());
        pids.forEach((name, pid) -> {
            ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration())
                    .ifPresent(d -> now.put(name, d.toNanos()));
            long switches = voluntarySwitches(pid);
            if (switches >= 0) {
                now.put(name + "#cs", switches);
            }
        });
        return now;
    }

    private static long voluntarySwitches(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return -1;
        }
        long total = 0;
        try (var threads = Files.list(tasks)) {
            for (Path t : (Iterable<Path>) threads::iterator) {
                try {
                    for (String line : Files.readAllLines(t.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return total;
    }

    private Map<String, Long> cpuSince(Map<String, Long> before) {
        Map<String, Long> used = new LinkedHashMap<>();
        cpu().forEach((name, v) -> {
            Long b = before.get(name);
            if (b != null) {
                used.put(name, v - b);
            }
        });
        return used;
    }

    /** One target alone: {@link #openLoop(List, int, int, boolean)} with a single target. */
    private Stats openLoop(Target target, int rate, int seconds, boolean stream) throws InterruptedException {
        return openLoop(List.of(target), rate, seconds, stream).get(target.name);
    }

    /**
     * Sends {@code rate * seconds} requests to each target, request {@code i} of target {@code j} (of {@code k})
     * due at {@code t0 + (i + j / k) / rate}: with several targets their requests alternate evenly, so each sees
     * the same machine at the same moments. Requests still open {@link #MAX_IN_FLIGHT} deep are not sent and count
     * as errors (the target is saturated).
     */
    private Map<String, Stats> openLoop(List<Target> group, int rate, int seconds, boolean stream)
            throws InterruptedException {
        int k = group.size();
        int n = rate * seconds;
        long period = NANOS / rate;
        long[][] latency = new long[k][n];
        AtomicInteger[] errors = new AtomicInteger[k];
        for (int j = 0; j < k; j++) {
            Arrays.fill(latency[j], -1);
            errors[j] = new AtomicInteger();
        }
        AtomicInteger inFlight = new AtomicInteger();
        AtomicLong lastDone = new AtomicLong();
        CountDownLatch done = new CountDownLatch(n * k);
        long maxLag = 0;
        long t0 = System.nanoTime() + 20_000_000L;
        for (int m = 0; m < n * k; m++) {
            int i = m / k;
            int j = m % k;
            long due = t0 + i * period + j * period / k;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            maxLag = Math.max(maxLag, -wait);
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                errors[j].incrementAndGet();
                done.countDown();
                continue;
            }
            inFlight.incrementAndGet();
            long[] slots = latency[j];
            AtomicInteger failed = errors[j];
            group.get(j).send(stream).whenComplete((firstByte, failure) -> {
                long now = System.nanoTime();
                inFlight.decrementAndGet();
                if (failure == null) {
                    slots[i] = (stream ? firstByte : now) - due;
                } else {
                    failed.incrementAndGet();
                }
                lastDone.accumulateAndGet(now, Math::max);
                done.countDown();
            });
        }
        if (!done.await(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)) {
            log("  %d requests still open after the phase", done.getCount());
        }
        long elapsed = Math.max(1, lastDone.get() - t0);
        Map<String, Stats> byTarget = new LinkedHashMap<>();
        for (int j = 0; j < k; j++) {
            byTarget.put(group.get(j).name, Stats.of(latency[j], errors[j].get(), elapsed, rate, maxLag));
        }
        return byTarget;
    }

    /** {@code concurrency} requests always open; each completion sends the next, until the time is up. */
    private Stats closedLoop(Target target, int concurrency, int warmupSeconds, int seconds)
            throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmupSeconds * NANOS;
        long end = measureFrom + seconds * NANOS;
        long[] latency = new long[Math.max(1_000_000, seconds * 50_000)];
        AtomicInteger count = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch workers = new CountDownLatch(concurrency);
        for (int w = 0; w < concurrency; w++) {
            new ClosedWorker(target, measureFrom, end, latency, count, errors, workers).next();
        }
        if (!workers.await(seconds + warmupSeconds + REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)) {
            log("  %s: closed-loop workers did not finish", target.name);
        }
        int n = Math.min(count.get(), latency.length);
        return Stats.of(Arrays.copyOf(latency, n), errors.get(), end - measureFrom, 0, 0);
    }

    private static final class ClosedWorker {
        private final Target target;
        private final long measureFrom;
        private final long end;
        private final long[] latency;
        private final AtomicInteger count;
        private final AtomicInteger errors;
        private final CountDownLatch finished;

        ClosedWorker(Target target, long measureFrom, long end, long[] latency, AtomicInteger count,
                     AtomicInteger errors, CountDownLatch finished) {
            this.target = target;
            this.measureFrom = measureFrom;
            this.end = end;
            this.latency = latency;
            this.count = count;
            this.errors = errors;
            this.finished = finished;
        }

        void next() {
            long sent = System.nanoTime();
            if (sent >= end) {
                finished.countDown();
                return;
            }
            target.send(false).whenComplete((ignored, failure) -> {
                long now = System.nanoTime();
                if (sent >= measureFrom && now <= end) {
                    if (failure != null) {
                        errors.incrementAndGet();
                    } else {
                        int i = count.getAndIncrement();
                        if (i < latency.length) {
                            latency[i] = now - sent;
                        }
                    }
                }
                next();
            });
        }
    }

    // ------------------------------------------------------------------------------------------------ targets

    /** One endpoint under test: a base URL ending in {@code /v1} and the headers it needs. */
    private final class Target {
        final String name;
        private final WebClient client;
        private final String path;
        private final RequestHeaders nonStream;
        private final RequestHeaders streamHeaders;
        private final HttpData body;
        private final HttpData streamBody;

        Target(String name, String baseUrl, Options opts) {
            this.name = name;
            URI uri = URI.create(baseUrl);
            if (!"127.0.0.1".equals(uri.getHost()) && !"localhost".equals(uri.getHost())) {
                throw new IllegalArgumentException("loopback targets only: " + baseUrl);
            }
            this.path = uri.getRawPath().replaceAll("/$", "") + "/chat/completions";
            this.client = WebClient.builder("h1c://" + uri.getHost() + ":" + uri.getPort())
                    .factory(factory)
                    .responseTimeout(REQUEST_TIMEOUT)
                    .maxResponseLength(0)
                    .build();
            this.nonStream = headers(name, opts, false);
            this.streamHeaders = headers(name, opts, true);
            this.body = HttpData.wrap(body(false).getBytes(StandardCharsets.UTF_8));
            this.streamBody = HttpData.wrap(body(true).getBytes(StandardCharsets.UTF_8));
        }

        private RequestHeaders headers(String name, Options opts, boolean stream) {
            RequestHeadersBuilder h = RequestHeaders.builder(HttpMethod.POST, path)
                    .contentType(MediaType.JSON)
                    .add("authorization", "Bearer bench-not-a-secret");
            if (stream) {
                h.add("accept", "text/event-stream");
            }
            if (name.equals("portkey") && opts.portkeyUpstream != null) {
                h.add("x-portkey-provider", "openai");
                h.add("x-portkey-custom-host", opts.portkeyUpstream);
            }
            return h.build();
        }

        private static String body(boolean stream) {
            return "{\"model\":\"auto\",\"max_tokens\":16,\"stream\":" + stream
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";
        }

        /**
         * Completes with the time (nanoTime) of the first non-empty body chunk once the whole response has
         * arrived with status 200; fails otherwise.
         */
        CompletableFuture<Long> send(boolean stream) {
            long[] first = {0};
            HttpResponse res = client.execute(HttpRequest.of(stream ? streamHeaders : nonStream,
                    stream ? streamBody : body));
            if (stream) {
                res = res.peekData(d -> {
                    if (first[0] == 0 && !d.isEmpty()) {
                        first[0] = System.nanoTime();
                    }
                });
            }
            return res.aggregate().thenApply(agg -> {
                if (agg.status().code() != 200) {
                    throw new IllegalStateException(name + ": HTTP " + agg.status() + " "
                            + truncate(agg.contentUtf8()));
                }
                return first[0];
            });
        }

        /** One request up front, so a misconfigured target fails the run instead of producing numbers. */
        void check(boolean stream) {
            HttpResponse res = client.execute(HttpRequest.of(stream ? streamHeaders : nonStream,
                    stream ? streamBody : body));
            AggregatedHttpResponse agg = res.aggregate().join();
            String content = agg.contentUtf8();
            if (agg.status().code() != 200 || !content.contains(stream ? "[DONE]" : "load testing")) {
                throw new IllegalStateException(name + " (stream=" + stream + "): unexpected answer HTTP "
                        + agg.status() + " " + truncate(content));
            }
            String model = agg.headers().get("x-vsr-selected-model");
            log("check %-8s stream=%-5s HTTP %d%s, %d bytes", name, stream, agg.status().code(),
                    model == null ? "" : ", x-vsr-selected-model=" + model, content.length());
        }
    }

    private static String truncate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "%tT " + format + "%n", prepend(Instant.now().atZone(
                java.time.ZoneOffset.UTC).toLocalTime(), args));
        System.err.flush();
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    // ------------------------------------------------------------------------------------------------ results

    /**
     * One or more pooled phases: the raw latencies (nanoseconds, -1 for a failed request), failures, the time the
     * phases took, and the CPU time each watched process used meanwhile.
     */
    record Stats(long[] latency, int errors, long elapsedNanos, int rate, long maxLag, Map<String, Long> cpuNanos) {

        static Stats of(long[] latency, int errors, long elapsedNanos, int rate, long maxLag) {
            return new Stats(Arrays.stream(latency).filter(l -> l >= 0).sorted().toArray(), errors, elapsedNanos,
                    rate, maxLag, Map.of());
        }

        Stats withCpu(Map<String, Long> cpu) {
            return new Stats(latency, errors, elapsedNanos, rate, maxLag, cpu);
        }

        Stats plus(Stats o) {
            long[] all = new long[latency.length + o.latency.length];
            System.arraycopy(latency, 0, all, 0, latency.length);
            System.arraycopy(o.latency, 0, all, latency.length, o.latency.length);
            Arrays.sort(all);
            Map<String, Long> cpu = new LinkedHashMap<>(cpuNanos);
            o.cpuNanos.forEach((k, v) -> cpu.merge(k, v, Long::sum));
            return new Stats(all, errors + o.errors, elapsedNanos + o.elapsedNanos, rate, Math.max(maxLag, o.maxLag),
                    cpu);
        }

        int ok() {
            return latency.length;
        }

        long p50() {
            return pct(50);
        }

        long p90() {
            return pct(90);
        }

        long p99() {
            return pct(99);
        }

        long p999() {
            return pct(99.9);
        }

        long max() {
            return latency.length == 0 ? -1 : latency[latency.length - 1];
        }

        double throughput() {
            return latency.length * (double) NANOS / elapsedNanos;
        }

        /** Voluntary context switches per answered request in process {@code name}, or -1 if not known. */
        double switchesPerRequest(String name) {
            Long n = cpuNanos.get(name + "#cs");
            return n == null || latency.length == 0 ? -1 : n / (double) latency.length;
        }

        /** CPU microseconds per answered request used by process {@code name}, or -1 if not watched. */
        double cpuMicrosPerRequest(String name) {
            Long nanos = cpuNanos.get(name);
            return nanos == null || latency.length == 0 ? -1 : nanos / 1000.0 / latency.length;
        }

        private long pct(double p) {
            if (latency.length == 0) {
                return -1;
            }
            int rank = (int) Math.ceil(p / 100.0 * latency.length);
            return latency[Math.max(0, Math.min(latency.length - 1, rank - 1))];
        }

        /** Open loop: the target kept up when at most 0.1 % failed and it answered at (close to) the offered rate. */
        boolean keptUp() {
            return errors <= latency.length / 1000 && (rate == 0 || throughput() >= rate * 0.97);
        }

        @Override
        public String toString() {
            StringBuilder cpu = new StringBuilder();
            cpuNanos.keySet().stream().filter(k -> !k.contains("#")).forEach(k -> cpu.append(String.format(
                    Locale.ROOT, " cpu[%s]=%.0fus/req,%.1fcs/req", k, cpuMicrosPerRequest(k), switchesPerRequest(k))));
            return String.format(Locale.ROOT,
                    "ok=%d err=%d p50=%s p90=%s p99=%s p99.9=%s max=%s thr=%.0f/s genLag=%s%s",
                    ok(), errors, ms(p50()), ms(p90()), ms(p99()), ms(p999()), ms(max()), throughput(), ms(maxLag),
                    cpu);
        }
    }

    static String ms(long nanos) {
        return nanos < 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    // ------------------------------------------------------------------------------------------------ options

    static final class Options {
        final Map<String, String> targets = new LinkedHashMap<>();
        String portkeyUpstream;
        int[] rates = {200, 1000};
        int warmupSeconds = 2;
        int seconds = 10;
        int jitWarmupSeconds = 10;
        int concurrency = 32;
        int throughputSeconds = 10;
        int streamRate = 200;
        int eventLoops = 2;
        int rounds = 3;
        boolean interleaved = true;
        final Map<String, Long> cpuPids = new LinkedHashMap<>();
        Path out;

        int maxRate() {
            return Arrays.stream(rates).max().orElse(200);
        }

        static Options parse(String[] args) throws IOException {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String v = i + 1 < args.length ? args[i + 1] : null;
                switch (a) {
                    case "--target" -> {
                        int eq = v.indexOf('=');
                        o.targets.put(v.substring(0, eq), v.substring(eq + 1));
                    }
                    case "--portkey-upstream" -> o.portkeyUpstream = v;
                    case "--rates" -> o.rates = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
                    case "--warmup-seconds" -> o.warmupSeconds = Integer.parseInt(v);
                    case "--seconds" -> o.seconds = Integer.parseInt(v);
                    case "--jit-warmup-seconds" -> o.jitWarmupSeconds = Integer.parseInt(v);
                    case "--concurrency" -> o.concurrency = Integer.parseInt(v);
                    case "--throughput-seconds" -> o.throughputSeconds = Integer.parseInt(v);
                    case "--stream-rate" -> o.streamRate = Integer.parseInt(v);
                    case "--event-loops" -> o.eventLoops = Integer.parseInt(v);
                    case "--rounds" -> o.rounds = Integer.parseInt(v);
                    case "--interleaved" -> o.interleaved = Boolean.parseBoolean(v);
                    case "--cpu" -> {
                        int eq = v.indexOf('=');
                        o.cpuPids.put(v.substring(0, eq), Long.parseLong(v.substring(eq + 1)));
                    }
                    case "--out" -> o.out = Path.of(v);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
                i++;
            }
            if (o.targets.isEmpty()) {
                throw new IllegalArgumentException("at least one --target name=http://127.0.0.1:PORT/v1");
            }
            for (int r : o.rates) {
                if (r <= 0 || r > 20_000) {
                    throw new IllegalArgumentException("rate out of range (1..20000): " + r);
                }
            }
            if (o.seconds <= 0 || o.seconds > 120 || o.throughputSeconds > 120 || o.warmupSeconds > 60
                    || o.jitWarmupSeconds > 120) {
                throw new IllegalArgumentException("phase lengths are bounded: seconds 1..120, warm-up <= 60");
            }
            if (o.rounds < 1 || o.rounds > 10) {
                throw new IllegalArgumentException("rounds 1..10");
            }
            if (o.concurrency > 512) {
                throw new IllegalArgumentException("concurrency at most 512");
            }
            return o;
        }
    }
}
