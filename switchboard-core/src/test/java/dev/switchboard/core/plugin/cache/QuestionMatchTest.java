package dev.switchboard.core.plugin.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuestionMatchTest {

    @Test
    void swappedUnitsAreDifferentQuestions() {
        assertThat(QuestionMatch.compatible("convert 5 km to miles", "convert 5 miles to km")).isFalse();
        assertThat(QuestionMatch.compatible("Is Paris bigger than London?", "Is London bigger than Paris?"))
                .isFalse();
    }

    @Test
    void differentNumbersAreDifferentQuestions() {
        assertThat(QuestionMatch.compatible("what is 12 times 13", "what is 12 times 14")).isFalse();
        assertThat(QuestionMatch.compatible("convert 5 km to miles", "convert 50 km to miles")).isFalse();
    }

    @Test
    void negationMustAgree() {
        assertThat(QuestionMatch.compatible("which foods are safe for dogs",
                "which foods are not safe for dogs")).isFalse();
    }

    @Test
    void paraphrasesPass() {
        assertThat(QuestionMatch.compatible("convert 5 km to miles", "how many miles is 5 km?")).isTrue();
        assertThat(QuestionMatch.compatible("What is the capital of France?",
                "what's the capital city of france")).isTrue();
        assertThat(QuestionMatch.compatible("convert 5 km to miles", "Convert 5 km to miles.")).isTrue();
    }
}
