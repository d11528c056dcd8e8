package dev.switchboard.extproc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.bootstrap.v3.Bootstrap;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.route.v3.Route;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ExternalProcessor;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode;
import io.envoyproxy.envoy.extensions.filters.http.router.v3.Router;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter;
import io.envoyproxy.envoy.extensions.upstreams.http.v3.HttpProtocolOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Envoy itself cannot run here, so the example config is read the way Envoy reads it: into its bootstrap proto,
 * strictly (an unknown or misspelled field fails), with the typed filter configs resolved. Then it must say what
 * the adapter relies on.
 */
class EnvoyExampleConfigTest {

    private static final Path EXAMPLE = Path.of("../deploy/envoy/envoy.yaml");

    private static Bootstrap bootstrap() throws Exception {
        String json = new ObjectMapper().writeValueAsString(new ObjectMapper(new YAMLFactory()).readTree(
                Files.readString(EXAMPLE)));
        JsonFormat.TypeRegistry types = JsonFormat.TypeRegistry.newBuilder()
                .add(List.of(HttpConnectionManager.getDescriptor(), ExternalProcessor.getDescriptor(),
                        Router.getDescriptor(), HttpProtocolOptions.getDescriptor())).build();
        Bootstrap.Builder bootstrap = Bootstrap.newBuilder();
        JsonFormat.parser().usingTypeRegistry(types).merge(json, bootstrap);
        return bootstrap.build();
    }

    private static HttpConnectionManager connectionManager(Bootstrap bootstrap) throws Exception {
        return bootstrap.getStaticResources().getListeners(0).getFilterChains(0).getFilters(0).getTypedConfig()
                .unpack(HttpConnectionManager.class);
    }

    @Test
    void theExtProcFilterSendsWhatTheAdapterNeedsAndFailsClosed() throws Exception {
        HttpConnectionManager manager = connectionManager(bootstrap());
        HttpFilter first = manager.getHttpFilters(0);
        ExternalProcessor extProc = first.getTypedConfig().unpack(ExternalProcessor.class);

        assertThat(extProc.getProcessingMode().getRequestBodyMode()).isEqualTo(ProcessingMode.BodySendMode.BUFFERED);
        assertThat(extProc.getProcessingMode().getResponseHeaderMode()).isEqualTo(ProcessingMode.HeaderSendMode.SEND);
        assertThat(extProc.getProcessingMode().getResponseBodyMode()).isEqualTo(ProcessingMode.BodySendMode.STREAMED);
        assertThat(extProc.getFailureModeAllow()).isFalse();
        assertThat(extProc.getGrpcService().getEnvoyGrpc().getClusterName()).isEqualTo("switchboard");
        assertThat(manager.getHttpFilters(manager.getHttpFiltersCount() - 1).getName())
                .isEqualTo("envoy.filters.http.router");
    }

    @Test
    void everySelectedModelRouteHasItsClusterAndSwitchboardSpeaksHttp2() throws Exception {
        Bootstrap bootstrap = bootstrap();
        Set<String> clusters = bootstrap.getStaticResources().getClustersList().stream().map(Cluster::getName)
                .collect(Collectors.toSet());
        List<Route> routes = connectionManager(bootstrap).getRouteConfig().getVirtualHosts(0).getRoutesList();
        List<Route> byModel = routes.stream().filter(r -> r.getMatch().getHeadersCount() > 0).toList();

        assertThat(byModel).hasSizeGreaterThanOrEqualTo(2).allSatisfy(route -> {
            assertThat(route.getMatch().getHeaders(0).getName()).isEqualTo(RequestPhase.SELECTED_MODEL);
            String model = route.getMatch().getHeaders(0).getStringMatch().getExact();
            assertThat(route.getRoute().getCluster()).as("one cluster per model, named as the model").isEqualTo(model);
            assertThat(clusters).contains(model);
        });
        Cluster switchboard = bootstrap.getStaticResources().getClustersList().stream()
                .filter(c -> c.getName().equals("switchboard")).findFirst().orElseThrow();
        HttpProtocolOptions options = switchboard.getTypedExtensionProtocolOptionsOrThrow(
                "envoy.extensions.upstreams.http.v3.HttpProtocolOptions").unpack(HttpProtocolOptions.class);
        assertThat(options.getExplicitHttpConfig().hasHttp2ProtocolOptions()).isTrue();
        assertThat(switchboard.getHealthChecks(0).hasGrpcHealthCheck()).isTrue();
    }
}
