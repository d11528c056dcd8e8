package dev.switchboard.server.auth;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.ServiceRequestContext;

/**
 * The 401 a browser gets for a dashboard page when the admin plane has a token and the browser has not presented
 * it: a form that stores the typed token in a same-site cookie and reloads. It loads nothing and shows nothing of
 * the dashboard.
 */
final class LoginPage {

    private static final String HTML = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Switchboard admin sign-in</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <style>body{font:15px system-ui,sans-serif;display:grid;place-items:center;height:100vh;margin:0}
            form{display:grid;gap:.6rem;width:20rem}input,button{font:inherit;padding:.5rem}</style></head>
            <body><form id="f"><h1>Switchboard admin</h1><label for="t">Admin token (admin.token)</label>
            <input id="t" type="password" autocomplete="current-password" required autofocus>
            <button>Sign in</button></form><script>
            document.getElementById('f').addEventListener('submit', e => { e.preventDefault();
              document.cookie = 'switchboard_admin=' + encodeURIComponent(document.getElementById('t').value)
                + '; path=/; SameSite=Strict'; location.reload(); });
            </script></body></html>""";

    private LoginPage() {}

    /** A browser navigating to a dashboard page (not its API, not a script). */
    static boolean wanted(ServiceRequestContext ctx, HttpRequest req) {
        String accept = req.headers().get(HttpHeaderNames.ACCEPT, "");
        return req.method() == HttpMethod.GET && ctx.path().startsWith("/dashboard")
                && !ctx.path().startsWith("/dashboard/api/") && accept.contains("text/html");
    }

    static HttpResponse response() {
        return HttpResponse.builder().status(HttpStatus.UNAUTHORIZED).content(MediaType.HTML_UTF_8, HTML)
                .header(HttpHeaderNames.CACHE_CONTROL, "no-store").build();
    }
}
