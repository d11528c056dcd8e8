package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.encode.TextEncoder;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation's on-disk embedding cache: a second run reads what the first encoded. */
class VectorCacheTest {

    /** Encodes a text as its length and its first character; counts calls. */
    static final class CountingEncoder implements TextEncoder {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Encoding encode(String text) {
            calls.incrementAndGet();
            return new Encoding(new float[] {text.length(), text.charAt(0)}, new float[0][], new int[0][], false);
        }

        @Override
        public String modelId() {
            return "counting/v1";
        }

        @Override
        public int dimension() {
            return 2;
        }
    }

    @Test
    void aSecondRunReadsTheVectorsTheFirstEncoded(@TempDir Path dir) {
        CountingEncoder encoder = new CountingEncoder();
        VectorCache first = new VectorCache(encoder, dir);
        float[] hello = first.of("hello");
        first.of("hello");
        first.of("bye, with ünïcödé");
        first.save();
        assertThat(encoder.calls).hasValue(2);

        VectorCache second = new VectorCache(encoder, dir);
        assertThat(second.size()).isEqualTo(2);
        assertThat(second.of("hello")).containsExactly(hello);
        assertThat(second.of("bye, with ünïcödé")).containsExactly(17, 'b');
        assertThat(second.tokens("hello")).containsExactly(hello); // no token states: the token mean is the embedding
        assertThat(encoder.calls).hasValue(2); // nothing encoded again
        assertThat(dir.resolve("counting_v1.pooled.vec")).exists(); // one file per model, named safely
    }
}
