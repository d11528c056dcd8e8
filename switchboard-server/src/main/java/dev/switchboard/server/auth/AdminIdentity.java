package dev.switchboard.server.auth;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.server.ServiceRequestContext;

/**
 * Names the admin behind a request for the audit log: how they were admitted (the admin token, or reaching the
 * loopback admin listener) and from which address. The admin plane has one credential, so this is as precise as
 * the identity gets; it never includes the token.
 */
public final class AdminIdentity {

    private AdminIdentity() {}

    public static String of(ServiceRequestContext ctx) {
        boolean token = ctx.request().headers().contains(HttpHeaderNames.AUTHORIZATION)
                || ctx.request().headers().get(HttpHeaderNames.COOKIE, "").contains(AdminTokenDecorator.COOKIE);
        return (token ? "admin token" : "admin listener") + " from " + ctx.clientAddress().getHostAddress();
    }
}
