package dev.switchboard.core.recording;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JSONL file written by one background thread, rotated by size: when the next line would take the file past
 * {@code maxFileBytes}, {@code FILE} becomes {@code FILE.1}, {@code FILE.1} becomes {@code FILE.2}, and so on, the
 * oldest beyond {@code maxFiles} deleted. Callers hand over a line <em>producer</em>, so the work of building a line
 * (masking a prompt, printing an embedding) happens off the request path too. When the queue is full the line is
 * dropped and counted: a slow disk never slows requests.
 */
public final class RecordSink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RecordSink.class);
    private static final int QUEUE = 10_000;
    private static final Supplier<String> STOP = () -> null;

    private final Path path;
    private final long maxFileBytes;
    private final int maxFiles;
    private final BlockingQueue<Supplier<String>> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private BufferedWriter out;
    private long size;

    public RecordSink(Path path, long maxFileBytes, int maxFiles) {
        this.path = path;
        this.maxFileBytes = maxFileBytes;
        this.maxFiles = maxFiles;
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open decision records file " + path, e);
        }
        this.writer = new Thread(this::run, "decision-records");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues a line (built later, on the writer thread; null skips it); false when the queue was full. */
    public boolean offer(Supplier<String> line) {
        boolean queued = queue.offer(line);
        if (!queued) {
            dropped.incrementAndGet();
        }
        return queued;
    }

    /** Lines dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Completes once every line queued before this call is written and flushed. */
    public CompletableFuture<Void> flushed() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            queue.put(new Flush(done));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(e);
        }
        return done;
    }

    private void run() {
        try {
            for (Supplier<String> next = queue.take(); next != STOP; next = queue.take()) {
                write(next);
                if (queue.isEmpty()) {
                    out.flush();
                }
            }
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.error("Decision records stopped: cannot write {}: {}", path, e.toString());
        }
    }

    /** A marker: flush, then say so. */
    private record Flush(CompletableFuture<Void> done) implements Supplier<String> {
        @Override
        public String get() {
            return null;
        }
    }

    private void write(Supplier<String> next) throws IOException {
        if (next instanceof Flush flush) {
            out.flush();
            flush.done().complete(null);
            return;
        }
        String line;
        try {
            line = next.get();
        } catch (RuntimeException e) {
            log.warn("A decision record could not be built: {}", e.toString());
            return;
        }
        if (line == null) {
            return;
        }
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (size > 0 && size + bytes.length > maxFileBytes) {
            rotate();
        }
        out.write(line);
        out.newLine();
        size += bytes.length;
    }

    private void rotate() throws IOException {
        out.close();
        Files.deleteIfExists(rotated(maxFiles));
        for (int i = maxFiles - 1; i >= 1; i--) {
            if (Files.exists(rotated(i))) {
                Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (maxFiles > 0) {
            Files.move(path, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.delete(path);
        }
        open();
    }

    private Path rotated(int n) {
        return path.resolveSibling(path.getFileName() + "." + n);
    }

    private void open() throws IOException {
        out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        size = Files.size(path);
    }

    /** Writes what is queued, then stops the writer. */
    @Override
    public void close() {
        try {
            queue.put(STOP);
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
