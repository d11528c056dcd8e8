package dev.switchboard.inference.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.guard.pii.PiiSpan;
import dev.switchboard.inference.encoder.OnnxEncoder;
import dev.switchboard.inference.ner.EntityTagger;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The entity head as the PII guard's recognizer, with the real encoder and the shipped head. */
class EntityHeadTest {

    private static final OnnxEncoder encoder = OnnxEncoder.loadDefault();
    private final EntityHead head = new EntityHead(EntityTagger.loadDefault(encoder));

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void aRepeatedTextGetsTheSameFindings() {
        String text = "You are assisting Maria Gonzalez, an account manager at Acme Corp in Denver.";
        List<PiiSpan> first = head.find(text);
        assertThat(first).extracting(PiiSpan::value).contains("Maria Gonzalez");
        assertThat(head.find(text)).isEqualTo(first);
        assertThat(head.find(new String(text.toCharArray()))).isEqualTo(first);
    }

    @Test
    void theLatestMessageIsReadFromTheSharedPass() {
        String text = "Please forward the invoice to Peter Novak.";
        AtomicInteger passes = new AtomicInteger();
        List<PiiSpan> spans = head.find(text, () -> {
            passes.incrementAndGet();
            return encoder.encode(text);
        });
        assertThat(passes).hasValue(1);
        assertThat(spans).extracting(PiiSpan::value).contains("Peter Novak");
    }

    @Test
    void aTruncatedSharedPassFallsBackToWindows() {
        String text = "The quarterly report covers revenue and staffing in detail. ".repeat(60)
                + "Please send it to Peter Novak.";
        Encoding shared = encoder.encode(text);
        assertThat(shared.truncated()).isTrue();
        assertThat(head.find(text, () -> shared)).extracting(PiiSpan::value).contains("Peter Novak");
    }
}
