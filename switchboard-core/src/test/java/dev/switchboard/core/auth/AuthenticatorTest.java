package dev.switchboard.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.config.AuthSettings;
import dev.switchboard.core.config.AuthSettings.Budget;
import dev.switchboard.core.config.AuthSettings.ClientKey;
import dev.switchboard.core.config.AuthSettings.RateLimit;
import dev.switchboard.core.config.AuthSettings.UpstreamKey;
import dev.switchboard.core.config.KeyDigest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Keys to tenants, and tenants' limits, without any HTTP. */
class AuthenticatorTest {

    private static ClientKey key(String name, String secret, RateLimit rate, Budget budget) {
        return new ClientKey(name, KeyDigest.of(secret), Set.of("auto"), Set.of(), rate, budget,
                UpstreamKey.OPERATOR);
    }

    private static final ClientKey APP = key("app", "sk-app-0123456789abcdef", new RateLimit(2, 0), Budget.NONE);
    private static final ClientKey BATCH = key("batch", "sk-batch-0123456789abcdef", new RateLimit(0, 100),
            Budget.NONE);
    private static final ClientKey DAILY = key("daily", "sk-daily-0123456789abcdef", RateLimit.NONE,
            new Budget(150, 0));
    private static final Authenticator AUTH = new Authenticator(new AuthSettings(List.of(APP, BATCH, DAILY)));

    private static Tenant tenant(String bearer) {
        AuthResult result = AUTH.authenticate(Map.of("authorization", bearer)::get);
        return ((AuthResult.Allowed) result).tenant();
    }

    @Test
    void aBearerKeyNamesItsTenant() {
        assertThat(tenant("Bearer sk-batch-0123456789abcdef").name()).isEqualTo("batch");
        assertThat(tenant("bearer   sk-app-0123456789abcdef").name()).isEqualTo("app");
    }

    @Test
    void missingMalformedAndUnknownKeysAreDenied() {
        assertThat(AUTH.authenticate(Map.<String, String>of()::get)).isInstanceOfSatisfying(AuthResult.Denied.class,
                d -> assertThat(d.denial().reason()).isEqualTo("missing_key"));
        assertThat(AUTH.authenticateBearer("Basic c2stYXBwOng=")).isInstanceOf(AuthResult.Denied.class);
        assertThat(AUTH.authenticateBearer("Bearer sk-app-0123456789abcdeF"))
                .isInstanceOfSatisfying(AuthResult.Denied.class, d -> {
                    assertThat(d.denial().status()).isEqualTo(401);
                    assertThat(d.denial().error().getMessage()).doesNotContain("sk-app");
                });
    }

    @Test
    void withoutKeysEveryoneIsAnonymous() {
        AuthResult result = new Authenticator(AuthSettings.OFF).authenticateBearer(null);
        assertThat(result).isEqualTo(new AuthResult.Allowed(Tenant.ANONYMOUS));
        assertThat(new RateLimits().tryAcquire(Tenant.ANONYMOUS, 1_000_000).join()).isEmpty();
    }

    @Test
    void permissionsNameTheModel() {
        Tenant app = tenant("Bearer sk-app-0123456789abcdef");
        assertThat(app.checkModel("auto")).isEmpty();
        assertThat(app.checkModel("gpt-big")).hasValueSatisfying(d -> {
            assertThat(d.status()).isEqualTo(403);
            assertThat(d.error().getMessage()).contains("'gpt-big'");
        });
        assertThat(app.checkDecision("anything")).isEmpty(); // no allowed_decisions: all allowed
    }

    @Test
    void requestsPastTheLimitAreDeniedWithAWait() {
        RateLimits limits = new RateLimits();
        Tenant app = tenant("Bearer sk-app-0123456789abcdef");
        assertThat(limits.tryAcquire(app, 10).join()).isEmpty();
        assertThat(limits.tryAcquire(app, 10).join()).isEmpty();
        assertThat(limits.tryAcquire(app, 10).join()).hasValueSatisfying(d -> {
            assertThat(d.status()).isEqualTo(429);
            assertThat(d.retryAfterSeconds()).isBetween(1L, 60L);
            assertThat(d.error().type()).isEqualTo("requests");
        });
    }

    @Test
    void completionTokensChargedAfterwardsHoldTheNextRequest() {
        RateLimits limits = new RateLimits();
        Tenant batch = tenant("Bearer sk-batch-0123456789abcdef");
        assertThat(limits.tryAcquire(batch, 30).join()).isEmpty();
        limits.charge(batch, 60); // 90 of 100 used
        assertThat(limits.tryAcquire(batch, 20).join()).hasValueSatisfying(d -> assertThat(d.error().type())
                .isEqualTo("tokens"));
        assertThat(limits.tryAcquire(batch, 10).join()).isEmpty(); // the refused request took nothing
    }

    @Test
    void aBudgetRunsOutWithInsufficientQuota() {
        RateLimits limits = new RateLimits();
        Tenant daily = tenant("Bearer sk-daily-0123456789abcdef");
        assertThat(limits.tryAcquire(daily, 100).join()).isEmpty();
        limits.charge(daily, 40);
        assertThat(limits.tryAcquire(daily, 20).join()).hasValueSatisfying(d -> {
            assertThat(d.error().code()).isEqualTo("insufficient_quota");
            assertThat(d.reason()).isEqualTo("budget_exhausted");
            assertThat(d.retryAfterSeconds()).isGreaterThan(3600); // the day's budget comes back at once, later
        });
    }
}
