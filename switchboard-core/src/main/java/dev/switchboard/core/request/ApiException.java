package dev.switchboard.core.request;

/**
 * A failure the client should see as an OpenAI-style error: {@code {"error":{"message","type","code","param"}}}.
 * Messages are written for the client: they name the offending field and never carry stack traces or user data.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;
    private final String param;

    public ApiException(int status, String type, String code, String param, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    public static ApiException invalidRequest(String param, String message) {
        return new ApiException(400, "invalid_request_error", "invalid_request", param, message);
    }

    public static ApiException modelNotFound(String model) {
        return new ApiException(404, "invalid_request_error", "model_not_found", "model",
                "The model '" + model + "' does not exist. GET /v1/models lists the models this router serves.");
    }

    public static ApiException upstream(int status, String message) {
        return new ApiException(status, "upstream_error", "upstream_unavailable", null, message);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    /** The request field at fault, or null. */
    public String param() {
        return param;
    }
}
