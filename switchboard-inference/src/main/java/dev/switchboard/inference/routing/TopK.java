package dev.switchboard.inference.routing;

/**
 * Indices of the {@code k} largest values of an array, with a primitive binary min-heap: O(n log k), no boxing,
 * one small allocation. Most values are rejected by one comparison with the heap's smallest.
 */
final class TopK {

    private TopK() {}

    /** Indices of the {@code k} largest {@code values} (all of them when there are fewer), in no particular order. */
    static int[] largest(float[] values, int k) {
        int n = Math.min(k, values.length);
        int[] heap = new int[n];
        for (int i = 0; i < n; i++) {
            heap[i] = i;
            siftUp(heap, values, i);
        }
        for (int i = n; i < values.length; i++) {
            if (n > 0 && values[i] > values[heap[0]]) {
                heap[0] = i;
                siftDown(heap, values, n);
            }
        }
        return heap;
    }

    private static void siftUp(int[] heap, float[] values, int at) {
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (values[heap[parent]] <= values[heap[at]]) {
                return;
            }
            swap(heap, parent, at);
            at = parent;
        }
    }

    private static void siftDown(int[] heap, float[] values, int size) {
        int at = 0;
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                return;
            }
            if (child + 1 < size && values[heap[child + 1]] < values[heap[child]]) {
                child++;
            }
            if (values[heap[at]] <= values[heap[child]]) {
                return;
            }
            swap(heap, at, child);
            at = child;
        }
    }

    private static void swap(int[] heap, int a, int b) {
        int t = heap[a];
        heap[a] = heap[b];
        heap[b] = t;
    }
}
