package dev.switchboard.inference.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The solo session (encoder.solo_threads): a pass that runs alone goes to a session with more intra-op threads,
 * and its token states (and the grafted branches' outputs) are the same bits a one-thread session computes, so
 * every head reads the same input whichever session served the request.
 */
class SoloSessionTest {

    private static SessionPool withSolo;
    private static SessionPool pooledOnly;

    @BeforeAll
    static void load() {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "a solo session needs two processors");
        ModelFiles files = ModelFiles.load(EncoderSettings.defaults());
        withSolo = new SessionPool(files, 1, 1, 2);
        pooledOnly = new SessionPool(files, 1, 1, 1);
    }

    @AfterAll
    static void close() {
        if (withSolo != null) {
            withSolo.close();
            pooledOnly.close();
        }
    }

    @Test
    void aLonePassRunsOnTheSoloSessionAndGivesTheSameBits() {
        long before = withSolo.soloPasses();
        for (int length : new int[] {3, 72, 256}) {
            long[] ids = ids(length, length);
            SessionPool.Pass solo = withSolo.forward(ids);
            SessionPool.Pass pooled = pooledOnly.forward(ids);
            assertThat(solo.states()).hasNumberOfRows(length);
            for (int t = 0; t < length; t++) {
                assertThat(bits(solo.states()[t])).as("token %d of %d", t, length)
                        .isEqualTo(bits(pooled.states()[t]));
            }
            assertThat(solo.outputs().keySet()).isEqualTo(pooled.outputs().keySet());
            solo.outputs().forEach((name, values) -> assertThat(bits(values)).as("output %s", name)
                    .isEqualTo(bits(pooled.outputs().get(name))));
        }
        assertThat(withSolo.soloPasses() - before).isEqualTo(3);
        assertThat(pooledOnly.soloPasses()).isZero();
    }

    /** [CLS] random word pieces [SEP] of the bundled BERT vocabulary. */
    private static long[] ids(int length, long seed) {
        Random random = new Random(seed);
        long[] ids = new long[length];
        for (int i = 0; i < length; i++) {
            ids[i] = 1_000 + random.nextInt(29_000);
        }
        ids[0] = 101;
        ids[length - 1] = 102;
        return ids;
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
