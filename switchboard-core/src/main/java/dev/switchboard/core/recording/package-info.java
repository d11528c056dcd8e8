/**
 * Decision records: what the router decided for each auto-routed request, written as JSON lines by a listener,
 * and the outcomes clients report for them later ({@code POST /api/v1/feedback}), so that the router can be
 * retrained on the operator's own traffic with {@code switchboard train router --data FILE}.
 */
package dev.switchboard.core.recording;
