package dev.switchboard.server.proxy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Splits a relayed SSE byte stream into lines, however the chunks cut them, for the taps that read it. */
final class SseLines {

    /** A line longer than this is not an SSE event we need to read; it is skipped, not buffered without end. */
    private static final int MAX_LINE = 1 << 20;

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final Consumer<String> sink;
    private boolean overlong;

    SseLines(Consumer<String> sink) {
        this.sink = sink;
    }

    void feed(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '\n') {
                if (!overlong) {
                    sink.accept(line.toString(StandardCharsets.UTF_8));
                }
                line.reset();
                overlong = false;
            } else if (line.size() < MAX_LINE) {
                line.write(b);
            } else {
                overlong = true;
            }
        }
    }
}
