package dev.switchboard.inference.train;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.inference.encoder.ForwardingWindowEncoder;
import dev.switchboard.inference.encoder.WindowEncoder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link WindowEncoder} for training and evaluation runs that remembers every result, in memory and optionally in
 * a file, so that training, a threshold sweep on validation and the test report pay for each text's encoder pass
 * once, and a rerun pays nothing. Results are stored as the encoder made them (float32), so a run from the file
 * gives the same numbers as a run without it. A speed-up only: delete the file whenever you like. Not for serving.
 */
public final class CachingWindowEncoder extends ForwardingWindowEncoder {

    private final Path file;
    private final Map<String, List<Encoding>> known = new ConcurrentHashMap<>();
    private final Map<String, List<Encoding>> fresh = new ConcurrentHashMap<>();

    /**
     * Reads every file an earlier run left in {@code directory} for this encoder; this one saves into a file of its
     * own ({@code <modelId>-<maxTokens>-<pid>-<time>.encodings}), so two runs at once never write into one file.
     *
     * @param directory where to keep the files, or null to remember in memory only
     */
    public CachingWindowEncoder(WindowEncoder delegate, Path directory) {
        super(delegate);
        String prefix = delegate.modelId() + "-" + delegate.settings().maxTokens() + "-";
        this.file = directory == null ? null : directory.resolve(prefix + ProcessHandle.current().pid() + "-"
                + System.currentTimeMillis() + ".encodings");
        if (directory != null && Files.isDirectory(directory)) {
            try (var files = Files.list(directory)) {
                files.filter(f -> f.getFileName().toString().startsWith(prefix)
                        && f.getFileName().toString().endsWith(".encodings")).sorted().forEach(f -> read(f, known));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list " + directory + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public Encoding encode(String text) {
        return remembered("encode\u0000" + text, () -> List.of(delegate().encode(text))).get(0);
    }

    @Override
    public List<Encoding> encodeWindows(String text, int windowTokens, int stride, int maxWindows) {
        String key = "windows " + windowTokens + " " + stride + " " + maxWindows + "\u0000" + text;
        return remembered(key, () -> delegate().encodeWindows(text, windowTokens, stride, maxWindows));
    }

    private List<Encoding> remembered(String key, java.util.function.Supplier<List<Encoding>> compute) {
        List<Encoding> hit = known.get(key);
        if (hit == null) {
            hit = compute.get(); // two threads may both compute a missing key: same result, no lock held meanwhile
            known.put(key, hit);
            fresh.put(key, hit);
        }
        return hit;
    }

    /** Appends what was encoded since the last save to the file (nothing when there is none). */
    public void save() {
        if (file == null || fresh.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1 << 16))) {
                for (String key : List.copyOf(fresh.keySet())) {
                    write(out, key, fresh.remove(key));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(DataOutputStream out, String key, List<Encoding> windows) throws IOException {
        byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
        out.writeInt(windows.size());
        for (Encoding window : windows) {
            out.writeBoolean(window.truncated());
            out.writeInt(window.tokenStates().length);
            out.write(floats(window.embedding()));
            for (int t = 0; t < window.tokenStates().length; t++) {
                out.writeInt(window.offsets()[t][0]);
                out.writeInt(window.offsets()[t][1]);
                out.write(floats(window.tokenStates()[t]));
            }
        }
    }

    private void read(Path file, Map<String, List<Encoding>> into) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            while (true) {
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException end) {
                    return;
                }
                String key = new String(exactly(in, length), StandardCharsets.UTF_8);
                into.put(key, readWindows(in));
            }
        } catch (EOFException truncatedTail) {
            // a run killed while saving leaves a partial last entry; everything before it is intact
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private List<Encoding> readWindows(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<Encoding> windows = new ArrayList<>(count);
        int dim = delegate().dimension();
        for (int w = 0; w < count; w++) {
            boolean truncated = in.readBoolean();
            int tokens = in.readInt();
            float[] embedding = floats(in, dim);
            int[][] offsets = new int[tokens][];
            float[][] states = new float[tokens][];
            for (int t = 0; t < tokens; t++) {
                offsets[t] = new int[] {in.readInt(), in.readInt()};
                states[t] = floats(in, dim);
            }
            windows.add(new Encoding(embedding, states, offsets, truncated));
        }
        return List.copyOf(windows);
    }

    private static byte[] floats(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    private static float[] floats(DataInputStream in, int count) throws IOException {
        float[] out = new float[count];
        ByteBuffer.wrap(exactly(in, 4 * count)).asFloatBuffer().get(out);
        return out;
    }

    private static byte[] exactly(DataInputStream in, int count) throws IOException {
        byte[] bytes = in.readNBytes(count);
        if (bytes.length < count) {
            throw new EOFException();
        }
        return bytes;
    }
}
