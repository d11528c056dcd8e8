package dev.switchboard.inference.ner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.guard.pii.PiiSpan;
import dev.switchboard.core.guard.pii.PiiType;
import dev.switchboard.inference.SharedEncoder;
import dev.switchboard.inference.head.IncompatibleHeadException;
import dev.switchboard.inference.head.SoftmaxHead;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped entity head on the real bundled encoder. */
@Tag("model")
class EntityTaggerTest {

    private final EntityTagger tagger = EntityTagger.loadDefault(SharedEncoder.get());

    private static Map<String, PiiType> byValue(List<PiiSpan> spans) {
        return spans.stream().collect(Collectors.toMap(PiiSpan::value, PiiSpan::type, (a, b) -> a));
    }

    @Test
    void findsPeoplePlacesOrganisationsAndAddressesWithOffsets() {
        String text = "Hi, I'm Maria Gonzalez from Acme Corp. Please send the forms to 12 Baker Street. "
                + "Tell Sarah I'll be in Berlin on Monday.";
        List<PiiSpan> spans = tagger.find(text);
        assertThat(byValue(spans)).containsEntry("Maria Gonzalez", PiiType.PERSON)
                .containsEntry("Acme Corp", PiiType.ORGANIZATION).containsEntry("Sarah", PiiType.PERSON)
                .containsEntry("Berlin", PiiType.LOCATION);
        assertThat(byValue(spans).keySet()).anyMatch(v -> v.startsWith("12 Baker Street"));
        for (PiiSpan span : spans) {
            assertThat(text.substring(span.start(), span.end())).isEqualTo(span.value());
            assertThat(span.confidence()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void readsNamesTypedInLowerCase() {
        assertThat(byValue(tagger.find("please send the contract to peter müller at siemens")))
                .containsEntry("peter müller", PiiType.PERSON);
        assertThat(byValue(tagger.find("can you help me write an email to my boss john about the deadline")))
                .containsEntry("john", PiiType.PERSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Explain how transformers work in NLP.",
        "Write a Python function to parse JSON from an HTTP response.",
        "How do I center a div in CSS?",
        "What is the difference between TCP and UDP?",
    })
    void leavesEverydayRequestsAlone(String text) {
        assertThat(tagger.find(text)).isEmpty();
    }

    @Test
    void aNameAtTheEndOfALongTextIsFoundThroughWindows() {
        String filler = "The quarterly report covers revenue, staffing and shipping costs in detail. ".repeat(40);
        String text = filler + "Please forward it to Maria Gonzalez.";
        assertThat(tagger.encoder().countTokens(text)).isGreaterThan(tagger.encoder().settings().maxTokens());
        assertThat(byValue(tagger.find(text))).containsEntry("Maria Gonzalez", PiiType.PERSON);
    }

    @Test
    void possessiveIsNotPartOfTheName() {
        assertThat(byValue(tagger.find("I borrowed Sarah's car yesterday."))).containsEntry("Sarah", PiiType.PERSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n\n", "!!! ??? ...", "\u0000\u0001\uFFFF", "\uD800 broken surrogate",
        "😀😀 Maria 😀 from Berlin 🎉", "'s", "Mr."})
    void oddInputNeverBreaksTheTagger(String text) {
        for (PiiSpan span : tagger.find(text)) {
            assertThat(text.substring(span.start(), span.end())).isEqualTo(span.value());
        }
    }

    @Test
    void aVeryLongTextIsReadWithoutError() {
        String text = "Maria Gonzalez met Peter Novak in Berlin. ".repeat(1500);
        List<PiiSpan> spans = tagger.find(text);
        assertThat(spans).isNotEmpty();
        assertThat(spans.get(spans.size() - 1).end()).isGreaterThan(text.length() - 60);
    }

    @Test
    void refusesAHeadThatIsNotAnEntityHead() {
        SoftmaxHead head = tagger.head();
        SoftmaxHead twoLabels = new SoftmaxHead(head.modelId(), head.dimension(), head.lexicalBuckets(),
                List.of("a", "b"), null, null, new float[2][head.inputWidth()], new float[2]);
        assertThatThrownBy(() -> new EntityTagger(SharedEncoder.get(), twoLabels))
                .isInstanceOf(IncompatibleHeadException.class).hasMessageContaining("not an entity head");
    }
}
