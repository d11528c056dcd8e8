package dev.switchboard.cli;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.inference.encoder.ForwardingWindowEncoder;
import dev.switchboard.inference.encoder.WindowEncoder;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real encoder, counting what it is asked to do: encoder passes, tokens encoded, and the longest text handed to
 * it to be tokenized whole (windows, token spans): a multi-megabyte message must never be.
 */
final class CountingEncoder extends ForwardingWindowEncoder {

    final AtomicInteger passes = new AtomicInteger();
    final AtomicLong tokens = new AtomicLong();
    final AtomicInteger longestText = new AtomicInteger();

    CountingEncoder(WindowEncoder real) {
        super(real);
    }

    void reset() {
        passes.set(0);
        tokens.set(0);
        longestText.set(0);
    }

    private void saw(String text) {
        longestText.accumulateAndGet(text == null ? 0 : text.length(), Math::max);
    }

    private void counted(Encoding encoding) {
        passes.incrementAndGet();
        tokens.addAndGet(encoding.tokenStates().length);
    }

    @Override
    public Encoding encode(String text) {
        Encoding encoding = super.encode(text);
        counted(encoding); // encode cuts a long text by characters before it tokenizes (OnnxEncoderTest)
        return encoding;
    }

    @Override
    public List<Encoding> encodeWindows(String text, int windowTokens, int stride, int maxWindows) {
        saw(text);
        List<Encoding> windows = super.encodeWindows(text, windowTokens, stride, maxWindows);
        windows.forEach(this::counted);
        return windows;
    }

    @Override
    public int[][] tokenSpans(String text) {
        saw(text);
        return super.tokenSpans(text);
    }
}
