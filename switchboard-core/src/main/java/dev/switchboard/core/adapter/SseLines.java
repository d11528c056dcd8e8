package dev.switchboard.core.adapter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Splits a relayed SSE byte stream into lines, however the chunks cut them, for the taps that read it. */
public final class SseLines {

    /** A line longer than this is not an SSE event we need to read; it is skipped, not buffered without end. */
    private static final int MAX_LINE = 1 << 20;

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final Consumer<String> sink;
    private boolean overlong;

    public SseLines(Consumer<String> sink) {
        this.sink = sink;
    }

    public void feed(byte[] bytes) {
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                append(bytes, start, i);
                if (!overlong) {
                    sink.accept(line.toString(StandardCharsets.UTF_8));
                }
                line.reset();
                overlong = false;
                start = i + 1;
            }
        }
        append(bytes, start, bytes.length);
    }

    private void append(byte[] bytes, int from, int to) {
        int room = MAX_LINE - line.size();
        if (to - from > room) {
            overlong = true;
        }
        line.write(bytes, from, Math.min(to - from, Math.max(room, 0)));
    }
}
