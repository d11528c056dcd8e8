package dev.switchboard.core.guard.pii;

import java.util.Locale;

/**
 * Rough latency check of {@link StructuredPiiDetector} on a 2 KB prompt mixing prose and PII. Not JMH and not a
 * test (wall-clock assertions are flaky): run it by hand and read the numbers.
 *
 * <pre>java -cp ... dev.switchboard.core.guard.pii.StructuredPiiBenchmark</pre>
 */
public final class StructuredPiiBenchmark {

    private StructuredPiiBenchmark() {}

    public static void main(String[] args) {
        measure("typical", prompt(TYPICAL, 2048));
        measure("PII-dense", prompt(DENSE, 2048));
    }

    private static final String TYPICAL = "Can you help me rewrite this paragraph so it sounds more professional?"
            + " We have been working on the migration for a few weeks now, and the team agreed that the new"
            + " pipeline should be ready before the end of the quarter. The main risks are the database schema"
            + " changes and the retraining of the models, which usually takes about 3 days. Reach me at"
            + " jane.doe@example.com if anything is unclear. ";

    private static void measure(String name, String prompt) {
        StructuredPiiDetector detector = StructuredPiiDetector.create();
        long spans = 0;
        for (int i = 0; i < 20_000; i++) { // warm-up so the JIT compiles the regex engine paths
            spans += detector.find(prompt).size();
        }
        int runs = 20_000;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            spans += detector.find(prompt).size();
        }
        double micros = (System.nanoTime() - start) / 1_000.0 / runs;
        System.out.printf(Locale.ROOT, "%s %d-char prompt: %.1f us per find (%d spans; checksum %d)%n",
                name, prompt.length(), micros, detector.find(prompt).size(), spans);
    }

    private static final String DENSE = "Hi, I'm writing about my order from last week. The package never arrived"
                + " and support said"
                + " to email refunds@shop-example.com or call +1 (415) 555-2671. My card 4111 1111 1111 1111 was"
                + " charged $129.99 on 2024-03-05 14:30. Version 3.2.1 of the app crashed at 10:30 on March 5,"
                + " 2024; logs show 192.168.1.20. Please refund to DE89 3704 0044 0532 0130 00, thanks! ";

    private static String prompt(String block, int size) {
        StringBuilder text = new StringBuilder(size + block.length());
        while (text.length() < size) {
            text.append(block);
        }
        return text.substring(0, size);
    }
}
