package dev.switchboard.server.auth;

import dev.switchboard.core.auth.Denial;
import dev.switchboard.core.auth.Tenant;
import dev.switchboard.core.listener.RouterListener;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenant's permissions, checked where the facts are known: the requested model once the body is parsed, the
 * decision once the request is planned. A refusal is told to the router's listeners (metrics count it), logged
 * with the tenant's name, and thrown as the 403 the client gets.
 */
public final class TenantGate {

    private static final Logger log = LoggerFactory.getLogger(TenantGate.class);

    private final RouterListener listener;

    public TenantGate(RouterListener listener) {
        this.listener = listener;
    }

    /** Throws the 403 unless {@code tenant} may ask for {@code model}. */
    public void checkModel(Tenant tenant, String model) {
        refuseIfPresent(tenant, tenant.checkModel(model));
    }

    /** Throws the 403 unless {@code tenant} may take {@code decision} (null: no decision matched). */
    public void checkDecision(Tenant tenant, String decision) {
        refuseIfPresent(tenant, tenant.checkDecision(decision));
    }

    private void refuseIfPresent(Tenant tenant, Optional<Denial> denial) {
        if (denial.isPresent()) {
            listener.tenantRefused(tenant.name(), denial.get().reason());
            log.info("Refused a request of tenant {}: {}", tenant.name(), denial.get().error().getMessage());
            throw denial.get().error();
        }
    }
}
