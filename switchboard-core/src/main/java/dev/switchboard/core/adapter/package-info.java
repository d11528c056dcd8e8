/**
 * What the two request adapters (the HTTP proxy and the Envoy ext_proc service) share once a request is planned:
 * the {@code x-vsr-*} headers, the answers the router writes itself, and the taps on a relayed answer (usage, PII
 * restoration, rebuilding a streamed completion for the cache, the cache writer). Knows nothing of HTTP libraries.
 */
package dev.switchboard.core.adapter;
