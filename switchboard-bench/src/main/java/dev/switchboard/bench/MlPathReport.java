package dev.switchboard.bench;

import dev.switchboard.bench.MlPathBench.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders one run of {@link MlPathBench} as Markdown. With three or more targets the second (the keyword-only router)
 * is the baseline every later one (ML routers) is compared with; the first (the upstream alone) is the floor.
 */
final class MlPathReport {

    private MlPathReport() {}

    static String markdown(int requests, Map<String, LatencySample> single, Map<String, Phase> saturated,
                           int concurrency, int rounds, int seconds) {
        List<String> names = new ArrayList<>(single.keySet());
        String base = names.get(names.size() > 2 ? 1 : 0);
        List<String> compared = names.subList(names.indexOf(base) + 1, names.size());
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Single request (one in flight, targets taking turns, %d requests "
                + "each), ms:%n%n| target | p50 | p90 | p99 |%n|---|---:|---:|---:|%n", requests));
        single.forEach((name, s) -> md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", name,
                ms(s.percentile(50)), ms(s.percentile(90)), ms(s.percentile(99)))));
        LatencySample b = single.get(base);
        for (String name : compared) {
            LatencySample a = single.get(name);
            md.append(String.format(Locale.ROOT, "| **%s added over %s** | **%+.2f** (x%.2f) | %+.2f | %+.2f |%n",
                    name, base, (a.percentile(50) - b.percentile(50)) / 1e6,
                    a.percentile(50) / (double) Math.max(1, b.percentile(50)),
                    (a.percentile(90) - b.percentile(90)) / 1e6, (a.percentile(99) - b.percentile(99)) / 1e6));
        }
        md.append(String.format(Locale.ROOT, "%nSaturated (closed loop, %d in flight, %d rounds of %d s per target, "
                + "pooled), latency in ms, server CPU per answered request in ms:%n%n", concurrency, rounds,
                seconds));
        md.append("| target | req/s | vs ").append(base).append(" | p50 | p99 | errors | CPU ms/req | 2 cores / CPU "
                + "per req |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        double baseRate = saturated.get(base).throughput();
        saturated.forEach((name, p) -> md.append(String.format(Locale.ROOT,
                "| %s | %.0f | %.2f | %s | %s | %d | %s | %s |%n", name, p.throughput(), p.throughput() / baseRate,
                ms(p.latency.percentile(50)), ms(p.latency.percentile(99)), p.errors,
                p.cpuMicrosPerRequest() < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", p.cpuMicrosPerRequest() / 1e3),
                p.cpuMicrosPerRequest() <= 0 ? "n/a"
                        : String.format(Locale.ROOT, "%.0f", 2e6 / p.cpuMicrosPerRequest()))));
        return md.toString();
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }
}
