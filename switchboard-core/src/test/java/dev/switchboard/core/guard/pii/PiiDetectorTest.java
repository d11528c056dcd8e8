package dev.switchboard.core.guard.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.encode.Encoding;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The structured recognizers and an entity recognizer together. The entity recognizer here marks every "Anna"
 * as a PERSON (the trained head is tested in switchboard-inference and end to end in switchboard-cli).
 */
class PiiDetectorTest {

    private static final class AnnaFinder implements PiiRecognizer {
        final AtomicInteger sharedUses = new AtomicInteger();

        @Override
        public List<PiiSpan> find(String text) {
            List<PiiSpan> spans = new ArrayList<>();
            for (int at = text.indexOf("Anna"); at >= 0; at = text.indexOf("Anna", at + 1)) {
                spans.add(PiiSpan.of(PiiType.PERSON, text, at, at + 4, 0.9));
            }
            return spans;
        }

        @Override
        public List<PiiSpan> find(String text, Supplier<Encoding> encoding) {
            encoding.get();
            sharedUses.incrementAndGet();
            return find(text);
        }
    }

    @Test
    void namesAndStructuredValuesAreFoundTogetherAndTheLongerSpanWins() {
        String text = "Ask Anna at Anna@example.com";
        List<PiiSpan> spans = PiiDetector.withEntities(new AnnaFinder()).find(text);
        assertThat(spans).extracting(PiiSpan::type).containsExactly(PiiType.PERSON, PiiType.EMAIL_ADDRESS);
        assertThat(spans.get(0).start()).isEqualTo(4);
        assertThat(spans.get(1).value()).isEqualTo("Anna@example.com");
    }

    @Test
    void theSharedEncoderPassIsHandedToTheEntityRecognizer() {
        AnnaFinder finder = new AnnaFinder();
        Encoding encoding = new Encoding(new float[] {1f}, new float[][] {{1f}}, new int[][] {{0, 0}}, false);
        List<PiiSpan> spans = PiiDetector.withEntities(finder).find("Anna called", () -> encoding);
        assertThat(spans).extracting(PiiSpan::value).containsExactly("Anna");
        assertThat(finder.sharedUses).hasValue(1);
    }
}
