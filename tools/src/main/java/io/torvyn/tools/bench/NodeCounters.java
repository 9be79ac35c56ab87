package io.torvyn.tools.bench;

/**
 * One node's counters at one instant, or the difference between two instants: what bench subtracts to exclude the
 * warm-up and adds up over the runs of a flow that ends on its own.
 *
 * @param invocations   component calls (`component.invocations`)
 * @param elementsIn    elements taken off the node's input streams
 * @param elementsOut   elements the node published
 * @param errors        errors the error policy counted (`component.errors`)
 * @param dropped       elements the node dropped
 * @param fuel          fuel burnt (`component.fuel_consumed`)
 * @param meteredCalls  Wasm calls that burnt it, each with its own `fuel_per_invocation` budget
 * @param copies        payload copies the node made, every reason (`component.copies.total`)
 * @param copyBytes     bytes of those copies (`component.copies.bytes`)
 * @param writtenBytes  bytes of `payload-write` copies: for a source, the payload it produced
 */
public record NodeCounters(long invocations, long elementsIn, long elementsOut, long errors, long dropped, long fuel,
                           long meteredCalls, long copies, long copyBytes, long writtenBytes) {
    public static final NodeCounters ZERO = new NodeCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public NodeCounters minus(final NodeCounters o) {
        return new NodeCounters(invocations - o.invocations, elementsIn - o.elementsIn, elementsOut - o.elementsOut,
            errors - o.errors, dropped - o.dropped, fuel - o.fuel, meteredCalls - o.meteredCalls, copies - o.copies,
            copyBytes - o.copyBytes, writtenBytes - o.writtenBytes);
    }

    public NodeCounters plus(final NodeCounters o) {
        return new NodeCounters(invocations + o.invocations, elementsIn + o.elementsIn, elementsOut + o.elementsOut,
            errors + o.errors, dropped + o.dropped, fuel + o.fuel, meteredCalls + o.meteredCalls, copies + o.copies,
            copyBytes + o.copyBytes, writtenBytes + o.writtenBytes);
    }
}
