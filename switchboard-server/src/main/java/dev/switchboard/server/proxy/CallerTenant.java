package dev.switchboard.server.proxy;

import com.linecorp.armeria.server.ServiceRequestContext;
import io.netty.util.AttributeKey;

/**
 * The one place the proxy learns which tenant sent a request: authentication stores the tenant's name (never its
 * API key) in the request context under {@link #KEY}; the cache keys partitions by it. Null when no authentication
 * named one — such requests share the anonymous partition.
 */
public final class CallerTenant {

    /** Set by the authentication decorator. */
    public static final AttributeKey<String> KEY = AttributeKey.valueOf(CallerTenant.class, "tenant");

    private CallerTenant() {}

    /** The tenant of the request in {@code ctx}, or null. */
    public static String of(ServiceRequestContext ctx) {
        return ctx.attr(KEY);
    }
}
