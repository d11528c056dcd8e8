package dev.switchboard.inference.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TextMemoTest {

    @Test
    void aTextIsComputedOnceUntilItIsTheLeastRecentlyUsedBeyondCapacity() {
        TextMemo<Integer> memo = new TextMemo<>(2);
        AtomicInteger calls = new AtomicInteger();
        assertThat(memo.get("earlier turn", t -> calls.incrementAndGet() * 10)).isEqualTo(10);
        assertThat(memo.get(new String("earlier turn"), t -> calls.incrementAndGet() * 10)).isEqualTo(10);
        assertThat(calls).hasValue(1);
        memo.get("second", t -> calls.incrementAndGet());
        memo.get("earlier turn", t -> calls.incrementAndGet()); // used again: now the most recent
        memo.get("third", t -> calls.incrementAndGet()); // evicts "second"
        assertThat(calls).hasValue(3);
        memo.get("earlier turn", t -> calls.incrementAndGet());
        assertThat(calls).hasValue(3);
        memo.get("second", t -> calls.incrementAndGet());
        assertThat(calls).hasValue(4);
    }
}
