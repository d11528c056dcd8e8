package dev.switchboard.extproc;

import dev.switchboard.core.adapter.RouterHandle;
import io.envoyproxy.envoy.service.ext_proc.v3.ExternalProcessorGrpc;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.grpc.stub.StreamObserver;

/** {@code envoy.service.ext_proc.v3.ExternalProcessor}: one {@link ProcessingStream} per HTTP request. */
public final class ExternalProcessorService extends ExternalProcessorGrpc.ExternalProcessorImplBase {

    private final RouterHandle router;

    public ExternalProcessorService(RouterHandle router) {
        this.router = router;
    }

    @Override
    public StreamObserver<ProcessingRequest> process(StreamObserver<ProcessingResponse> responseObserver) {
        return new ProcessingStream(router, responseObserver);
    }
}
