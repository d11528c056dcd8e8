package dev.switchboard.inference.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.inference.SharedEncoder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("model")
class FileModelTest {

    @TempDir
    Path dir;

    @Test
    void loadsAHuggingFaceExportFromADirectoryAndMatchesTheBundledModel() throws Exception {
        copy(BundledModel.DEFAULT.modelResource(), dir.resolve("onnx/model.onnx"));
        copy(BundledModel.DEFAULT.tokenizerResource(), dir.resolve("tokenizer.json"));
        String text = "What's the capital of Australia?";
        try (OnnxEncoder fromFiles = OnnxEncoder.create(EncoderSettings.fromDirectory(dir, Pooling.CLS)
                .withPoolSize(1))) {
            assertThat(fromFiles.modelId()).isEqualTo("onnx/model+cls");
            assertThat(fromFiles.encode(text).embedding())
                    .containsExactly(SharedEncoder.get().encode(text).embedding(),
                            org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    /** Writes a classpath resource (a bundled model file) to {@code target}, creating its directory. */
    static void copy(String resource, Path target) throws Exception {
        Files.createDirectories(target.getParent());
        try (InputStream in = FileModelTest.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
    }
}
