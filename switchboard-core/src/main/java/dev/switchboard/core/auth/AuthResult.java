package dev.switchboard.core.auth;

/** The outcome of {@link Authenticator#authenticate}: a tenant, or a denial to answer with. */
public sealed interface AuthResult {

    /** The request may go on, on behalf of {@code tenant}. */
    record Allowed(Tenant tenant) implements AuthResult {}

    /** The request ends here with {@code denial} (401). */
    record Denied(Denial denial) implements AuthResult {}
}
