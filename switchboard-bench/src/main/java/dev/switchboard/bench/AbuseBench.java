package dev.switchboard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.util.EventLoopGroups;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * "One abusive client must not starve the others": well-behaved clients (each with its own API key) send small
 * chat requests at a steady open-loop rate against a router with its guards on, in phases of the same length:
 *
 * <ol>
 *   <li><b>alone</b>: only the well-behaved clients (the baseline);</li>
 *   <li><b>heavy</b>: meanwhile one abusive client, with its own key, sends 4 MiB user messages and 10,000-message
 *       requests back to back on {@code --heavy} connections (each waits for its answer, then sends the next);</li>
 *   <li><b>flood</b>: meanwhile the same abuser sends small requests at {@code --flood-rate} per second, far beyond
 *       its rate limit, over up to {@code --flood-connections} connections;</li>
 * </ol>
 *
 * in {@code --rounds} rounds, each phase's samples pooled over the rounds. The well-behaved clients' p50 and p99 (from each request's due time, so queueing cannot hide) are reported per
 * phase and as a ratio to the baseline measured in the same run; the abuser's answers are counted by status.
 *
 * <pre>
 * AbuseBench --url http://127.0.0.1:18902/v1 --good-keys K1,K2 --abuser-key K3 [--rate 20] [--seconds 30] [--rounds 3]
 *            [--warmup-seconds 10] [--heavy 4] [--flood-rate 500] [--flood-connections 64] [--out abuse.md]
 * </pre>
 */
public final class AbuseBench {

    private static final long NANOS = 1_000_000_000L;
    private static final int FOUR_MIB = 4 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PROMPTS = List.of(
            "Write a python function that reverses a string, call it reverse_%d",
            "What is the integral of x^%d from 0 to 1?",
            "Summarise this note: the team met %d times this quarter and agreed to ship next week.",
            "My email is user%d@example.com, please draft a polite reminder to pay the invoice.",
            "Translate to French: the meeting is moved to room %d on Thursday.",
            "Explain the difference between TCP and UDP like I'm five (question %d).");

    private final Options opts;
    private final String path;
    private final WebClient good;
    private final WebClient abuser;
    private final AtomicLong ids = new AtomicLong();

    private AbuseBench(Options opts) {
        this.opts = opts;
        URI base = URI.create(opts.url);
        this.path = base.getPath().replaceAll("/$", "") + "/chat/completions";
        // separate connections and event loops: on a network the abuser's machine is not the others' machine, and
        // writing its 4 MiB bodies must not delay the well-behaved clients' requests inside this load generator
        this.good = client(base, 30);
        this.abuser = client(base, 120);
    }

    private static WebClient client(URI base, int timeoutSeconds) {
        ClientFactory factory = ClientFactory.builder().useHttp2Preface(false)
                .workerGroup(EventLoopGroups.newEventLoopGroup(1), true)
                .idleTimeout(Duration.ofSeconds(60)).build();
        return WebClient.builder(base.resolve("/")).factory(factory)
                .responseTimeout(Duration.ofSeconds(timeoutSeconds)).maxResponseLength(0).build();
    }

    public static void main(String[] args) throws Exception {
        Options opts = Options.parse(args);
        AbuseBench bench = new AbuseBench(opts);
        // the warm-up runs the heavy abuser too, so that the JIT has compiled the huge-request paths before the
        // first measured phase (otherwise round one pays for compiling them)
        System.err.printf("warm-up: %d s of well-behaved and heavy traffic%n", opts.warmupSeconds);
        bench.phase("warm-up", opts.warmupSeconds, bench::heavy);
        // rounds of the three phases, pooled per phase, so a burst of outside load on a shared machine is spread
        // over all of them instead of landing on one
        Map<String, Phase> pooled = new java.util.LinkedHashMap<>();
        for (int round = 0; round < opts.rounds; round++) {
            pool(pooled, bench.phase("alone", opts.seconds, null));
            pool(pooled, bench.phase("heavy", opts.seconds, bench::heavy));
            pool(pooled, bench.phase("flood", opts.seconds, bench::flood));
        }
        String report = report(opts, new ArrayList<>(pooled.values()));
        System.out.println(report);
        if (opts.out != null) {
            Files.writeString(Path.of(opts.out), report);
        }
        System.exit(0);
    }

    private static void pool(Map<String, Phase> pooled, Phase phase) {
        pooled.merge(phase.name(), phase, Phase::pooledWith);
    }

    /** What the abuser does during a phase, until {@code end} (nanoTime); counts its answers by status. */
    private interface Abuse {
        void run(long end, Map<String, LongAdder> statuses) throws InterruptedException;
    }

    /** Runs the well-behaved clients for {@code seconds}, with {@code abuse} alongside when not null. */
    private Phase phase(String name, int seconds, Abuse abuse) throws InterruptedException {
        long start = System.nanoTime() + NANOS / 10;
        long end = start + seconds * NANOS;
        Map<String, LongAdder> abuserStatuses = new ConcurrentHashMap<>();
        Thread abuserThread = null;
        if (abuse != null) {
            abuserThread = new Thread(() -> {
                try {
                    abuse.run(end, abuserStatuses);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "abuser");
            abuserThread.start();
        }
        Phase phase = wellBehaved(name, start, seconds);
        if (abuserThread != null) {
            abuserThread.join();
        }
        abuserStatuses.forEach((status, count) -> phase.abuser.put(status, count.sum()));
        System.err.println(phase.row(null));
        return phase;
    }

    /** Open loop: request i is due at start + i / rate, whatever earlier answers do; keys take turns. */
    private Phase wellBehaved(String name, long start, int seconds) throws InterruptedException {
        int n = opts.rate * seconds;
        long period = NANOS / opts.rate;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            long due = start + i * period;
            sleepUntil(due);
            String key = opts.goodKeys.get(i % opts.goodKeys.size());
            good.execute(request(key, smallBody())).aggregate().whenComplete((res, failure) -> {
                if (failure == null && res.status().code() == 200) {
                    latencies.add(System.nanoTime() - due);
                } else {
                    errors.incrementAndGet();
                }
                done.countDown();
            });
        }
        done.await();
        return new Phase(name, latencies.stream().mapToLong(Long::longValue).sorted().toArray(), errors.get(),
                new TreeMap<>());
    }

    /** {@code --heavy} connections, each sending a 4 MiB message, then 10,000 messages, and again, until the end. */
    private void heavy(long end, Map<String, LongAdder> statuses) throws InterruptedException {
        byte[] fourMib = body(userMessage(prose(FOUR_MIB)));
        CountDownLatch loops = new CountDownLatch(opts.heavy);
        for (int c = 0; c < opts.heavy; c++) {
            int first = c;
            Thread loop = new Thread(() -> {
                for (int i = first; System.nanoTime() < end; i++) {
                    // every body is new, so no memo of an earlier text answers for free
                    byte[] body = i % 2 == 0 ? uniquePrefix(fourMib) : body(manyMessages(10_000, ids.incrementAndGet()));
                    String kind = i % 2 == 0 ? "4 MiB" : "10,000 messages";
                    int status = send(body);
                    statuses.computeIfAbsent(kind + " " + status, k -> new LongAdder()).increment();
                }
                loops.countDown();
            }, "abuser-heavy-" + c);
            loop.setDaemon(true);
            loop.start();
        }
        loops.await();
    }

    /** Small requests at {@code --flood-rate}, beyond any sane rate limit, over many connections. */
    private void flood(long end, Map<String, LongAdder> statuses) throws InterruptedException {
        long period = NANOS / opts.floodRate;
        AtomicInteger inFlight = new AtomicInteger();
        long start = System.nanoTime();
        for (long i = 0; ; i++) {
            long due = start + i * period;
            if (due >= end) {
                break;
            }
            sleepUntil(due);
            if (inFlight.get() >= opts.floodConnections) {
                statuses.computeIfAbsent("not sent (all connections busy)", k -> new LongAdder()).increment();
                continue;
            }
            inFlight.incrementAndGet();
            abuser.execute(request(opts.abuserKey, smallBody())).aggregate().whenComplete((res, failure) -> {
                String status = failure == null ? Integer.toString(res.status().code()) : "failed";
                statuses.computeIfAbsent("small " + status, k -> new LongAdder()).increment();
                inFlight.decrementAndGet();
            });
        }
        while (inFlight.get() > 0) {
            Thread.sleep(10);
        }
    }

    private int send(byte[] body) {
        try {
            return abuser.execute(request(opts.abuserKey, body)).aggregate().join().status().code();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private HttpRequest request(String key, byte[] body) {
        RequestHeaders headers = RequestHeaders.builder(HttpMethod.POST, path).contentType(MediaType.JSON)
                .add("authorization", "Bearer " + key).build();
        return HttpRequest.of(headers, HttpData.wrap(body));
    }

    private byte[] smallBody() {
        long id = ids.incrementAndGet();
        String text = String.format(Locale.ROOT, PROMPTS.get((int) (id % PROMPTS.size())), id);
        return body(userMessage(text));
    }

    private static ArrayNode userMessage(String text) {
        ArrayNode messages = JSON.createArrayNode();
        messages.addObject().put("role", "user").put("content", text);
        return messages;
    }

    private static byte[] body(ArrayNode messages) {
        ObjectNode root = JSON.createObjectNode().put("model", "auto");
        root.set("messages", messages);
        return root.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The body with the counter written over the first characters of its first message's text. */
    private byte[] uniquePrefix(byte[] body) {
        byte[] copy = body.clone();
        byte[] marker = String.format(Locale.ROOT, "%012d", ids.incrementAndGet()).getBytes();
        int at = indexOf(copy, "\"content\":\"".getBytes()) + "\"content\":\"".length();
        System.arraycopy(marker, 0, copy, at, marker.length);
        return copy;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("no content field");
    }

    private static String prose(int chars) {
        StringBuilder text = new StringBuilder(chars);
        String sentence = "Quarterly revenue in the northern region grew by %d percent on stronger demand. ";
        for (int i = 0; text.length() < chars - 200; i++) {
            text.append(sentence.formatted(i % 97));
        }
        return text.toString();
    }

    private static ArrayNode manyMessages(int count, long salt) {
        ArrayNode messages = JSON.createArrayNode();
        for (int i = 0; i < count; i++) {
            messages.addObject().put("role", i % 2 == 0 ? "user" : "assistant").put("content",
                    "Revenue in region " + salt + "-" + i + " grew by " + (i % 97) + " percent on demand.");
        }
        return messages;
    }

    private static void sleepUntil(long due) {
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private static String report(Options opts, List<Phase> phases) {
        Phase base = phases.get(0);
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "Well-behaved clients: %d keys, %d req/s in all, open loop; %d rounds of three %d s phases (alone, "
                        + "heavy, flood) after %d s warm-up, pooled per phase; latency in ms from each request's due "
                        + "time. Abuser: %d heavy connections; flood at %d req/s over up to %d connections.%n%n"
                        + "| phase | ok | errors | p50 | p99 | max | p50 / alone | p99 / alone | abuser's answers |%n"
                        + "|---|---:|---:|---:|---:|---:|---:|---:|---|%n",
                opts.goodKeys.size(), opts.rate, opts.rounds, opts.seconds, opts.warmupSeconds, opts.heavy,
                opts.floodRate, opts.floodConnections));
        for (Phase p : phases) {
            md.append(p.row(base)).append('\n');
        }
        return md.toString();
    }

    /** One phase's results. */
    private record Phase(String name, long[] sorted, int errors, Map<String, Long> abuser) {
        Phase {
            abuser = new TreeMap<>(abuser);
        }

        /** This phase's and another round's samples and abuser answers together. */
        Phase pooledWith(Phase o) {
            long[] all = new long[sorted.length + o.sorted.length];
            System.arraycopy(sorted, 0, all, 0, sorted.length);
            System.arraycopy(o.sorted, 0, all, sorted.length, o.sorted.length);
            Arrays.sort(all);
            Map<String, Long> answers = new TreeMap<>(abuser);
            o.abuser.forEach((k, v) -> answers.merge(k, v, Long::sum));
            return new Phase(name, all, errors + o.errors, answers);
        }

        long pct(double q) {
            return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
        }

        String row(Phase base) {
            String ratios = base == null ? "| — | — " : String.format(Locale.ROOT, "| %.2f | %.2f ",
                    (double) pct(0.5) / base.pct(0.5), (double) pct(0.99) / base.pct(0.99));
            StringBuilder answers = new StringBuilder();
            abuser.forEach((k, v) -> answers.append(answers.length() == 0 ? "" : ", ").append(k).append(": ")
                    .append(v));
            return String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s %s| %s |", name, sorted.length, errors,
                    ms(pct(0.5)), ms(pct(0.99)), ms(sorted.length == 0 ? 0 : sorted[sorted.length - 1]), ratios,
                    answers.length() == 0 ? "—" : answers);
        }

        private static String ms(long nanos) {
            return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
        }
    }

    /** Command-line options. */
    private static final class Options {
        String url = "http://127.0.0.1:18902/v1";
        List<String> goodKeys = List.of();
        String abuserKey;
        int rate = 20;
        int seconds = 30;
        int rounds = 3;
        int warmupSeconds = 10;
        int heavy = 4;
        int floodRate = 500;
        int floodConnections = 64;
        String out;

        static Options parse(String[] argv) {
            Options o = new Options();
            for (int i = 0; i + 1 < argv.length; i += 2) {
                String v = argv[i + 1];
                switch (argv[i]) {
                    case "--url" -> o.url = v;
                    case "--good-keys" -> o.goodKeys = List.of(v.split(","));
                    case "--abuser-key" -> o.abuserKey = v;
                    case "--rate" -> o.rate = Integer.parseInt(v);
                    case "--seconds" -> o.seconds = Integer.parseInt(v);
                    case "--rounds" -> o.rounds = Integer.parseInt(v);
                    case "--warmup-seconds" -> o.warmupSeconds = Integer.parseInt(v);
                    case "--heavy" -> o.heavy = Integer.parseInt(v);
                    case "--flood-rate" -> o.floodRate = Integer.parseInt(v);
                    case "--flood-connections" -> o.floodConnections = Integer.parseInt(v);
                    case "--out" -> o.out = v;
                    default -> throw new IllegalArgumentException("unknown option " + argv[i]
                            + "; see AbuseBench's javadoc: " + Arrays.toString(argv));
                }
            }
            if (o.goodKeys.isEmpty() || o.abuserKey == null) {
                throw new IllegalArgumentException("--good-keys and --abuser-key are required");
            }
            return o;
        }
    }
}
