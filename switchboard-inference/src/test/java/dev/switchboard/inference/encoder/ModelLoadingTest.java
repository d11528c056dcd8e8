package dev.switchboard.inference.encoder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLoadingTest {

    @TempDir
    Path dir;

    @Test
    void corruptModelFileErrorNamesThePath() throws Exception {
        Path model = Files.write(dir.resolve("model.onnx"), "this is not an onnx graph".getBytes());
        Path tokenizer = Files.writeString(dir.resolve("tokenizer.json"), "{}");
        assertThatThrownBy(() -> OnnxEncoder.create(EncoderSettings.fromFiles(model, tokenizer, Pooling.MEAN)))
                .isInstanceOf(EncoderException.class)
                .hasMessageContaining(model.toString());
    }

    @Test
    void missingModelFileErrorNamesThePath() {
        Path model = dir.resolve("missing/model.onnx");
        assertThatThrownBy(() -> OnnxEncoder.create(EncoderSettings.fromFiles(model, dir.resolve("t.json"), null)))
                .isInstanceOf(EncoderException.class)
                .hasMessageContaining(model.toAbsolutePath().toString());
    }

    @Test
    void modelWithoutTokenizerIsRejectedUpFront() {
        assertThatThrownBy(() -> new EncoderSettings(BundledModel.DEFAULT, dir.resolve("m.onnx"), null, null, 256, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokenizerPath");
    }
}
