package dev.switchboard.core.auth;

import dev.switchboard.core.config.AuthSettings;
import dev.switchboard.core.config.AuthSettings.ClientKey;
import dev.switchboard.core.config.KeyDigest;
import java.util.Locale;
import java.util.function.Function;

/**
 * Finds the tenant of a request from its {@code Authorization: Bearer <key>} header. The presented key is hashed
 * once and compared with every configured digest in constant time, without stopping at a match, so neither the
 * comparison nor the position of the matching key shows in the response time. Knows nothing of HTTP libraries:
 * the HTTP proxy and the Envoy adapter both pass a header lookup.
 */
public final class Authenticator {

    private static final String BEARER = "bearer ";

    private final AuthSettings settings;

    public Authenticator(AuthSettings settings) {
        this.settings = settings;
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** @param headers looks up a request header by lower-case name; null when absent */
    public AuthResult authenticate(Function<String, String> headers) {
        return authenticateBearer(headers.apply("authorization"));
    }

    /** @param authorization the {@code Authorization} header's value, or null */
    public AuthResult authenticateBearer(String authorization) {
        if (!settings.enabled()) {
            return new AuthResult.Allowed(Tenant.ANONYMOUS);
        }
        String key = bearerToken(authorization);
        if (key == null) {
            return new AuthResult.Denied(Denial.missingKey());
        }
        ClientKey found = find(KeyDigest.sha256(key));
        return found == null ? new AuthResult.Denied(Denial.unknownKey()) : new AuthResult.Allowed(Tenant.of(found));
    }

    private ClientKey find(byte[] presented) {
        ClientKey found = null;
        for (ClientKey candidate : settings.keys()) {
            if (candidate.digest().matchesDigest(presented)) {
                found = candidate; // no early exit: every request costs the same comparisons
            }
        }
        return found;
    }

    /** The token of a {@code Bearer} credential, or null when there is none. */
    public static String bearerToken(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return null;
        }
        String token = authorization.substring(BEARER.length()).strip();
        return token.isEmpty() ? null : token;
    }
}
