package dev.switchboard.inference.ner;

import dev.switchboard.inference.head.SoftmaxHead;

/**
 * The entity head's forward pass, laid out for speed: it runs once per token, so a 64-token prompt needs ~64 of
 * them within the guard's latency budget. The hidden weights are stored transposed so that each input feature adds
 * a contiguous column (a loop the JIT vectorises, unlike a dot-product reduction), and zero inputs — most surface
 * features — are skipped. Same arithmetic as {@link SoftmaxHead#probabilities}, summed in another order.
 */
final class TokenHead {

    private final SoftmaxHead head;
    private final float[][] hiddenColumns;

    TokenHead(SoftmaxHead head) {
        this.head = head;
        if (head.isMlp()) {
            float[][] w = head.hiddenWeights();
            hiddenColumns = new float[w[0].length][w.length];
            for (int r = 0; r < w.length; r++) {
                for (int c = 0; c < w[r].length; c++) {
                    hiddenColumns[c][r] = w[r][c];
                }
            }
        } else {
            hiddenColumns = null;
        }
    }

    float[] probabilities(float[] x) {
        if (hiddenColumns == null) {
            return head.probabilities(x);
        }
        float[] h = head.hiddenBias().clone();
        for (int c = 0; c < x.length; c++) {
            float v = x[c];
            if (v != 0f) {
                float[] column = hiddenColumns[c];
                for (int r = 0; r < h.length; r++) {
                    h[r] += v * column[r];
                }
            }
        }
        float[][] out = head.outWeights();
        float[] z = head.outBias().clone();
        for (int k = 0; k < z.length; k++) {
            float sum = 0f;
            float[] row = out[k];
            for (int r = 0; r < h.length; r++) {
                sum += row[r] * Math.max(0f, h[r]);
            }
            z[k] += sum;
        }
        return SoftmaxHead.softmax(z);
    }
}
