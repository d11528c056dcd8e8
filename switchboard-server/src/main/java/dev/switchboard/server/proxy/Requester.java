package dev.switchboard.server.proxy;

import dev.switchboard.core.auth.Tenant;
import dev.switchboard.core.listener.RequestEvents;

/**
 * Who a request is relayed for: its tenant (charged for the tokens it uses), the {@code Authorization} header
 * to send upstream in place of the model's own, when the tenant's key says {@code upstream_key: client}, and the
 * cancellation that stops the upstream call when the client goes away.
 *
 * @param tenant                the authenticated tenant, or {@link Tenant#ANONYMOUS}
 * @param upstreamAuthorization the client's header to pass through, or null to use the operator's key
 * @param cancellation          follows the client's request
 * @param events                where the request's upstream attempts are reported
 */
record Requester(Tenant tenant, String upstreamAuthorization, RequestCancellation cancellation,
                 RequestEvents events) {

    @Override
    public String toString() {
        return "Requester[" + tenant.name() + "]"; // never the header
    }
}
