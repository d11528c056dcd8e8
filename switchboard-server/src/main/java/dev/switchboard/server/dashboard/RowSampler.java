package dev.switchboard.server.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Picks the live table's rows: a uniform sample of at most {@code perTick} requests between two pushes
 * (reservoir sampling), so at 1,000 requests a second the page still gets a readable handful, and a row is only
 * built for a request that is kept. The last {@code recent} rows are kept for a page that opens later.
 */
final class RowSampler {

    private final int perTick;
    private final int recent;
    private final List<ObjectNode> sample = new ArrayList<>();
    private final ArrayDeque<ObjectNode> history = new ArrayDeque<>();
    private long seen;

    RowSampler(int perTick, int recent) {
        this.perTick = perTick;
        this.recent = recent;
    }

    /** Offers one finished request; {@code row} is called only when the request is kept. */
    synchronized void offer(Supplier<ObjectNode> row) {
        seen++;
        if (sample.size() < perTick) {
            sample.add(row.get());
            return;
        }
        long slot = ThreadLocalRandom.current().nextLong(seen);
        if (slot < perTick) {
            sample.set((int) slot, row.get());
        }
    }

    /** Moves the rows sampled since the last call into {@code out} (oldest first) and into the history. */
    synchronized void drainTo(ArrayNode out) {
        sample.sort(java.util.Comparator.comparingLong(r -> r.path("t").asLong()));
        for (ObjectNode row : sample) {
            out.add(row);
            history.addLast(row);
            if (history.size() > recent) {
                history.removeFirst();
            }
        }
        sample.clear();
        seen = 0;
    }

    /** The most recent rows already pushed, oldest first. */
    synchronized void historyTo(ArrayNode out) {
        history.forEach(out::add);
    }
}
