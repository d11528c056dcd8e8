package dev.switchboard.inference.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A small trained graph that reads a tensor of the encoder's own pass (its last hidden state, or an inner layer's
 * output when the branch fine-tunes layers of its own) and adds one output to it, so such a signal still costs one
 * pass: the shared layers run once, and only the branch runs on top (training/README.md, "the shipped jailbreak
 * branch"; ADR 0018).
 *
 * <p>The branch file is a serialized ONNX {@code ModelProto} holding only a graph with the branch's nodes,
 * initializers and output. Protocol buffers merge a message field that occurs twice, so the grafted model is the
 * base model's bytes followed by the branch's: the base graph keeps every node and output as it was (the shared
 * pass's states are bit-identical) and gains the branch. A branch is only grafted onto the exact base model it was
 * trained on, checked by sha256, because its input is the name of an inner tensor of that graph.
 *
 * @param output     name of the graph output the branch adds, e.g. {@code jailbreak_probability}
 * @param baseSha256 sha256 of the base ONNX file the branch was trained on
 * @param fragment   the serialized branch graph
 * @param source     where it was read from, for messages
 */
public record GraftedBranch(String output, String baseSha256, byte[] fragment, String source) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads {@code <name>.onnx} (the fragment) and {@code <name>.json} (its manifest: {@code output},
     * {@code base_sha256}) from the classpath.
     */
    public static GraftedBranch readResource(String name) {
        try {
            JsonNode manifest = JSON.readTree(resource(name + ".json"));
            return new GraftedBranch(manifest.path("output").asText(), manifest.path("base_sha256").asText(),
                    resource(name + ".onnx"), "classpath:" + name);
        } catch (IOException e) {
            throw new EncoderException("Cannot read encoder branch '" + name + "': " + e.getMessage(), e);
        }
    }

    /** {@code model} with this branch grafted on; refuses a model other than the one the branch was trained on. */
    public byte[] graftOnto(byte[] model, String modelSource) {
        String sha = sha256(model);
        if (!sha.equals(baseSha256)) {
            throw new EncoderException("Encoder branch " + source + " was trained on a base model with sha256 "
                    + baseSha256 + ", but " + modelSource + " has " + sha + "; retrain the branch for this model");
        }
        ByteArrayOutputStream grafted = new ByteArrayOutputStream(model.length + fragment.length);
        grafted.writeBytes(model);
        grafted.writeBytes(fragment);
        return grafted.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = GraftedBranch.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource not on the classpath");
            }
            return in.readAllBytes();
        }
    }
}
