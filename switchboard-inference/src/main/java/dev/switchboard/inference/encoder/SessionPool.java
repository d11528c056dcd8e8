package dev.switchboard.inference.encoder;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A fixed set of ONNX sessions, each with its own small thread budget. Callers borrow one per forward pass, so the
 * encoder's CPU use is bounded by {@code size * intraOpThreads} no matter how many request threads call it.
 */
final class SessionPool implements AutoCloseable {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final BlockingQueue<OrtSession> idle;
    private final boolean wantsTokenTypes;

    SessionPool(ModelFiles files, int size, int intraOpThreads) {
        idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            idle.add(open(files, intraOpThreads));
        }
        wantsTokenTypes = idle.peek().getInputNames().contains("token_type_ids");
    }

    private OrtSession open(ModelFiles files, int threads) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return env.createSession(files.model(), options);
        } catch (OrtException | RuntimeException e) {
            throw new EncoderException("Cannot load ONNX model " + files.source() + ": " + e.getMessage(), e);
        }
    }

    /** Runs one sequence through the model and returns its last hidden state, {@code [tokens][dim]}. */
    float[][] forward(long[] ids) {
        OrtSession session = borrow();
        try {
            return run(session, ids);
        } catch (OrtException e) {
            throw new EncoderException("ONNX forward pass failed: " + e.getMessage(), e);
        } finally {
            idle.add(session);
        }
    }

    private float[][] run(OrtSession session, long[] ids) throws OrtException {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, new long[][] {ids}));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, new long[][] {filled(ids.length, 1)}));
            if (wantsTokenTypes) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, new long[][] {filled(ids.length, 0)}));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                return ((float[][][]) result.get(0).getValue())[0];
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private static long[] filled(int length, long value) {
        long[] array = new long[length];
        java.util.Arrays.fill(array, value);
        return array;
    }

    private OrtSession borrow() {
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EncoderException("Interrupted while waiting for an encoder session", e);
        }
    }

    @Override
    public void close() {
        for (OrtSession session : idle) {
            try {
                session.close();
            } catch (OrtException e) {
                // Closing at shutdown; nothing useful to do with the failure.
            }
        }
        idle.clear();
    }
}
