package dev.switchboard.cli;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.Endpoint;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.client.endpoint.EndpointGroup;
import com.linecorp.armeria.client.endpoint.healthcheck.HealthCheckedEndpointGroup;
import com.linecorp.armeria.client.retry.RetryRule;
import com.linecorp.armeria.client.retry.RetryingClient;
import com.linecorp.armeria.common.SessionProtocol;
import com.linecorp.armeria.server.Server;
import java.time.Duration;
import java.util.List;

/**
 * The load balancer a platform puts in front of router replicas, built from Armeria's client parts: round robin
 * over the replicas whose {@code /ready} answers 200 (checked every 100 ms, as a Kubernetes Service follows
 * readiness), and a request that never reached a replica (connection refused, or an HTTP/2 stream the replica
 * refused with GOAWAY while stopping) retried on another one. A request a replica did start is never retried: a
 * chat completion is not idempotent.
 */
final class TestBalancer implements AutoCloseable {

    private final ClientFactory clients = ClientFactory.builder().build();
    private final HealthCheckedEndpointGroup replicas;
    private final Server server;

    TestBalancer(List<Integer> replicaPorts) {
        EndpointGroup all = EndpointGroup.of(replicaPorts.stream().map(p -> Endpoint.of("127.0.0.1", p)).toList());
        replicas = HealthCheckedEndpointGroup.builder(all, "/ready").clientFactory(clients)
                .retryInterval(Duration.ofMillis(100)).build();
        replicas.whenReady().join();
        WebClient upstream = WebClient.builder(SessionProtocol.H2C, replicas).factory(clients)
                .responseTimeout(Duration.ofSeconds(30))
                .decorator(RetryingClient.newDecorator(RetryRule.onUnprocessed(), 5))
                .build();
        server = Server.builder().http(0).requestTimeout(Duration.ofSeconds(30))
                .serviceUnder("/", (ctx, req) -> upstream.execute(req))
                .build();
        server.start().join();
    }

    int port() {
        return server.activeLocalPort();
    }

    /** The replicas the balancer now sends traffic to: those whose last readiness check passed. */
    List<Endpoint> healthyReplicas() {
        return replicas.endpoints();
    }

    @Override
    public void close() {
        server.stop().join();
        replicas.close();
        clients.close();
    }
}
