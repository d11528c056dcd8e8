package dev.switchboard.core.plugin.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.cache.InMemoryCacheStore;
import dev.switchboard.core.response.Completions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Only answers worth replaying reach the store. */
class ResponseCacheStoreTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final InMemoryCacheStore store = InMemoryCacheStore.builder(2).build();

    private static CacheTicket ticket(String question) {
        return new CacheTicket("p", question, new float[] {1f, 0f}, Duration.ofHours(1));
    }

    private static byte[] completion(String finishReason) {
        return Completions.completion("m", "an answer", finishReason, 3).toString().getBytes(StandardCharsets.UTF_8);
    }

    private boolean stored(ResponseCache cache, String question, byte[] completion) {
        cache.store(ticket(question), completion);
        return store.findExact("p", question, NOW).isPresent();
    }

    @Test
    void onlyFinishedAnswersAreStored() {
        ResponseCache cache = new ResponseCache(store, Clock.fixed(NOW, ZoneOffset.UTC), null, false);
        assertThat(stored(cache, "stop", completion("stop"))).isTrue();
        assertThat(stored(cache, "length", completion("length"))).isFalse();
        assertThat(stored(cache, "filter", completion("content_filter"))).isFalse();
        assertThat(stored(cache, "tools", completion("tool_calls"))).isFalse();
        assertThat(stored(cache, "error", "{\"error\":{\"message\":\"x\"}}".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(stored(cache, "garbage", "not json".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void toolCallsAreStoredOnlyWhenConfigured() {
        ResponseCache cache = new ResponseCache(store, Clock.fixed(NOW, ZoneOffset.UTC), null, true);
        assertThat(stored(cache, "tools", completion("tool_calls"))).isTrue();
        assertThat(stored(cache, "length", completion("length"))).isFalse();
    }

    @Test
    void aRequestCanRaiseTheSimilarityFloorButNeverLowerIt() {
        assertThat(ticket("q").withMinSimilarity(0.8, 0.95).minSimilarity()).isEqualTo(0.95);
        assertThat(ticket("q").withMinSimilarity(0.8, 0.1).minSimilarity()).isEqualTo(0.8);
        assertThat(ticket("q").withMinSimilarity(0.8, null).minSimilarity()).isEqualTo(0.8);
    }
}
