package dev.switchboard.extproc;

import java.util.Map;

/** A way into the router for the shared request-path suite: the HTTP proxy, or Envoy with the ext_proc filter. */
interface Adapter {

    /** What the client received. Header names are lower case. */
    record Reply(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    /** POSTs {@code body} to {@code /v1/chat/completions} with {@code headers} (name, value, ...). */
    Reply chat(String body, String... headers) throws Exception;
}
