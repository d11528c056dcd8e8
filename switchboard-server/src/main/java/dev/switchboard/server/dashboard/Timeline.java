package dev.switchboard.server.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.function.Consumer;

/**
 * Two rings of {@link Bucket}s: one per second for the last ten minutes, one per minute for the last day. Each
 * event updates the current bucket of both, under one lock held for a few nanoseconds, so the cost per request is
 * fixed and the memory is fixed (about 3 MB) whatever the traffic.
 */
final class Timeline {

    static final int SECONDS = 600;
    static final int MINUTES = 1440;

    private final Bucket[] seconds = ring(SECONDS);
    private final Bucket[] minutes = ring(MINUTES);

    private static Bucket[] ring(int size) {
        Bucket[] ring = new Bucket[size];
        for (int i = 0; i < size; i++) {
            ring[i] = new Bucket();
        }
        return ring;
    }

    /** Applies {@code update} to the buckets of second {@code epochSecond}. */
    synchronized void record(long epochSecond, Consumer<Bucket> update) {
        update.accept(seconds[(int) (epochSecond % SECONDS)].at(epochSecond));
        long minute = epochSecond / 60;
        update.accept(minutes[(int) (minute % MINUTES)].at(minute));
    }

    /** The last {@code count} whole seconds before {@code nowSecond}, oldest first, empty ones included. */
    synchronized void secondsBefore(long nowSecond, int count, ArrayNode out) {
        write(seconds, nowSecond, Math.min(count, SECONDS - 1), 1, out);
    }

    /** The last {@code count} minutes up to and including the current one, oldest first. */
    synchronized void minutesUpTo(long nowSecond, int count, ArrayNode out) {
        write(minutes, nowSecond / 60 + 1, Math.min(count, MINUTES - 1), 60, out);
    }

    private static void write(Bucket[] ring, long endExclusive, int count, int slotSeconds, ArrayNode out) {
        Bucket empty = new Bucket();
        for (long slot = endExclusive - count; slot < endExclusive; slot++) {
            Bucket b = ring[(int) Math.floorMod(slot, ring.length)];
            (b.start == slot ? b : empty.at(slot)).writeTo(out.addObject(), slotSeconds);
        }
    }
}
