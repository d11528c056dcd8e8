package dev.switchboard.core.auth;

import dev.switchboard.core.config.AuthSettings.ClientKey;
import dev.switchboard.core.config.AuthSettings.UpstreamKey;
import java.util.Optional;

/**
 * Who sent a request: the tenant named by the API key it carried, or {@link #ANONYMOUS} when authentication is
 * off. The name is what metrics, logs and cache partitions use; the key itself is never part of a tenant.
 *
 * @param name the key's configured name
 * @param key  the key's permissions and limits; null for {@link #ANONYMOUS}
 */
public record Tenant(String name, ClientKey key) {

    /** Every request when no {@code auth} section is configured. */
    public static final Tenant ANONYMOUS = new Tenant("anonymous", null);

    static Tenant of(ClientKey key) {
        return new Tenant(key.name(), key);
    }

    public boolean isAnonymous() {
        return key == null;
    }

    /** True when the client's own {@code Authorization} header should go upstream instead of the operator's. */
    public boolean passesClientKey() {
        return key != null && key.upstreamKey() == UpstreamKey.CLIENT;
    }

    /** A 403 when this tenant may not ask for {@code model} (a model name or an auto-routing name). */
    public Optional<Denial> checkModel(String model) {
        if (key == null || key.allowedModels().isEmpty() || key.allowedModels().contains(model)) {
            return Optional.empty();
        }
        return Optional.of(Denial.modelNotAllowed(name, model));
    }

    /**
     * A 403 when a routed request of this tenant took a decision it may not use. A request that matched no
     * decision ({@code decision} null) goes to the default model, which every tenant may reach.
     */
    public Optional<Denial> checkDecision(String decision) {
        if (key == null || decision == null || key.allowedDecisions().isEmpty()
                || key.allowedDecisions().contains(decision)) {
            return Optional.empty();
        }
        return Optional.of(Denial.decisionNotAllowed(name, decision));
    }
}
