package dev.switchboard.server.health;

/**
 * Where the router is in its life, as {@code /ready} reports it: starting (the port is open and {@code /health}
 * answers, but the encoder and heads are still loading or the self-check has not passed), ready, or draining (a stop
 * was asked for; in-flight requests finish while load balancers take the replica out).
 */
public final class Readiness {

    /** The life stages, in order; each answers {@code /ready} with its lower-case name. */
    public enum State { STARTING, READY, DRAINING }

    private volatile State state = State.STARTING;

    public State state() {
        return state;
    }

    /** True while requests other than health and readiness may be served. */
    public boolean serving() {
        return state != State.STARTING;
    }

    /** The self-check passed: from now on {@code /ready} says ready (or degraded). */
    public void ready() {
        if (state == State.STARTING) {
            state = State.READY;
        }
    }

    /** A stop began: {@code /ready} fails from now on, so a load balancer stops sending new requests. */
    public void draining() {
        state = State.DRAINING;
    }
}
