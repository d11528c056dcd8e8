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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed set of ONNX sessions, each with its own small thread budget. Callers borrow one per forward pass, so the
 * encoder's CPU use is bounded by {@code size * intraOpThreads} (plus the solo session's helpers, below) no matter
 * how many request threads call it.
 *
 * <p>Optionally one more, <em>solo</em> session with {@code soloThreads} threads: a pass that starts while no other
 * pass is in flight runs there, so a lone request uses the cores that would otherwise idle; under load every pass
 * finds another in flight and keeps to one pooled session. Intra-op threads split ONNX Runtime's work by rows and
 * columns, never inside a sum, so both kinds of session give the same bits ({@code SoloSessionTest}).
 */
final class SessionPool implements AutoCloseable {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final BlockingQueue<OrtSession> idle;
    private final boolean wantsTokenTypes;
    /** The token states' output (the model's first), then the branch outputs: nothing else is computed. */
    private final Set<String> requested = new LinkedHashSet<>();
    private final List<String> branchOutputs;
    private final OrtSession solo;
    private final AtomicBoolean soloFree = new AtomicBoolean(true);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong soloPasses = new AtomicLong();

    /** @param soloThreads threads of the solo session; 1: no solo session */
    SessionPool(ModelFiles files, int size, int intraOpThreads, int soloThreads) {
        idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            idle.add(open(files, intraOpThreads));
        }
        OrtSession first = idle.peek();
        wantsTokenTypes = first.getInputNames().contains("token_type_ids");
        requested.add(first.getOutputNames().iterator().next());
        requested.addAll(files.outputs());
        branchOutputs = files.outputs();
        solo = soloThreads > 1 ? open(files, soloThreads) : null;
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
            // A waiting worker sleeps instead of spinning: the cores it would burn serve requests' other work.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            return env.createSession(files.model(), options);
        } catch (OrtException | RuntimeException e) {
            throw new EncoderException("Cannot load ONNX model " + files.source() + ": " + e.getMessage(), e);
        }
    }

    /** Runs one sequence through the model: its last hidden state and branch outputs. */
    Pass forward(long[] ids) {
        boolean alone = inFlight.getAndIncrement() == 0;
        try {
            return alone && solo != null && soloFree.compareAndSet(true, false) ? onSolo(ids) : onPooled(ids);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private Pass onSolo(long[] ids) {
        try {
            soloPasses.incrementAndGet();
            return runOrThrow(solo, ids);
        } finally {
            soloFree.set(true);
        }
    }

    private Pass onPooled(long[] ids) {
        OrtSession session = borrow();
        try {
            return runOrThrow(session, ids);
        } finally {
            idle.add(session);
        }
    }

    private Pass runOrThrow(OrtSession session, long[] ids) {
        try {
            return run(session, ids);
        } catch (OrtException e) {
            throw new EncoderException("ONNX forward pass failed: " + e.getMessage(), e);
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

    /** Passes run on the solo session so far. */
    long soloPasses() {
        return soloPasses.get();
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
        idle.forEach(SessionPool::closeQuietly);
        idle.clear();
        if (solo != null) {
            closeQuietly(solo);
        }
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // Closing at shutdown; nothing useful to do with the failure.
        }
    }
}
