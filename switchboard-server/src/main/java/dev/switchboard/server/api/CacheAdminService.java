package dev.switchboard.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.switchboard.core.cache.PartitionStats;
import dev.switchboard.core.cache.SemanticCacheStore;
import dev.switchboard.core.pipeline.RouterPipeline;
import dev.switchboard.core.plugin.cache.ResponseCache;
import dev.switchboard.core.request.ApiException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Cache administration: {@code GET /admin/cache} lists partitions and counts; {@code DELETE /admin/cache} clears
 * everything, or one partition with {@code ?partition=decision/model/fingerprint}. Partition names carry no request
 * content, so the listing is safe to show.
 */
public final class CacheAdminService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<RouterPipeline> pipeline;

    public CacheAdminService(Supplier<RouterPipeline> pipeline) {
        this.pipeline = pipeline;
    }

    public void addTo(ServerBuilder server) {
        // a shared store answers over JDBC: never on an event loop
        server.route().get("/admin/cache").build((ctx, req) -> HttpResponse.of(() -> answer(this::describe),
                ctx.blockingTaskExecutor()));
        server.route().delete("/admin/cache").build((ctx, req) -> HttpResponse.of(
                () -> answer(store -> clear(ctx, store)), ctx.blockingTaskExecutor()));
    }

    private interface Action {
        ObjectNode apply(SemanticCacheStore store);
    }

    private HttpResponse answer(Action action) {
        Optional<SemanticCacheStore> store = pipeline.get().cache().map(ResponseCache::store);
        if (store.isEmpty()) {
            return OpenAiErrors.toAggregated(new ApiException(404, "invalid_request_error", "cache_not_configured",
                    null, "No decision caches its answers; see the `cache` section of the config.")).toHttpResponse();
        }
        return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, action.apply(store.get()).toString());
    }

    private ObjectNode describe(SemanticCacheStore store) {
        ObjectNode root = JSON.createObjectNode().put("healthy", store.isHealthy()).put("entries", store.size())
                .put("evictions", store.stats().evictions()).put("expirations", store.stats().expirations());
        ArrayNode partitions = root.putArray("partitions");
        for (PartitionStats p : store.partitions()) {
            partitions.addObject().put("partition", p.partition()).put("entries", p.entries());
        }
        return root;
    }

    private static ObjectNode clear(ServiceRequestContext ctx, SemanticCacheStore store) {
        String partition = ctx.queryParam("partition");
        int removed = partition == null ? store.clearAll() : store.clear(partition);
        return JSON.createObjectNode().put("removed", removed).put("partition", partition);
    }
}
