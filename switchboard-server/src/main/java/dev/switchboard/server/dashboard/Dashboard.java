package dev.switchboard.server.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.server.file.FileService;
import dev.switchboard.core.config.SwitchboardConfig;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The dashboard under {@code /dashboard}: the page and its ES modules from this jar, Preact and uPlot from their
 * WebJars, and its JSON API — history and the live stream ({@link LiveFeed}), the running config with validation,
 * apply and audit ({@link ConfigEditor}). The cache page uses {@code /admin/cache}, the playground the dry run.
 * It adds routes only; whoever mounts it puts the admin plane's authentication in front.
 */
public final class Dashboard implements AutoCloseable {

    /** Every path of the dashboard starts with this. */
    public static final String PREFIX = "/dashboard";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DashboardListener listener;
    private final LiveFeed feed;
    private final ConfigEditor editor;
    private final Function<ServiceRequestContext, String> identity;

    /**
     * @param reload   swaps in a config (throws, keeping the old one, when it cannot be built)
     * @param identity names the admin behind a request, for the audit log
     */
    public Dashboard(boolean showPrompts, Consumer<SwitchboardConfig> reload,
                     Function<ServiceRequestContext, String> identity) {
        this.listener = new DashboardListener(showPrompts);
        this.feed = new LiveFeed(listener);
        this.editor = new ConfigEditor(reload);
        this.identity = identity;
    }

    /** The listener to register with the router: it feeds every chart and the live table. */
    public DashboardListener listener() {
        return listener;
    }

    /** Makes the config page editable: it shows and rewrites {@code source}. */
    public void configSource(ConfigSource source) {
        editor.source(source);
    }

    /** Adds the dashboard's routes to {@code server}. */
    public void addTo(ServerBuilder server, HttpService explain) {
        ClassLoader loader = Dashboard.class.getClassLoader();
        server.service(PREFIX, (ctx, req) -> HttpResponse.ofRedirect(PREFIX + "/"));
        server.serviceUnder(PREFIX + "/vendor/", FileService.builder(loader, "META-INF/resources/webjars")
                .cacheControl("max-age=86400").build());
        server.serviceUnder(PREFIX + "/", FileService.builder(loader, "dashboard").cacheControl("no-cache").build());
        server.route().get(PREFIX + "/api/history").build((ctx, req) -> json(history(ctx)));
        server.route().get(PREFIX + "/api/stream").build((ctx, req) -> feed.open(ctx));
        server.route().get(PREFIX + "/api/config").build((ctx, req) -> blocking(ctx, editor::current));
        server.route().post(PREFIX + "/api/config/validate").build((ctx, req) -> withText(ctx, req,
                editor::validate));
        server.route().post(PREFIX + "/api/config/apply").build((ctx, req) -> withText(ctx, req,
                yaml -> editor.apply(yaml, identity.apply(ctx))));
        server.route().get(PREFIX + "/api/audit").build((ctx, req) -> {
            ObjectNode out = JSON.createObjectNode();
            editor.auditTo(out.putArray("entries"));
            return json(out);
        });
        server.route().post(PREFIX + "/api/explain").build(explain);
    }

    private ObjectNode history(ServiceRequestContext ctx) {
        int minutes = Math.max(1, Math.min(parse(ctx.queryParam("minutes"), 60), Timeline.MINUTES - 1));
        ObjectNode out = JSON.createObjectNode();
        listener.historyTo(out, Timeline.SECONDS - 1, minutes);
        return out;
    }

    private static int parse(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static HttpResponse withText(ServiceRequestContext ctx, HttpRequest req,
                                         Function<String, ObjectNode> action) {
        return HttpResponse.of(req.aggregate().thenApplyAsync(agg -> {
            ObjectNode out = action.apply(agg.content().toString(StandardCharsets.UTF_8));
            return json(out);
        }, ctx.blockingTaskExecutor()));
    }

    private static HttpResponse blocking(ServiceRequestContext ctx, java.util.function.Supplier<ObjectNode> body) {
        return HttpResponse.of(() -> json(body.get()), ctx.blockingTaskExecutor());
    }

    private static HttpResponse json(ObjectNode body) {
        return HttpResponse.builder().status(HttpStatus.OK).content(MediaType.JSON_UTF_8, body.toString())
                .header(HttpHeaderNames.CACHE_CONTROL, "no-store").build();
    }

    @Override
    public void close() {
        feed.close();
    }
}
