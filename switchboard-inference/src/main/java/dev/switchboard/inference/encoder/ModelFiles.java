package dev.switchboard.inference.encoder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The bytes of an ONNX model and its tokenizer.json, read from the classpath or from disk.
 *
 * @param id        the model identifier (bundled id, or {@code <directory>/<file stem>} for files)
 * @param model     the .onnx bytes, with the bundled model's {@link GraftedBranch}es grafted on
 * @param tokenizer the tokenizer.json bytes
 * @param source    where the model came from, for error messages
 * @param outputs   the branch outputs the model carries besides its token states
 */
record ModelFiles(String id, byte[] model, byte[] tokenizer, String source, List<String> outputs) {

    static ModelFiles load(EncoderSettings settings) {
        if (settings.modelPath() == null) {
            BundledModel bundled = settings.bundled();
            String source = "classpath:" + bundled.modelResource();
            byte[] model = resource(bundled.modelResource());
            List<GraftedBranch> branches = bundled.branches();
            for (GraftedBranch branch : branches) {
                model = branch.graftOnto(model, source);
            }
            return new ModelFiles(bundled.id(), model, resource(bundled.tokenizerResource()), source,
                    branches.stream().map(GraftedBranch::output).toList());
        }
        Path model = settings.modelPath();
        return new ModelFiles(idOf(model), file(model), file(settings.tokenizerPath()), model.toString(), List.of());
    }

    private static String idOf(Path model) {
        String stem = model.getFileName().toString().replaceFirst("\\.onnx$", "");
        Path parent = model.toAbsolutePath().getParent();
        return parent == null || parent.getFileName() == null ? stem : parent.getFileName() + "/" + stem;
    }

    private static byte[] file(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new EncoderException("Model file not found or not a regular file: " + path.toAbsolutePath());
        }
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new EncoderException("Cannot read model file " + path.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = ModelFiles.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new EncoderException("Bundled model resource '" + name + "' is not on the classpath; add the"
                        + " LangChain4j embedding artifact that carries it (see docs/adr/0001-default-encoder.md)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new EncoderException("Cannot read bundled model resource '" + name + "': " + e.getMessage(), e);
        }
    }
}
