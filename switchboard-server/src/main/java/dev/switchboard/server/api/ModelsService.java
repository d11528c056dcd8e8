package dev.switchboard.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.switchboard.core.config.SwitchboardConfig;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code GET /v1/models}: the names that trigger routing, then every configured model, as the OpenAI API lists them
 * — only those the caller may ask for, so a restricted key does not learn the rest of the fleet.
 */
public final class ModelsService implements HttpService {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Supplier<SwitchboardConfig> config;
    private final BiPredicate<ServiceRequestContext, String> visible;

    /** @param visible whether the caller of a request may use a model name (its key's {@code allowed_models}) */
    public ModelsService(Supplier<SwitchboardConfig> config, BiPredicate<ServiceRequestContext, String> visible) {
        this.config = config;
        this.visible = visible;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        SwitchboardConfig current = config.get();
        ObjectNode root = JSON.createObjectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        Stream.concat(current.routing().autoModelNames().stream(), new TreeSet<>(current.models().keySet()).stream())
                .filter(name -> visible.test(ctx, name)).forEach(name -> add(data, name));
        return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, root.toString());
    }

    private static void add(ArrayNode data, String id) {
        data.addObject().put("id", id).put("object", "model").put("created", 0).put("owned_by", "switchboard");
    }
}
