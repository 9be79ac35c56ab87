package io.torvyn.engine.wasm.wasmtime;

import io.github.kawamuray.wasmtime.Caller;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.FuncType;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import io.torvyn.engine.wasm.FunctionSignature;
import io.torvyn.engine.wasm.HostImport;
import io.torvyn.engine.wasm.TorvynHost;
import io.torvyn.engine.wasm.ValueType;

import java.util.List;

/**
 * Binds the {@code "torvyn"} imports to a {@link TorvynHost} as wasmtime-java {@link Func}s. Every import goes
 * through {@link Guarded}, which tells the instance that guest code ran (its memory view may be stale) and keeps any
 * exception the host throws: the binding turns it into a bare trap, so the instance rethrows the kept one instead.
 * The binding boxes every argument and result ({@link Val}); that cost is why the wasmtime hot path is the batch ABI.
 */
final class WasmtimeHostFunctions {

    private WasmtimeHostFunctions() {
    }

    /** What an import needs from its instance around the host call. */
    interface Guard {
        void enterHost(Caller<Void> caller);

        void hostFailed(Throwable failure);
    }

    static Func create(final Store<Void> store, final HostImport hostImport, final TorvynHost host,
                       final Guard guard) {
        return new Func(store, funcType(hostImport.signature()), new Guarded(handler(hostImport, host), guard));
    }

    private static final class Guarded implements Func.Handler<Void> {
        private final Func.Handler<Void> body;
        private final Guard guard;

        Guarded(final Func.Handler<Void> body, final Guard guard) {
            this.body = body;
            this.guard = guard;
        }

        @Override
        public void call(final Caller<Void> caller, final Val[] params, final Val[] results) {
            guard.enterHost(caller);
            try {
                body.call(caller, params, results);
            } catch (final RuntimeException | Error e) {
                guard.hostFailed(e);
                throw e;
            }
        }
    }

    private static Func.Handler<Void> handler(final HostImport hostImport, final TorvynHost host) {
        return switch (hostImport) {
            case BUFFER_SIZE -> (c, p, r) -> r[0] = Val.fromI64(host.bufferSize(p[0].i32()));
            case BUFFER_CONTENT_TYPE -> (c, p, r) ->
                r[0] = Val.fromI32(host.bufferContentType(p[0].i32(), p[1].i32(), p[2].i32()));
            case BUFFER_READ -> (c, p, r) ->
                r[0] = Val.fromI32(host.bufferRead(p[0].i32(), p[1].i64(), p[2].i32(), p[3].i32()));
            case BUFFER_ALLOC -> (c, p, r) -> r[0] = Val.fromI32(host.bufferAlloc(p[0].i64()));
            case BUFFER_CLONE -> (c, p, r) -> r[0] = Val.fromI32(host.bufferClone(p[0].i32()));
            case BUFFER_WRITE -> (c, p, r) ->
                r[0] = Val.fromI32(host.bufferWrite(p[0].i32(), p[1].i64(), p[2].i32(), p[3].i32()));
            case BUFFER_APPEND -> (c, p, r) ->
                r[0] = Val.fromI32(host.bufferAppend(p[0].i32(), p[1].i32(), p[2].i32()));
            case BUFFER_SET_CONTENT_TYPE -> (c, p, r) ->
                r[0] = Val.fromI32(host.bufferSetContentType(p[0].i32(), p[1].i32(), p[2].i32()));
            case BUFFER_RELEASE -> (c, p, r) -> r[0] = Val.fromI32(host.bufferRelease(p[0].i32()));
            case ELEMENT_SEQUENCE -> (c, p, r) -> r[0] = Val.fromI64(host.elementSequence(p[0].i32()));
            case ELEMENT_TIMESTAMP_NS -> (c, p, r) -> r[0] = Val.fromI64(host.elementTimestampNs(p[0].i32()));
            case EMIT -> (c, p, r) -> r[0] = Val.fromI32(host.emit(p[0].i32(), p[1].i32()));
            case CONFIG -> (c, p, r) -> r[0] = Val.fromI32(host.config(p[0].i32(), p[1].i32()));
            case DEADLINE_NS -> (c, p, r) -> r[0] = Val.fromI64(host.deadlineNs());
            case LOG -> (c, p, r) -> host.log(p[0].i32(), p[1].i32(), p[2].i32());
            case FAIL -> (c, p, r) -> host.fail(p[0].i32(), p[1].i32(), p[2].i32());
        };
    }

    static FuncType funcType(final FunctionSignature signature) {
        return new FuncType(valTypes(signature.params()), valTypes(signature.results()));
    }

    private static Val.Type[] valTypes(final List<ValueType> types) {
        final Val.Type[] out = new Val.Type[types.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (types.get(i)) {
                case I32 -> Val.Type.I32;
                case I64 -> Val.Type.I64;
                case F32 -> Val.Type.F32;
                case F64 -> Val.Type.F64;
                default -> throw new IllegalArgumentException("host imports use numeric types only: " + types.get(i));
            };
        }
        return out;
    }
}
