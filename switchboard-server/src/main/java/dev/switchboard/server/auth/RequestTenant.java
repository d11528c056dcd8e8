package dev.switchboard.server.auth;

import com.linecorp.armeria.common.RequestContext;
import dev.switchboard.core.auth.Tenant;
import io.netty.util.AttributeKey;

/**
 * The tenant a request was authenticated as, kept on its Armeria context by {@link ClientAuthDecorator}. Anything
 * downstream (the proxy, the cache, the classification API) asks here instead of reading headers again.
 */
public final class RequestTenant {

    private static final AttributeKey<Tenant> TENANT = AttributeKey.valueOf(RequestTenant.class, "TENANT");

    private RequestTenant() {}

    /** The request's tenant; {@link Tenant#ANONYMOUS} when authentication is off. */
    public static Tenant of(RequestContext ctx) {
        Tenant tenant = ctx.attr(TENANT);
        return tenant == null ? Tenant.ANONYMOUS : tenant;
    }

    static void set(RequestContext ctx, Tenant tenant) {
        ctx.setAttr(TENANT, tenant);
    }
}
