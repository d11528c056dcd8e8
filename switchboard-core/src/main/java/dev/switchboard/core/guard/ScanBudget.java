package dev.switchboard.core.guard;

import dev.switchboard.core.config.GuardSettings.MlBudget;
import dev.switchboard.core.request.ApiException;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one request may still spend on the guards' own encoder passes ({@link MlBudget}), and what it has spent.
 * The pipeline makes one per request and hands it to every guard head; a head asks before each pass, charges what
 * it ran, and reports each text it read only in part. In {@code refuse} mode the first such report ends the request
 * with a 413 before more work is done. Not thread-safe: one request, one thread.
 */
public final class ScanBudget {

    private final MlBudget limits;
    private final Set<String> partialGuards = new TreeSet<>();
    private String guard = "guard";
    private int texts;
    private int passes;
    private long tokens;
    private int cuts;
    private long patternChars;

    public ScanBudget(MlBudget limits) {
        this.limits = limits;
    }

    /** A budget no request reaches: for callers outside a request (the classification API, evaluations). */
    public static ScanBudget unlimited() {
        return new ScanBudget(new MlBudget(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
                Integer.MAX_VALUE, MlBudget.OnExceeded.FLAG, Integer.MAX_VALUE));
    }

    /** Runs {@code work} with cuts it reports charged to {@code name} (e.g. jailbreak, pii). */
    public <T> T during(String name, java.util.function.Supplier<T> work) {
        String outer = guard;
        guard = name;
        try {
            return work.get();
        } finally {
            guard = outer;
        }
    }

    /**
     * Counts one more text a head reads with the encoder; false (and a cut) when {@code max_texts} are spent or no
     * pass or token is left, so the head skips it.
     */
    public boolean beginText() {
        if (texts >= limits.maxTexts() || passesLeft() == 0 || tokensLeft() <= 0) {
            cut("more texts than the ML budget reads");
            return false;
        }
        texts++;
        return true;
    }

    /** Tokens of the current text a head may read: {@code max_text_tokens}, or fewer near the request's limit. */
    public int textTokens() {
        return (int) Math.min(limits.maxTextTokens(), Math.max(0, tokensLeft()));
    }

    /** Encoder passes the guards may still run. */
    public int passesLeft() {
        return Math.max(0, limits.maxPasses() - passes);
    }

    private long tokensLeft() {
        return (long) limits.maxRequestTokens() - tokens;
    }

    /** Records passes a head ran and the tokens they encoded (special tokens included). */
    public void charge(int passCount, int tokenCount) {
        passes += passCount;
        tokens += tokenCount;
    }

    /** Characters the structured PII recognizers may still read in this request. */
    public int patternCharsLeft() {
        return (int) Math.max(0, limits.maxPatternChars() - patternChars);
    }

    /** Records characters the structured PII recognizers read. */
    public void chargePatternChars(int chars) {
        patternChars += chars;
    }

    /**
     * A head read only part of a text (or skipped it) for {@code why}. In {@code flag} mode this is remembered for the
     * response headers; in {@code refuse} mode it throws a 413 {@link ApiException}.
     */
    public void cut(String why) {
        cuts++;
        partialGuards.add(guard);
        if (limits.onExceeded() == MlBudget.OnExceeded.REFUSE) {
            throw new ApiException(413, "invalid_request_error", "ml_budget_exceeded", "messages",
                    "The request is larger than the guards' ML budget (" + why + "); send less text, or ask the "
                            + "operator to raise guards.ml_budget.");
        }
    }

    /** Cuts reported so far: a head compares before and after a text to know whether it read all of it. */
    public int cuts() {
        return cuts;
    }

    /** What the request spent, and which guards read only part of it. */
    public Report report() {
        return new Report(!partialGuards.isEmpty(), Collections.unmodifiableSortedSet(new TreeSet<>(partialGuards)),
                texts, passes, tokens, patternChars);
    }

    /**
     * @param exceeded      a guard read only part of the request
     * @param partialGuards the guards that did (e.g. jailbreak, pii), for {@code x-vsr-ml-budget-partial}
     * @param texts         texts read with the encoder
     * @param passes        encoder passes run by the guards
     * @param tokens        tokens those passes encoded
     * @param patternChars  characters the structured PII recognizers read
     */
    public record Report(boolean exceeded, Set<String> partialGuards, int texts, int passes, long tokens,
                         long patternChars) {}
}
