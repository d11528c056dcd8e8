package dev.switchboard.inference.encoder;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    /** The token states' output (the model's first), then the branch outputs: nothing else is computed. */
    private final Set<String> requested = new LinkedHashSet<>();
    private final List<String> branchOutputs;

    SessionPool(ModelFiles files, int size, int intraOpThreads) {
        idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            idle.add(open(files, intraOpThreads));
        }
        OrtSession first = idle.peek();
        wantsTokenTypes = first.getInputNames().contains("token_type_ids");
        requested.add(first.getOutputNames().iterator().next());
        requested.addAll(files.outputs());
        branchOutputs = files.outputs();
    }

    /**
     * One pass's results.
     *
     * @param states  last hidden state, {@code [tokens][dim]}
     * @param outputs each branch output by name, flattened
     */
    record Pass(float[][] states, Map<String, float[]> outputs) {}

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

    /** Runs one sequence through the model: its last hidden state and branch outputs. */
    Pass forward(long[] ids) {
        OrtSession session = borrow();
        try {
            return run(session, ids);
        } catch (OrtException e) {
            throw new EncoderException("ONNX forward pass failed: " + e.getMessage(), e);
        } finally {
            idle.add(session);
        }
    }

    private Pass run(OrtSession session, long[] ids) throws OrtException {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, new long[][] {ids}));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, new long[][] {filled(ids.length, 1)}));
            if (wantsTokenTypes) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, new long[][] {filled(ids.length, 0)}));
            }
            try (OrtSession.Result result = session.run(inputs, requested)) {
                float[][] states = ((float[][][]) result.get(0).getValue())[0];
                Map<String, float[]> outputs = new HashMap<>();
                for (String name : branchOutputs) {
                    java.nio.FloatBuffer values = ((OnnxTensor) result.get(name).orElseThrow()).getFloatBuffer();
                    float[] flat = new float[values.remaining()];
                    values.get(flat);
                    outputs.put(name, flat);
                }
                return new Pass(states, outputs);
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
