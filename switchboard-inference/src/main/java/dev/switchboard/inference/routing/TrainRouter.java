package dev.switchboard.inference.routing;

import dev.switchboard.inference.ProgressBar;
import dev.switchboard.inference.encoder.OnnxEncoder;
import dev.switchboard.inference.train.EmbeddingCache;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code switchboard train router}: reads an outcome file, embeds each distinct prompt once with the shared encoder
 * (remembered on disk between runs), trains the router and writes its directory.
 */
public final class TrainRouter {

    private TrainRouter() {}

    public static RouterModel run(Path data, Path out, long seed, Path embeddingCache, OnnxEncoder encoder,
                                  PrintStream log) {
        List<Outcome> all = OutcomeFile.read(data);
        List<Outcome> rows = OutcomeFile.dedupe(all);
        log.printf("%s: %d rows, %d distinct prompts, %d models%n", data.getFileName(), all.size(), rows.size(),
                OutcomeFile.models(rows).size());
        float[][] embeddings = embed(rows, encoder, embeddingCache);
        RouterTrainer.Result result = new RouterTrainer(seed).train(rows, embeddings, encoder.modelId());
        result.manifest().put("data", data.getFileName().toString()).put("data_sha256", sha256(data));
        RouterFiles.write(result.router(), result.manifest(), out);
        log.println("validation (" + result.manifest().path("selection_metric").asText() + ", higher is better):");
        result.manifest().path("validation").fields().forEachRemaining(e ->
                log.printf("  %-40s %.4f%n", e.getKey(), e.getValue().asDouble()));
        log.println("chosen: " + result.manifest().path("chosen").asText() + (result.manifest().path(
                "frontier_models_only").asBoolean() ? ", choosing among the frontier models only" : "") + "; wrote " + out);
        return result.router();
    }

    /**
     * The encoder's pooled, normalized embedding of each row's prompt, the same vector the router sees live; rows
     * from decision records bring the embedding the router computed when it served them.
     */
    public static float[][] embed(List<Outcome> rows, OnnxEncoder encoder, Path cacheDir) {
        List<String> prompts = rows.stream().filter(r -> r.recorded() == null).map(Outcome::prompt).toList();
        float[][] computed = prompts.isEmpty() ? new float[0][]
                : new EmbeddingCache(cacheDir).embed(encoder, prompts, ProgressBar.toStderr()).get(encoder.pooling());
        float[][] out = new float[rows.size()][];
        int next = 0;
        for (int i = 0; i < out.length; i++) {
            Outcome.Recorded recorded = rows.get(i).recorded();
            if (recorded != null && !recorded.encoder().equals(encoder.modelId())) {
                throw new IllegalArgumentException("row `" + rows.get(i).id() + "` was embedded by "
                        + recorded.encoder() + ", not by this router's encoder " + encoder.modelId());
            }
            out[i] = recorded != null ? recorded.embedding() : computed[next++];
        }
        return out;
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
