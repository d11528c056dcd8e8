package dev.switchboard.inference.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.inference.SharedEncoder;
import dev.switchboard.inference.encoder.ForwardingWindowEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remembered encoder results are the encoder's own, survive a restart, and a torn file tail is not fatal. */
@Tag("model")
class CachingWindowEncoderTest {

    private static final String LONG = "Maria flew from Lisbon to Berlin on Monday with her brother Tom and his dog";

    @TempDir
    Path dir;

    /** The real encoder, counting its calls that encode. */
    private static final class Counting extends ForwardingWindowEncoder {
        final AtomicInteger passes = new AtomicInteger();

        Counting() {
            super(SharedEncoder.get());
        }

        @Override
        public Encoding encode(String text) {
            passes.incrementAndGet();
            return super.encode(text);
        }

        @Override
        public List<Encoding> encodeWindows(String text, int windowTokens, int stride, int maxWindows) {
            passes.incrementAndGet();
            return super.encodeWindows(text, windowTokens, stride, maxWindows);
        }
    }

    @Test
    void aSecondRunReadsTheSameResultsWithoutEncoding() {
        Counting first = new Counting();
        CachingWindowEncoder cache = new CachingWindowEncoder(first, dir);
        Encoding direct = cache.encode("Maria flew to Lisbon");
        List<Encoding> windows = cache.encodeWindows(LONG, 8, 3, 2);
        cache.encode("Maria flew to Lisbon");
        assertThat(first.passes).hasValue(2);
        cache.save();

        Counting second = new Counting();
        CachingWindowEncoder restarted = new CachingWindowEncoder(second, dir);
        Encoding again = restarted.encode("Maria flew to Lisbon");
        List<Encoding> windowsAgain = restarted.encodeWindows(LONG, 8, 3, 2);
        assertThat(second.passes).hasValue(0);
        assertThat(again.tokenStates()).isDeepEqualTo(direct.tokenStates());
        assertThat(again.offsets()).isDeepEqualTo(direct.offsets());
        assertThat(again.embedding()).isEqualTo(direct.embedding());
        assertThat(windowsAgain).hasSameSizeAs(windows).hasSizeGreaterThan(1);
        assertThat(windowsAgain.get(1).tokenStates()).isDeepEqualTo(windows.get(1).tokenStates());
        assertThat(windowsAgain.get(1).truncated()).isTrue();
        assertThat(restarted.encodeWindows(LONG, 8, 2, 2)).isNotEmpty(); // other windows: a miss
        assertThat(second.passes).hasValue(1);
    }

    @Test
    void aFileCutShortByAKilledRunKeepsItsCompleteEntries() throws IOException {
        CachingWindowEncoder cache = new CachingWindowEncoder(new Counting(), dir);
        cache.encode("first text");
        cache.save();
        cache.encode("second text");
        cache.save();
        Path file;
        try (var files = Files.list(dir)) {
            file = files.findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 100));

        Counting counting = new Counting();
        CachingWindowEncoder restarted = new CachingWindowEncoder(counting, dir);
        restarted.encode("first text");
        restarted.encode("second text");
        assertThat(counting.passes).hasValue(1); // the first entry survived, the torn second one is encoded again
    }
}
