package dev.switchboard.inference.head;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@link SoftmaxHead} in a small binary format: magic {@code SBHEAD}, version, encoder model id,
 * dimension, lexical buckets, labels, then the layers as big-endian floats. Binary keeps the shipped head at a few tens of KB.
 */
public final class HeadCodec {

    private static final String MAGIC = "SBHEAD";
    private static final int VERSION = 1;

    private HeadCodec() {}

    public static void write(SoftmaxHead head, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(head, out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write head " + file.toAbsolutePath(), e);
        }
    }

    public static void write(SoftmaxHead head, OutputStream raw) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw));
        out.writeUTF(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(head.modelId());
        out.writeInt(head.dimension());
        out.writeInt(head.lexicalBuckets());
        out.writeInt(head.labels().size());
        for (String label : head.labels()) {
            out.writeUTF(label);
        }
        out.writeBoolean(head.isMlp());
        if (head.isMlp()) {
            writeMatrix(out, head.hiddenWeights());
            writeMatrix(out, new float[][] {head.hiddenBias()});
        }
        writeMatrix(out, head.outWeights());
        writeMatrix(out, new float[][] {head.outBias()});
        out.flush();
    }

    public static SoftmaxHead read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read head " + file.toAbsolutePath(), e);
        }
    }

    /** Reads a head shipped as a classpath resource (the bundled heads). */
    public static SoftmaxHead readResource(String resource) {
        try (InputStream in = HeadCodec.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + resource);
            }
            return read(in, "classpath:" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read head classpath:" + resource, e);
        }
    }

    /** Reads a head; {@code source} names it in error messages. */
    public static SoftmaxHead read(InputStream raw, String source) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw));
        try {
            if (!MAGIC.equals(in.readUTF()) || in.readInt() != VERSION) {
                throw new IncompatibleHeadException(source + " is not a version " + VERSION + " Switchboard head");
            }
            String modelId = in.readUTF();
            int dimension = in.readInt();
            int lexicalBuckets = in.readInt();
            List<String> labels = readLabels(in);
            boolean mlp = in.readBoolean();
            float[][] hidden = mlp ? readMatrix(in) : null;
            float[] hiddenBias = mlp ? readMatrix(in)[0] : null;
            float[][] out = readMatrix(in);
            return new SoftmaxHead(modelId, dimension, lexicalBuckets, labels, hidden, hiddenBias, out,
                    readMatrix(in)[0]);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IncompatibleHeadException) {
                throw e;
            }
            throw new IncompatibleHeadException(source + " is not a valid Switchboard head: " + e);
        }
    }

    private static List<String> readLabels(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<String> labels = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            labels.add(in.readUTF());
        }
        return labels;
    }

    private static void writeMatrix(DataOutputStream out, float[][] m) throws IOException {
        out.writeInt(m.length);
        out.writeInt(m[0].length);
        for (float[] row : m) {
            for (float x : row) {
                out.writeFloat(x);
            }
        }
    }

    private static float[][] readMatrix(DataInputStream in) throws IOException {
        int rows = in.readInt();
        int cols = in.readInt();
        if (rows <= 0 || cols <= 0 || (long) rows * cols > 50_000_000L) {
            throw new IOException("implausible matrix size " + rows + "x" + cols);
        }
        float[][] m = new float[rows][cols];
        for (float[] row : m) {
            for (int c = 0; c < cols; c++) {
                row[c] = in.readFloat();
            }
        }
        return m;
    }
}
