package dev.switchboard.bench;

import java.util.List;
import java.util.Locale;

/**
 * The ~70-token prompts of {@link MlPathBench}: everyday requests that carry the keyword both bench routers route
 * on ({@code benchmark}), no personal data (a request with personal data skips the cache) and nothing a jailbreak
 * guard should flag. Each carries the request's number, so no two are the same text and no memo or exact cache
 * entry answers for free. Plain ASCII without quotes, so it goes into JSON as it is.
 */
final class MlPrompts {

    private static final List<String> TEMPLATES = List.of(
            "I am preparing a short talk for my team about how we benchmark our web services before a release "
                    + "(draft %d). Could you outline the main steps, which numbers to watch such as latency "
                    + "percentiles, throughput and error rate, and two common mistakes people make when they read "
                    + "the results? Please keep it brief, with one example for each step.",
            "We want to benchmark two ways of storing time series in our application, version %d of the plan. "
                    + "One keeps a row per sample in a relational table, the other writes compressed blocks to "
                    + "object storage. What should the test measure, how large should the data set be, and how "
                    + "do we avoid fooling ourselves with caches that are already warm?",
            "Can you help me write a small benchmark in Python that compares sorting a list of %d numbers with "
                    + "the built-in sort and with a heap? I would like it to repeat each run several times, "
                    + "report the median and the spread, and explain in a few sentences why one of them is faster on large inputs.",
            "My laptop feels slow when I compile large projects, so I ran a disk benchmark and got %d megabytes "
                    + "per second for random reads. Is that a normal figure for a solid state drive, and what "
                    + "else should I check before I decide to buy a new machine for my daily work as a developer?");

    private MlPrompts() {}

    /** The prompt for request number {@code n}. */
    static String prompt(long n) {
        return String.format(Locale.ROOT, TEMPLATES.get((int) (n % TEMPLATES.size())), 100 + n);
    }

    /** How many different templates there are (they differ slightly in length). */
    static int templates() {
        return TEMPLATES.size();
    }
}
