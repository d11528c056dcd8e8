package dev.switchboard.core.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.config.GuardSettings.MlBudget;
import dev.switchboard.core.request.ApiException;
import org.junit.jupiter.api.Test;

class ScanBudgetTest {

    private static final MlBudget SMALL = new MlBudget(100, 250, 3, 2, MlBudget.OnExceeded.FLAG);

    @Test
    void textsPassesAndTokensRunOutAndTheCutNamesTheGuard() {
        ScanBudget budget = new ScanBudget(SMALL);
        assertThat(budget.during("jailbreak", budget::beginText)).isTrue();
        budget.charge(2, 200);
        assertThat(budget.textTokens()).as("only 50 of the request's tokens are left").isEqualTo(50);
        assertThat(budget.passesLeft()).isEqualTo(1);
        assertThat(budget.report().exceeded()).isFalse();
        assertThat(budget.during("pii", budget::beginText)).isTrue();
        assertThat(budget.during("pii", budget::beginText)).as("max_texts is 2").isFalse();

        ScanBudget.Report report = budget.report();
        assertThat(report.exceeded()).isTrue();
        assertThat(report.partialGuards()).containsExactly("pii");
        assertThat(report.passes()).isEqualTo(2);
        assertThat(report.tokens()).isEqualTo(200);
    }

    @Test
    void refuseModeEndsTheRequestWith413() {
        ScanBudget budget = new ScanBudget(new MlBudget(100, 250, 3, 2, MlBudget.OnExceeded.REFUSE));
        assertThatThrownBy(() -> budget.cut("a text longer than max_text_tokens"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.code()).isEqualTo("ml_budget_exceeded");
                    assertThat(e.getMessage()).contains("max_text_tokens");
                });
    }
}
