package dev.switchboard.core.plugin.jailbreak;

import dev.switchboard.core.config.GuardSettings;
import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.encode.TextEncoder;
import dev.switchboard.core.guard.ScanBudget;
import dev.switchboard.core.request.ChatRequest;
import dev.switchboard.core.request.ScannedTexts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which texts of a request the jailbreak guard scores, in which order, under the request's {@link ScanBudget}.
 *
 * <p>The latest user message is scored on the shared encoder pass. With {@code scan: user_and_tool} also, in this
 * order: every tool definition (its name, description and parameter descriptions as one text: an instruction hidden
 * in a tool description reaches the model as trusted text), then earlier user turns, tool results and assistant
 * tool-call arguments, newest first, up to the guard's {@code scan_limit}. Each of those is encoded on its own pass,
 * charged to the budget. The first text that reaches the threshold decides (the rest need not be scored), else the
 * highest score.
 */
public final class JailbreakScan {

    /** Roles whose content the guard scans beyond the latest user message: earlier turns, tool results. */
    private static final Set<String> SCANNED_ROLES = Set.of("user", "tool", "function");

    private final JailbreakScorer scorer;
    private final TextEncoder encoder;

    /** @param encoder encodes texts other than the latest user message; null when the scorer needs none */
    public JailbreakScan(JailbreakScorer scorer, TextEncoder encoder) {
        this.scorer = scorer;
        this.encoder = encoder;
    }

    /** A text to score and where it sits. */
    private record Candidate(int messageIndex, String source, String text) {}

    /** The verdict under {@code guard} (null: the guard is off, and null is returned). */
    public JailbreakVerdict judge(ChatRequest request, Supplier<Encoding> shared, GuardSettings.JailbreakGuard guard,
                                  ScanBudget budget) {
        if (guard == null) {
            return null;
        }
        return budget.during("jailbreak", () -> {
            JailbreakVerdict worst = request.userText().isBlank() || !budget.beginText() ? null
                    : new JailbreakVerdict(scorer.score(request.userText(), shared, budget), request.userIndex(),
                            guard);
            return guard.scan() == GuardSettings.JailbreakGuard.Scan.LATEST ? worst
                    : worstOf(candidates(request, guard), request.userText(), guard, budget, worst);
        });
    }

    private JailbreakVerdict worstOf(List<Candidate> candidates, String latest, GuardSettings.JailbreakGuard guard,
                                     ScanBudget budget, JailbreakVerdict worst) {
        Set<String> scored = new HashSet<>(Set.of(latest));
        for (Candidate candidate : candidates) {
            if (worst != null && worst.flagged()) {
                break;
            }
            if (scored.add(candidate.text())) { // a repeated text scores the same
                if (!budget.beginText()) {
                    break;
                }
                double score = scorer.score(candidate.text(), new ChargedPass(candidate.text(), budget), budget);
                if (worst == null || score > worst.score()) {
                    worst = new JailbreakVerdict(score, candidate.messageIndex(), guard, candidate.source());
                }
            }
        }
        return worst;
    }

    /** Tool definitions, then earlier messages and tool-call arguments newest first (at most scan_limit of those). */
    private static List<Candidate> candidates(ChatRequest request, GuardSettings.JailbreakGuard guard) {
        List<ScannedTexts.ScannedText> texts = ScannedTexts.of(request.body()).all();
        Map<Integer, StringBuilder> tools = new LinkedHashMap<>();
        texts.stream().filter(t -> t.source() == ScannedTexts.Source.TOOL_DEFINITION).forEach(t -> tools
                .computeIfAbsent(t.index(), i -> new StringBuilder()).append(t.text()).append('\n'));
        List<Candidate> out = new ArrayList<>();
        tools.forEach((index, text) -> out.add(new Candidate(-1, "/tools/" + index + "/function", text.toString())));
        List<Candidate> earlier = new ArrayList<>();
        request.textsNewestFirst(SCANNED_ROLES).stream().filter(m -> m.index() != request.userIndex())
                .forEach(m -> earlier.add(new Candidate(m.index(), "/messages/" + m.index(), m.text())));
        texts.stream().filter(t -> t.source() == ScannedTexts.Source.TOOL_CALL_ARGUMENTS)
                .map(t -> new Candidate(t.index(), t.path().toString(), ToolArguments.prose(t.text())))
                .filter(c -> !c.text().isBlank()).forEach(earlier::add);
        earlier.sort(java.util.Comparator.comparingInt(c -> -c.messageIndex())); // stable: contents before arguments
        out.addAll(earlier.stream().limit(guard.scanLimit()).toList());
        return out;
    }

    /** An encoder pass over a text other than the latest user message, run on first use and charged to the budget. */
    private final class ChargedPass implements Supplier<Encoding> {
        private final String text;
        private final ScanBudget budget;
        private Encoding result;

        ChargedPass(String text, ScanBudget budget) {
            this.text = text;
            this.budget = budget;
        }

        @Override
        public Encoding get() {
            if (result == null) {
                if (encoder == null) {
                    throw new IllegalStateException("the jailbreak guard needs an encoder but none was provided");
                }
                result = encoder.encode(text);
                budget.charge(1, result.tokenStates().length);
            }
            return result;
        }
    }
}
