package dev.switchboard.core.config.yaml;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small parsing and hinting helpers behind the loader's messages. */
class SuggestionsTest {

    private static final List<String> KEYS = List.of("name", "priority", "rules", "model_refs", "plugins");

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(Suggestions.editDistance("priorty", "priority")).isEqualTo(1);
        assertThat(Suggestions.editDistance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.editDistance("", "abc")).isEqualTo(3);
        assertThat(Suggestions.editDistance("qwne", "qwen")).as("a transposition is one edit").isEqualTo(1);
    }

    @Test
    void suggestsOnlyPlausibleMatches() {
        assertThat(Suggestions.closest("priorty", KEYS)).contains("priority");
        assertThat(Suggestions.closest("modelRefs", KEYS)).contains("model_refs");
        assertThat(Suggestions.closest("colour", KEYS)).isEmpty();
    }

    @Test
    void hintListsKnownValuesSorted() {
        assertThat(Suggestions.hint("colour", KEYS, "keys"))
                .isEqualTo("known keys: model_refs, name, plugins, priority, rules");
        assertThat(Suggestions.hint("x", List.of(), "models")).isEqualTo("no models are defined");
    }

    @Test
    void durationsAcceptEveryDocumentedUnit() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("3s")).isEqualTo(Duration.ofSeconds(3));
        assertThat(Durations.parse("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Durations.parse("2H")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse(" 10 s ")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void durationsRejectOtherSyntax() {
        for (String bad : List.of("1.5s", "-1s", "3 seconds", "s", "10", "1d")) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
