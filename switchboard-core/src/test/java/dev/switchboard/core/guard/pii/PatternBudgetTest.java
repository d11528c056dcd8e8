package dev.switchboard.core.guard.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.config.GuardSettings.MlBudget;
import dev.switchboard.core.config.yaml.ConfigLoader;
import dev.switchboard.core.guard.ScanBudget;
import dev.switchboard.core.pipeline.RouterPipeline;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.request.ApiException;
import dev.switchboard.core.request.ChatRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The structured recognizers under {@code guards.ml_budget.max_pattern_chars}: a hostile 4 MiB text is read only
 * as far as the budget allows (head and tail), what is found there keeps its offsets in the whole text, the cut is
 * reported (flag) or refused (413), and the budget is shared by every text of a request.
 */
class PatternBudgetTest {

    private static final int FOUR_MIB = 4 * 1024 * 1024;
    private static final String HEAD = "write to jane.doe@example.com today ";
    private static final String TAIL = " or call bob.roe@example.org tonight";
    private static final StructuredPiiDetector DETECTOR = StructuredPiiDetector.create();

    @ParameterizedTest
    @ValueSource(strings = {"1.", "12 ", "+1 2", "DE00 0000 ", "a@b.co"})
    void aHostileFourMibTextIsReadOnlyAsFarAsTheBudgetAllows(String unit) {
        String text = HEAD + unit.repeat(FOUR_MIB / unit.length()) + TAIL;
        ScanBudget budget = new ScanBudget(MlBudget.DEFAULTS);

        List<PiiSpan> spans = budget.during("pii", () -> DETECTOR.find(text, budget));

        assertThat(budget.report().patternChars()).isPositive()
                .isLessThanOrEqualTo(MlBudget.DEFAULT_PATTERN_CHARS);
        assertThat(budget.report().partialGuards()).containsExactly("pii");
        assertThat(spans).extracting(PiiSpan::value).contains("jane.doe@example.com", "bob.roe@example.org");
        assertThat(spans).allSatisfy(s -> assertThat(text.substring(s.start(), s.end())).isEqualTo(s.value()));
    }

    @Test
    void aTextThatFitsIsReadWholeAndChargedItsLength() {
        ScanBudget budget = new ScanBudget(MlBudget.DEFAULTS);
        String text = HEAD + TAIL;
        assertThat(DETECTOR.find(text, budget)).hasSize(2);
        assertThat(budget.report().patternChars()).isEqualTo(text.length());
        assertThat(budget.report().exceeded()).isFalse();
    }

    @Test
    void theBudgetIsSharedByTheTextsOfARequest() {
        ScanBudget budget = new ScanBudget(budget(2048, MlBudget.OnExceeded.FLAG));
        assertThat(DETECTOR.find("mail jane.doe@example.com " + "x".repeat(2048 - 26), budget)).hasSize(1);
        assertThat(budget.report().exceeded()).isFalse();
        assertThat(DETECTOR.find("mail bob.roe@example.org", budget)).as("nothing is left for the next text").isEmpty();
        assertThat(budget.report().patternChars()).isEqualTo(2048);
        assertThat(budget.report().exceeded()).isTrue();
    }

    @Test
    void inRefuseModeALongTextIsRefusedBeforeItIsRead() {
        ScanBudget budget = new ScanBudget(budget(4096, MlBudget.OnExceeded.REFUSE));
        assertThatThrownBy(() -> DETECTOR.find("z ".repeat(4096), budget)).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(413));
        assertThat(budget.report().patternChars()).isZero();
    }

    @Test
    void thePiiGuardOfThePipelineReadsAFourMibMessageWithinTheBudget() {
        RouterPipeline pipeline = new RouterPipeline(ConfigLoader.parse("""
                routing: {default_model: open}
                models: [{name: open, type: echo}]
                guards:
                  pii: {action: redact, entities: false}
                  ml_budget: {max_pattern_chars: 65536}
                """, "budget.yaml"));
        String text = HEAD + "12 ".repeat(FOUR_MIB / 3) + TAIL;
        RoutePlan plan = pipeline.plan(ChatRequest.parse(("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"" + text + "\"}]}").getBytes(StandardCharsets.UTF_8)));
        assertThat(plan.mlBudget().patternChars()).isPositive().isLessThanOrEqualTo(65536);
        assertThat(plan.mlBudget().partialGuards()).contains("pii");
        assertThat(plan.pii().findings().types()).contains("EMAIL_ADDRESS");
    }

    private static MlBudget budget(int patternChars, MlBudget.OnExceeded onExceeded) {
        MlBudget d = MlBudget.DEFAULTS;
        return new MlBudget(d.maxTextTokens(), d.maxRequestTokens(), d.maxPasses(), d.maxTexts(), onExceeded,
                patternChars);
    }
}
