package dev.switchboard.bench;

import static dev.switchboard.bench.LoadBench.ms;

import dev.switchboard.bench.LoadBench.Stats;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders one run of {@link LoadBench} as Markdown tables; the first target is the baseline (direct). */
final class Report {

    private Report() {}

    static String markdown(LoadBench.Options opts, List<String> targets, Map<Integer, Map<String, Stats>> open,
                           Map<Integer, Map<String, Stats>> interleaved, Map<String, Stats> stream,
                           Map<String, Stats> closed) {
        String base = targets.get(0);
        List<String> others = targets.subList(1, targets.size());
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT,
                "Open loop: %d rounds per rate, each target %d s per round after %d s warm-up at the same rate, "
                        + "target order rotated each round, samples pooled per target. Latency in ms from each "
                        + "request's due time to the end of its response. Added = target minus %s, same percentile, "
                        + "same run.%n%n",
                opts.rounds, opts.seconds, opts.warmupSeconds, base));

        // Summary in the shape of the issue: rate | direct | each gateway | its added latency.
        md.append("| rps | ").append(base).append(" p50 / p99");
        for (String t : others) {
            md.append(" | ").append(t).append(" p50 / p99 | ").append(t).append(" added p50 / p99");
        }
        md.append(" |\n|---:|---:");
        others.forEach(t -> md.append("|---:|---:"));
        md.append("|\n");
        for (Map.Entry<Integer, Map<String, Stats>> e : open.entrySet()) {
            Stats b = e.getValue().get(base);
            md.append("| ").append(e.getKey()).append(" | ").append(pair(b.p50(), b.p99(), b));
            for (String t : others) {
                Stats s = e.getValue().get(t);
                md.append(" | ").append(pair(s.p50(), s.p99(), s)).append(" | ")
                        .append(added(s.p50() - b.p50(), s.p99() - b.p99(), s));
            }
            md.append(" |\n");
        }

        md.append("\nEvery open-loop phase in detail (`ok` requests answered 200, `err` failed or not sent because "
                + "the target was saturated; `achieved` is answered requests per second; `gen lag` is how late "
                + "the generator sent its latest request, a check on the load generator itself):\n\n");
        md.append("| rps | target | ok | err | achieved rps | p50 | p90 | p99 | p99.9 | max | gen lag |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        open.forEach((rate, byTarget) -> byTarget.forEach((t, s) -> md.append(String.format(Locale.ROOT,
                "| %d | %s | %d | %d | %.0f | %s | %s | %s | %s | %s | %s |%n", rate, t, s.ok(), s.errors(),
                s.throughput(), ms(s.p50()), ms(s.p90()), ms(s.p99()), ms(s.p999()), ms(s.max()),
                ms(s.maxLag())))));

        if (!interleaved.isEmpty()) {
            String other = targets.get(1);
            md.append(String.format(Locale.ROOT, "%nInterleaved: %s and %s in the same phases, each at the full rate, "
                    + "their requests alternating (%d rounds of %d s, pooled):%n%n", base, other, opts.rounds,
                    opts.seconds));
            md.append("| rps each | ").append(base).append(" p50 / p90 / p99 | ").append(other)
                    .append(" p50 / p90 / p99 | added p50 / p90 / p99 |\n|---:|---:|---:|---:|\n");
            interleaved.forEach((rate, byTarget) -> {
                Stats b = byTarget.get(base);
                Stats s = byTarget.get(other);
                md.append(String.format(Locale.ROOT, "| %d | %s / %s / %s | %s / %s / %s | %s / %s / %s |%n", rate,
                        ms(b.p50()), ms(b.p90()), ms(b.p99()), ms(s.p50()), ms(s.p90()), ms(s.p99()),
                        diff(s.p50() - b.p50()), diff(s.p90() - b.p90()), diff(s.p99() - b.p99())));
            });
        }

        if (!opts.cpuPids.isEmpty()) {
            md.append("\nCPU time per answered request in µs, per process, over the measured open-loop phases "
                    + "(from the processes' CPU counters; far less sensitive to other load on the machine than "
                    + "latency); in brackets, voluntary context switches per request (all threads, Linux only):\n\n");
            cpuTable(md, opts, open.entrySet().stream().flatMap(e -> e.getValue().entrySet().stream()
                    .map(t -> Map.entry(e.getKey() + " rps, " + t.getKey(), t.getValue()))).toList());
        }

        if (!stream.isEmpty()) {
            Stats b = stream.get(base);
            md.append(String.format(Locale.ROOT, "%nStreaming (`stream: true`), open loop at %d rps: time to the "
                    + "first body chunk (TTFT) in ms, from the request's due time.%n%n", opts.streamRate));
            md.append("| target | ok | err | TTFT p50 | TTFT p99 | added p50 | added p99 |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|\n");
            stream.forEach((t, s) -> md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s | %s |%n",
                    t, s.ok(), s.errors(), ms(s.p50()), ms(s.p99()),
                    t.equals(base) ? "—" : diff(s.p50() - b.p50()), t.equals(base) ? "—" : diff(s.p99() - b.p99()))));
        }

        if (!closed.isEmpty()) {
            Stats b = closed.get(base);
            md.append(String.format(Locale.ROOT, "%nMaximum throughput: closed loop, %d concurrent requests on %d "
                            + "HTTP/1.1 connections, %d s after %d s warm-up; latency in ms per request.%n%n",
                    opts.concurrency, opts.concurrency, opts.throughputSeconds, opts.warmupSeconds));
            md.append("| target | requests/s | vs ").append(base).append(" | p50 | p99 | errors |\n");
            md.append("|---|---:|---:|---:|---:|---:|\n");
            closed.forEach((t, s) -> md.append(String.format(Locale.ROOT, "| %s | %.0f | %.2f | %s | %s | %d |%n",
                    t, s.throughput(), s.throughput() / b.throughput(), ms(s.p50()), ms(s.p99()), s.errors())));
        }
        if (!closed.isEmpty() && !opts.cpuPids.isEmpty()) {
            md.append("\nCPU time per request in µs at maximum throughput (closed loop), voluntary context switches "
                    + "per request in brackets:\n\n");
            cpuTable(md, opts, closed.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList());
        }
        return md.toString();
    }

    private static void cpuTable(StringBuilder md, LoadBench.Options opts, List<Map.Entry<String, Stats>> rows) {
        List<String> procs = new java.util.ArrayList<>(opts.cpuPids.keySet());
        procs.add("loadgen");
        md.append("| phase |");
        procs.forEach(p -> md.append(' ').append(p).append(" |"));
        md.append(" gateways total |\n|---|");
        procs.forEach(p -> md.append("---:|"));
        md.append("---:|\n");
        for (Map.Entry<String, Stats> row : rows) {
            md.append("| ").append(row.getKey()).append(" |");
            double gateways = 0;
            for (String p : procs) {
                double us = row.getValue().cpuMicrosPerRequest(p);
                double cs = row.getValue().switchesPerRequest(p);
                md.append(us < 0 ? " n/a" : String.format(Locale.ROOT, " %.0f", us))
                        .append(cs < 0 ? " |" : String.format(Locale.ROOT, " (%.1f) |", cs));
                if (us > 0 && !p.equals("upstream") && !p.equals("loadgen")) {
                    gateways += us;
                }
            }
            md.append(String.format(Locale.ROOT, " %.0f |%n", gateways));
        }
    }

    private static String pair(long p50, long p99, Stats s) {
        return ms(p50) + " / " + ms(p99) + (s.keptUp() ? "" : String.format(Locale.ROOT,
                " (saturated: %.0f rps, %d err)", s.throughput(), s.errors()));
    }

    private static String added(long p50, long p99, Stats s) {
        return (s.keptUp() ? "" : "≥ ") + diff(p50) + " / " + diff(p99);
    }

    /** A difference of two latencies in ms; negative when the baseline happened to be slower (noise). */
    static String diff(long nanos) {
        return String.format(Locale.ROOT, "%+.3f", nanos / 1e6);
    }
}
