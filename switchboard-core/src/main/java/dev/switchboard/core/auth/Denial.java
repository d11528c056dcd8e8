package dev.switchboard.core.auth;

import dev.switchboard.core.request.ApiException;

/**
 * Why a request may not proceed, as the client will see it: an OpenAI-style error, plus how long to wait before
 * retrying when waiting helps (rate limits and budgets). Messages name the tenant's model or limit, never a key.
 *
 * @param error             the error to answer with
 * @param retryAfterSeconds seconds until a retry can succeed, for a {@code Retry-After} header; 0 when waiting
 *                          does not help
 * @param reason            a short label for metrics and logs: unauthenticated, model_not_allowed, ...
 */
public record Denial(ApiException error, long retryAfterSeconds, String reason) {

    static Denial missingKey() {
        return new Denial(new ApiException(401, "invalid_request_error", "invalid_api_key", null,
                "No API key was provided. Send it as `Authorization: Bearer <key>`."), 0, "missing_key");
    }

    static Denial unknownKey() {
        return new Denial(new ApiException(401, "invalid_request_error", "invalid_api_key", null,
                "Incorrect API key provided."), 0, "invalid_key");
    }

    static Denial modelNotAllowed(String tenant, String model) {
        return new Denial(new ApiException(403, "invalid_request_error", "model_not_allowed", "model",
                "The API key `" + tenant + "` may not use the model '" + model + "'."), 0, "model_not_allowed");
    }

    static Denial decisionNotAllowed(String tenant, String decision) {
        return new Denial(new ApiException(403, "invalid_request_error", "decision_not_allowed", "model",
                "The API key `" + tenant + "` may not use the route '" + decision + "' this request took."),
                0, "decision_not_allowed");
    }

    /** @param unit "requests" or "tokens", as OpenAI names the limit in the error type */
    static Denial rateLimited(String tenant, String unit, long limit, long retryAfterSeconds) {
        return new Denial(new ApiException(429, unit, "rate_limit_exceeded", null,
                "Rate limit reached for `" + tenant + "` on " + unit + " per minute: limit " + limit
                        + ". Retry after " + retryAfterSeconds + "s."), retryAfterSeconds, "rate_limited");
    }

    static Denial budgetExhausted(String tenant, long retryAfterSeconds) {
        return new Denial(new ApiException(429, "insufficient_quota", "insufficient_quota", null,
                "The token budget of `" + tenant + "` is used up. Retry after " + retryAfterSeconds + "s."),
                retryAfterSeconds, "budget_exhausted");
    }

    public int status() {
        return error.status();
    }
}
