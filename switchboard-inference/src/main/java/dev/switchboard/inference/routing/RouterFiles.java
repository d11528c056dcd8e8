package dev.switchboard.inference.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A router directory: {@code manifest.json} (models, costs, chosen predictor, data sha256, seed, metrics) and
 * {@code weights.bin} (big-endian floats: centroid, then the predictor's arrays in the order the manifest names).
 */
public final class RouterFiles {

    public static final String MANIFEST = "manifest.json";
    public static final String WEIGHTS = "weights.bin";
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RouterFiles() {}

    /** Writes {@code router} and the training facts in {@code manifest} (the caller's extra fields) to {@code dir}. */
    public static void write(RouterModel router, ObjectNode manifest, Path dir) {
        ObjectNode m = manifest.deepCopy();
        m.put("format", FORMAT).put("encoder", router.encoderId()).put("predictor", kind(router.quality()))
                .put("predictor_settings", router.quality().describe());
        m.putPOJO("models", router.models());
        ObjectNode costs = m.putObject("costs");
        for (int i = 0; i < router.models().size(); i++) {
            costs.put(router.models().get(i), router.costs()[i]);
        }
        knn(router.quality()).map(KnnQuality::projection)
                .ifPresent(p -> m.put("knn_projection_dims", p.dims()));
        m.put("min_centroid_similarity", router.minSimilarity());
        m.putPOJO("models_considered", java.util.stream.IntStream.range(0, router.models().size())
                .filter(router::considers).mapToObj(router.models()::get).toList());
        m.putPOJO("complexity_small_models", java.util.Arrays.stream(router.smallModels())
                .mapToObj(router.models()::get).toList());
        m.put("complexity_easy_below", router.easyBelow()).put("complexity_hard_from", router.hardFrom());
        try {
            Files.createDirectories(dir);
            JSON.writeValue(dir.resolve(MANIFEST).toFile(), m);
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                    Files.newOutputStream(dir.resolve(WEIGHTS))))) {
                writeVector(out, router.centroid());
                writeQuality(out, router.quality());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write router to " + dir, e);
        }
    }

    /** Loads a router directory; fails with a message naming the file when something is missing or inconsistent. */
    public static RouterModel load(Path dir) {
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile) || !Files.isRegularFile(dir.resolve(WEIGHTS))) {
            throw new IllegalArgumentException(dir + " is not a router directory (needs " + MANIFEST + " and "
                    + WEIGHTS + ", written by `switchboard train router`)");
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                Files.newInputStream(dir.resolve(WEIGHTS))))) {
            JsonNode m = JSON.readTree(manifestFile.toFile());
            if (m.path("format").asInt() != FORMAT) {
                throw new IllegalArgumentException(manifestFile + ": unsupported format " + m.path("format"));
            }
            List<String> models = new ArrayList<>();
            m.path("models").forEach(n -> models.add(n.asText()));
            double[] costs = models.stream().mapToDouble(name -> m.path("costs").path(name).asDouble(1)).toArray();
            int[] small = new int[m.path("complexity_small_models").size()];
            for (int i = 0; i < small.length; i++) {
                small[i] = models.indexOf(m.path("complexity_small_models").get(i).asText());
            }
            float[] centroid = readVector(in);
            QualityModel quality = readQuality(in, m.path("predictor").asText(), m.has("knn_projection_dims"));
            boolean[] considered = new boolean[models.size()];
            java.util.Arrays.fill(considered, !m.has("models_considered"));
            m.path("models_considered").forEach(n -> {
                if (models.contains(n.asText())) {
                    considered[models.indexOf(n.asText())] = true;
                }
            });
            return new RouterModel(m.path("encoder").asText(), models, costs, quality, centroid,
                    m.path("min_centroid_similarity").asDouble(), small, m.path("complexity_easy_below").asDouble(),
                    m.path("complexity_hard_from").asDouble(), considered);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read router " + dir, e);
        }
    }

    private static String kind(QualityModel quality) {
        return quality instanceof KnnQuality ? "knn" : quality instanceof LinearQuality ? "logistic"
                : quality instanceof PrototypeQuality ? "prototypes" : quality instanceof FactorQuality ? "factors"
                : "blend";
    }

    private static void writeQuality(DataOutputStream out, QualityModel quality) throws IOException {
        if (quality instanceof KnnQuality k) {
            writeKnn(out, k);
        } else if (quality instanceof LinearQuality l) {
            writeLinear(out, l);
        } else if (quality instanceof PrototypeQuality p) {
            out.writeInt(p.neighbours());
            writeMatrix(out, p.centroids());
            writeMatrix(out, p.scores());
            writeVector(out, p.counts());
        } else if (quality instanceof FactorQuality f) {
            writeFactors(out, f);
        } else if (quality instanceof BlendQuality b) {
            writeKnn(out, b.knn());
            writeLinear(out, b.linear());
        }
    }

    /** The kNN part of a predictor, if it has one. */
    private static java.util.Optional<KnnQuality> knn(QualityModel quality) {
        return quality instanceof KnnQuality k ? java.util.Optional.of(k)
                : quality instanceof BlendQuality b ? java.util.Optional.of(b.knn()) : java.util.Optional.empty();
    }

    private static QualityModel readQuality(DataInputStream in, String kind, boolean projected) throws IOException {
        return switch (kind) {
            case "knn" -> readKnn(in, projected);
            case "logistic" -> readLinear(in);
            case "blend" -> new BlendQuality(readKnn(in, projected), readLinear(in));
            case "prototypes" -> readPrototypes(in);
            case "factors" -> readFactors(in);
            default -> throw new IllegalArgumentException("unknown predictor `" + kind + "` in " + MANIFEST);
        };
    }

    /** k, the training points (projected when a projection is used), their scores, then the projection if any. */
    private static void writeKnn(DataOutputStream out, KnnQuality knn) throws IOException {
        out.writeInt(knn.k());
        writeMatrix(out, knn.points());
        writeMatrix(out, knn.scores());
        if (knn.projection() != null) {
            out.writeInt(knn.projection().dims());
            writeVector(out, knn.projection().mean());
            writeVector(out, knn.projection().basis());
        }
    }

    private static KnnQuality readKnn(DataInputStream in, boolean projected) throws IOException {
        int k = in.readInt();
        float[][] points = readMatrix(in);
        float[][] scores = readMatrix(in);
        Projection projection = null;
        if (projected) {
            int dims = in.readInt();
            projection = new Projection(readVector(in), readVector(in), dims);
        }
        return KnnQuality.ofPoints(points, scores, k, projection);
    }

    private static PrototypeQuality readPrototypes(DataInputStream in) throws IOException {
        int neighbours = in.readInt();
        return new PrototypeQuality(readMatrix(in), readMatrix(in), readVector(in), neighbours);
    }

    private static void writeLinear(DataOutputStream out, LinearQuality l) throws IOException {
        out.writeFloat(l.l2());
        writeVector(out, l.mean());
        writeVector(out, l.scale());
        writeMatrix(out, l.weights());
        writeVector(out, l.bias());
    }

    private static LinearQuality readLinear(DataInputStream in) throws IOException {
        float l2 = in.readFloat();
        return new LinearQuality(readVector(in), readVector(in), readMatrix(in), readVector(in), l2);
    }

    private static void writeFactors(DataOutputStream out, FactorQuality f) throws IOException {
        out.writeFloat(f.l2());
        writeVector(out, f.mean());
        writeVector(out, f.scale());
        writeMatrix(out, f.projection());
        writeMatrix(out, f.modelVectors());
        writeVector(out, f.bias());
    }

    private static FactorQuality readFactors(DataInputStream in) throws IOException {
        float l2 = in.readFloat();
        return new FactorQuality(readVector(in), readVector(in), readMatrix(in), readMatrix(in), readVector(in), l2);
    }

    private static void writeMatrix(DataOutputStream out, float[][] rows) throws IOException {
        out.writeInt(rows.length);
        for (float[] row : rows) {
            writeVector(out, row);
        }
    }

    private static float[][] readMatrix(DataInputStream in) throws IOException {
        float[][] rows = new float[in.readInt()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = readVector(in);
        }
        return rows;
    }

    private static void writeVector(DataOutputStream out, float[] v) throws IOException {
        out.writeInt(v.length);
        for (float x : v) {
            out.writeFloat(x);
        }
    }

    private static float[] readVector(DataInputStream in) throws IOException {
        float[] v = new float[in.readInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readFloat();
        }
        return v;
    }
}
