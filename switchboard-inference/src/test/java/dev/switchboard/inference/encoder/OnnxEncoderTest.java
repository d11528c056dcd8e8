package dev.switchboard.inference.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.inference.SharedEncoder;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Uses the real bundled model. */
@Tag("model")
class OnnxEncoderTest {

    private final OnnxEncoder encoder = SharedEncoder.get();

    @Test
    void loadsTheBundledDefaultModelFromTheClasspath() {
        assertThat(encoder.modelId()).isEqualTo(BundledModel.DEFAULT.id());
        assertThat(encoder.dimension()).isEqualTo(384);
    }

    @Test
    void embeddingsAreNormalizedAndAlignedWithTokens() {
        Encoding encoding = encoder.encode("How do I bake sourdough bread?");
        assertThat(norm(encoding.embedding())).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(encoding.tokenStates().length).isEqualTo(encoding.offsets().length);
        assertThat(encoding.tokenStates()[0]).hasSize(encoder.dimension());
        assertThat(encoding.truncated()).isFalse();
    }

    @Test
    void similarSentencesAreCloserThanUnrelatedOnes() {
        float[] bread = encoder.encode("How do I bake bread at home?").embedding();
        float[] sourdough = encoder.encode("What's a good recipe for a sourdough loaf?").embedding();
        float[] fourier = encoder.encode("Explain the Fourier transform of a square wave").embedding();
        assertThat(Encoding.cosine(bread, sourdough)).isGreaterThan(Encoding.cosine(bread, fourier) + 0.1f);
    }

    @Test
    void offsetsAreUtf16SpansOfTheOriginalText() {
        String text = "héllo 😀 world";
        Encoding encoding = encoder.encode(text);
        int[] last = encoding.offsets()[encoding.offsets().length - 2];
        assertThat(text.substring(last[0], last[1])).isEqualTo("world");
        assertThat(encoding.offsets()[0]).containsExactly(0, 0);
    }

    @Test
    void emptyNullAndGarbageTextDoNotCrash() {
        String garbage = new String(new char[] {'\uD800', 0, '\uFFFF', 'a', '\uDC00', 7, '\u202E'});
        for (String text : new String[] {"", null, "   ", garbage, "\0\0\0"}) {
            Encoding encoding = encoder.encode(text);
            assertThat(encoding.embedding()).hasSize(encoder.dimension());
            assertThat(encoding.tokenStates()).isNotEmpty();
        }
    }

    @Test
    void longTextIsTruncatedForThePooledEmbeddingAndFullyCoveredByWindows() {
        String text = "the quick brown fox jumps over the lazy dog ".repeat(80);
        Encoding encoding = encoder.encode(text);
        assertThat(encoding.truncated()).isTrue();
        assertThat(encoding.offsets().length).isEqualTo(encoder.settings().maxTokens());
        List<Encoding> windows = encoder.encodeWindows(text, 128, 64);
        int[] lastToken = windows.get(windows.size() - 1).offsets()[windows.get(windows.size() - 1).offsets().length - 2];
        assertThat(lastToken[1]).isEqualTo(text.stripTrailing().length());
        assertThat(windows).allSatisfy(w -> assertThat(w.offsets().length).isLessThanOrEqualTo(128));
    }

    @Test
    void aHugeTextIsCutByCharactersBeforeTokenizingAndEncodesLikeItsOpening() {
        String opening = "the quick brown fox jumps over the lazy dog ".repeat(80);
        String huge = opening + "x".repeat(4 * 1024 * 1024);
        Encoding encoding = encoder.encode(huge);
        assertThat(encoding.truncated()).isTrue();
        assertThat(encoding.offsets()).isDeepEqualTo(encoder.encode(opening).offsets());
        assertThat(encoding.embedding()).containsExactly(encoder.encode(opening).embedding(),
                org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void windowsStopAtTheLimitAndSaySoOnTheLastOne() {
        String text = "the quick brown fox jumps over the lazy dog ".repeat(80);
        List<Encoding> all = encoder.encodeWindows(text, 128, 64);
        List<Encoding> two = encoder.encodeWindows(text, 128, 64, 2);
        assertThat(all.size()).isGreaterThan(2);
        assertThat(all.get(all.size() - 1).truncated()).isFalse();
        assertThat(two).hasSize(2);
        assertThat(two.get(1).truncated()).isTrue();
        assertThat(two.get(1).offsets()).isDeepEqualTo(all.get(1).offsets());
    }

    @Test
    void anExcerptKeepsTheHeadAndTailTokensOfALongText() {
        String text = "alpha ".repeat(1000) + "omega ".repeat(1000);
        TextExcerpt excerpt = TextExcerpt.of(encoder, text, 100);
        assertThat(excerpt.cut()).isTrue();
        assertThat(excerpt.parts()).hasSize(2);
        assertThat(encoder.countTokens(excerpt.parts().get(0).text())).isEqualTo(50);
        assertThat(excerpt.parts().get(0).text()).startsWith("alpha").doesNotContain("omega");
        TextExcerpt.Part tail = excerpt.parts().get(1);
        assertThat(encoder.countTokens(tail.text())).isEqualTo(50);
        assertThat(text.substring(tail.offset())).isEqualTo(tail.text());
        assertThat(tail.text()).startsWith("omega");
        assertThat(TextExcerpt.of(encoder, "alpha omega", 100).cut()).isFalse();
    }

    @Test
    void concurrentCallersGetTheSameResultAsSequentialOnes() throws Exception {
        String text = "Is it legal to record a phone call without consent?";
        float[] expected = encoder.encode(text).embedding();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> encoder.encode(text).embedding()));
            }
            for (Future<float[]> result : results) {
                assertThat(result.get()).containsExactly(expected, org.assertj.core.data.Offset.offset(1e-5f));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static double norm(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }
}
