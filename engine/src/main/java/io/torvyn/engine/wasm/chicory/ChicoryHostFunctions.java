package io.torvyn.engine.wasm.chicory;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.WasmFunctionHandle;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import com.dylibso.chicory.wasm.types.Value;
import io.torvyn.engine.wasm.FunctionSignature;
import io.torvyn.engine.wasm.HostImport;
import io.torvyn.engine.wasm.TorvynHost;
import io.torvyn.engine.wasm.ValueType;

import java.util.ArrayList;
import java.util.List;

/**
 * Binds the {@code "torvyn"} imports to a {@link TorvynHost} as Chicory {@link HostFunction}s: plain Java calls from
 * the compiled guest, no reflection and no boxing. Each instance gets its own set sharing one result array, which is
 * safe because the compiled caller reads the result before any other import can run; so an import call allocates
 * nothing on this side (Chicory's own argument array remains). An exception from the host is kept in the instance's
 * {@link HostFailureSlot} on its way out, so it is never mistaken for a guest trap.
 */
final class ChicoryHostFunctions {

    private ChicoryHostFunctions() {
    }

    /** Host functions for exactly the imports the module declares (linking was checked before). */
    static List<HostFunction> create(final List<HostImport> imported, final TorvynHost host,
                                     final HostFailureSlot slot) {
        final long[] result = new long[1];
        final List<HostFunction> functions = new ArrayList<>(imported.size());
        for (final HostImport hostImport : imported) {
            functions.add(new HostFunction(HostImport.MODULE, hostImport.importName(),
                functionType(hostImport.signature()), handle(hostImport, host, result, slot)));
        }
        return functions;
    }

    private static WasmFunctionHandle handle(final HostImport hostImport, final TorvynHost host, final long[] r,
                                             final HostFailureSlot slot) {
        return switch (hostImport) {
            case BUFFER_SIZE -> (instance, a) -> {
                try {
                    r[0] = host.bufferSize((int) a[0]);
                    return r;
                } catch (final RuntimeException | Error e) {
                    slot.keep(e);
                    throw e;
                }
            };
            case BUFFER_CONTENT_TYPE -> (instance, a) -> {
                try {
                    r[0] = host.bufferContentType((int) a[0], (int) a[1], (int) a[2]);
                    return r;
                } catch (final RuntimeException | Error e) {
                    slot.keep(e);
                    throw e;
                }
            };
            case BUFFER_READ -> (instance, a) -> {
                try {
                    r[0] = host.bufferRead((int) a[0], a[1], (int) a[2], (int) a[3]);
                    return r;
                } catch (final RuntimeException | Error e) {
                    slot.keep(e);
                    throw e;
                }
            };
            case BUFFER_ALLOC -> (instance, a) -> {
                try {
                    r[0] = host.bufferAlloc(a[0]);
                    return r;
                } catch (final RuntimeException | Error e) {
                    slot.keep(e);
                    throw e;
                }
            };
            case BUFFER_CLONE -> (instance, a) -> {
                try {
                    r[0] = host.bufferClone((int) a[0]);
                    return r;
                } catch (final RuntimeException | Error e) {
                    slot.keep(e);
                    throw e;
                }
            };
            case BUFFER_WRITE -> (instance, a) -> {
                try {
                    r[0] = host.bufferWrite((int) a[0], a[1], (int) a[2], (int) a[3]);
                    return r;
                } catch (final RuntimeException | Error e) {
                    slot.keep(e);
                    throw e;
                }
            };
            case BUFFER_APPEND -> (instance, a) -> {
                try {
                    r[0] = host.bufferAppend((int) a[0], (int) a[1], (int) a[2]);
                    return r;
                } catch (final RuntimeException | Error e) {
                    slot.keep(e);
                    throw e;
                }
            };
            case BUFFER_SET_CONTENT_TYPE -> (instance, a) -> {
                try {
                    r[0] = host.bufferSetContentType((int) a[0], (int) a[1], (int) a[2]);
                    return r;
                } catch (final RuntimeException | Error e) {
                    slot.keep(e);
                    throw e;
                }
            };
            case BUFFER_RELEASE -> (instance, a) -> {
                try {
                    r[0] = host.bufferRelease((int) a[0]);
                    return r;
                } catch (final RuntimeException | Error e) {
                    slot.keep(e);
                    throw e;
                }
            };
            case ELEMENT_SEQUENCE -> (instance, a) -> {
                try {
                    r[0] = host.elementSequence((int) a[0]);
                    return r;
                } catch (final RuntimeException | Error e) {
                    slot.keep(e);
                    throw e;
                }
            };
            case ELEMENT_TIMESTAMP_NS -> (instance, a) -> {
                try {
                    r[0] = host.elementTimestampNs((int) a[0]);
                    return r;
                } catch (final RuntimeException | Error e) {
                    slot.keep(e);
                    throw e;
                }
            };
            case EMIT -> (instance, a) -> {
                try {
                    r[0] = host.emit((int) a[0], (int) a[1]);
                    return r;
                } catch (final RuntimeException | Error e) {
                    slot.keep(e);
                    throw e;
                }
            };
            case CONFIG -> (instance, a) -> {
                try {
                    r[0] = host.config((int) a[0], (int) a[1]);
                    return r;
                } catch (final RuntimeException | Error e) {
                    slot.keep(e);
                    throw e;
                }
            };
            case DEADLINE_NS -> (instance, a) -> {
                try {
                    r[0] = host.deadlineNs();
                    return r;
                } catch (final RuntimeException | Error e) {
                    slot.keep(e);
                    throw e;
                }
            };
            case LOG -> (instance, a) -> {
                try {
                    host.log((int) a[0], (int) a[1], (int) a[2]);
                    return Value.EMPTY_VALUES;
                } catch (final RuntimeException | Error e) {
                    slot.keep(e);
                    throw e;
                }
            };
            case FAIL -> (instance, a) -> {
                try {
                    host.fail((int) a[0], (int) a[1], (int) a[2]);
                    return Value.EMPTY_VALUES;
                } catch (final RuntimeException | Error e) {
                    slot.keep(e);
                    throw e;
                }
            };
        };
    }

    private static FunctionType functionType(final FunctionSignature signature) {
        return FunctionType.of(valTypes(signature.params()), valTypes(signature.results()));
    }

    private static List<ValType> valTypes(final List<ValueType> types) {
        final List<ValType> out = new ArrayList<>(types.size());
        for (final ValueType type : types) {
            out.add(switch (type) {
                case I32 -> ValType.I32;
                case I64 -> ValType.I64;
                case F32 -> ValType.F32;
                case F64 -> ValType.F64;
                default -> throw new IllegalArgumentException("host imports use numeric types only: " + type);
            });
        }
        return out;
    }
}
