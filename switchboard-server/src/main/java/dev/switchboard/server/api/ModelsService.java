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
import java.util.function.Supplier;

/** {@code GET /v1/models}: the names that trigger routing, then every configured model, as the OpenAI API lists them. */
public final class ModelsService implements HttpService {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Supplier<SwitchboardConfig> config;

    public ModelsService(Supplier<SwitchboardConfig> config) {
        this.config = config;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        SwitchboardConfig current = config.get();
        ObjectNode root = JSON.createObjectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        current.routing().autoModelNames().forEach(name -> add(data, name));
        new TreeSet<>(current.models().keySet()).forEach(name -> add(data, name));
        return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, root.toString());
    }

    private static void add(ArrayNode data, String id) {
        data.addObject().put("id", id).put("object", "model").put("created", 0).put("owned_by", "switchboard");
    }
}
