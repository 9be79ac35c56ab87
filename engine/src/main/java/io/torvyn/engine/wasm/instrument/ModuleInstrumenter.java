package io.torvyn.engine.wasm.instrument;

import com.dylibso.chicory.wasm.Parser;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;

/**
 * Rewrites a core Wasm module at load time so that both engines enforce the same limits with no engine support:
 * Chicory has no fuel, and wasmtime-java exposes neither fuel nor a memory limiter. Because the limits live in the
 * bytes, the Chicory compiler and Wasmtime run identical code and charge identical fuel for identical input.
 *
 * <h2>Fuel</h2>
 * With {@code fuelPerInvocation > 0} the module gets one more global, a mutable i64 appended after all imported and
 * defined globals (so no existing index moves) and exported as {@value #FUEL_GLOBAL_EXPORT}. It starts at
 * {@code fuelPerInvocation}, which meters the start function. Every straight-line segment of every defined function
 * subtracts its cost (its number of original instructions; see {@link FuelInjector} for where segments begin) before
 * it runs and executes {@code unreachable} when the counter has gone below zero. Host (imported) functions are not
 * metered. Inside a function the counter is cached in a local and written back to the global before every call and
 * every exit, so the global is exact whenever the host can observe it. The host contract:
 * <ol>
 *   <li>before a call, set {@value #FUEL_GLOBAL_EXPORT} to the budget (zero or more);</li>
 *   <li>after a call that returned, fuel used = budget − {@value #FUEL_GLOBAL_EXPORT}, the same on every engine;</li>
 *   <li>after a call that trapped, read {@value #FUEL_GLOBAL_EXPORT}: below zero means the trap was fuel exhaustion
 *   (E0401 ComponentTimeout, reason {@code fuel}); zero or more means a genuine trap (E0403 ComponentTrap), and
 *   the value then reflects the last call or exit before the trap, so fuel used is a lower bound;</li>
 *   <li>during a host import call the global is exact, and a value the host writes there is what the caller
 *   continues with.</li>
 * </ol>
 * A module that uses an instruction the decoder does not understand (SIMD, threads, exception handling, GC, typed
 * function references) is refused with E0100 rather than run partly unmetered.
 *
 * <h2>Metered calls</h2>
 * On wasmtime-java every host↔Wasm crossing costs microseconds, so steps 1 and 2 above (set the global, call, read
 * it) are three crossings. A metered module therefore also exports, for every exported function {@code NAME} with at
 * most one result, an uncharged wrapper named {@value #METERED_EXPORT_PREFIX}{@code NAME}
 * ({@link #meteredExport(String)}) that does all of it in one call: it sets {@value #FUEL_GLOBAL_EXPORT} to
 * {@code fuelPerInvocation}, calls {@code NAME} with the same arguments, and returns the original result with the
 * fuel the call used ({@code fuelPerInvocation} − the global afterwards):
 * <pre>
 *   NAME : (P...) -> (i32)     torvyn_metered$NAME : (P...) -> (i64)      used &lt;&lt; 32 | result (zero-extended)
 *   NAME : (P...) -> ()        torvyn_metered$NAME : (P...) -> (i64)      used
 *   NAME : (P...) -> (R)       torvyn_metered$NAME : (P...) -> (R, i64)   result, used
 * </pre>
 * The first, packed form is used when {@code fuelPerInvocation} fits 31 bits ({@code used} cannot exceed it on a
 * call that returns); above that an {@code i32} result gets the third form. The shape follows what the binding
 * charges (measured on wasmtime-java 0.19: about 5 µs per argument, 3.5 µs per result beyond the first, 0.7 µs to
 * ask a memory's size): the budget is a constant rather than an argument, the common {@code i32} result shares one
 * {@code i64} with the fuel, and the memory size is not returned because a result costs more than asking. The
 * wrapper charges nothing, so the fuel it reports is exactly what steps 1–2 give; a trap inside the call propagates
 * unchanged and leaves the global as step 3 describes. Wrappers are functions appended after all others (no index
 * moves), with their types appended to the type section; see {@link MeteredWrappers}.
 *
 * <h2>Metered batch calls</h2>
 * A batch call passes the element count, which the host has already written into the batch area header (field
 * {@code count}, an i32 at offset {@value #BATCH_COUNT_OFFSET}); on wasmtime-java that argument costs about as much as
 * the call itself. So when a metered module has exactly one memory and exports {@code torvyn_batch_area : (i32) ->
 * i32} and batch role exports ({@code torvyn_process_batch}, {@code _evaluate_}, {@code _route_}, {@code _ingest_},
 * {@code _push_}, {@code torvyn_pull_batch}) of type {@code (i32) -> i32}, each of those also gets an argument-free
 * wrapper {@value #METERED_BATCH_EXPORT_PREFIX}{@code NAME} ({@link #meteredBatchExport(String)}):
 * <pre>
 *   NAME : (i32) -> (i32)      torvyn_metered0$NAME : () -> (i64)    used &lt;&lt; 32 | result, as NAME(header.count)
 * </pre>
 * (or {@code () -> (i32, i64)} when the budget does not fit 31 bits). It reads the count from the area that the
 * wrapper {@code torvyn_metered$torvyn_batch_area} last returned, which that wrapper keeps (when positive) in one more
 * global: a mutable i32 after the fuel global, deliberately not exported, so that only the instrumenter's own code
 * writes it (the original cannot name it, see below, and the host has no handle on it). The host contract: obtain the
 * area through the metered twin of {@code torvyn_batch_area}, and write the count into the header before every
 * argument-free call; a call before any area was recorded traps ({@code unreachable}). Otherwise the call, its result,
 * its fuel and its traps are exactly those of the one-argument wrapper called with that count.
 * <p>
 * The prefixes {@value #METERED_EXPORT_PREFIX} and {@value #METERED_BATCH_EXPORT_PREFIX} are reserved: a module that
 * already exports such a name is refused when metered, so a wrapper the host finds in a metered module is always one
 * the instrumenter wrote. (The second prefix is not inside the first, so no original name can make a one-argument
 * wrapper collide with a batch one.)
 *
 * <h2>Memory</h2>
 * With {@code maxMemoryBytes > 0} the declared maximum of every memory (defined or imported) is lowered to
 * {@code floor(maxMemoryBytes / 65536)} pages, or added when absent, so {@code memory.grow} past it returns −1 on
 * both engines. A module whose minimum is above the cap is refused with E0404. An imported memory keeps working only
 * if the host supplies one whose maximum is within the cap. This applies with or without fuel.
 *
 * <p>When neither limit changes anything the input array is returned as is. Otherwise the output is checked by
 * parsing and validating it with Chicory, and a metered module's input is validated by itself as well: the fuel
 * and area globals and the wrappers take indices just past the original's, which invalid code could otherwise name.
 */
public final class ModuleInstrumenter {
    /** Export name of the fuel counter global. */
    public static final String FUEL_GLOBAL_EXPORT = "torvyn_fuel";
    /** Prefix of the metered wrapper exports; reserved in metered modules. */
    public static final String METERED_EXPORT_PREFIX = "torvyn_metered$";
    /** Prefix of the argument-free metered wrappers of batch exports; reserved in metered modules. */
    public static final String METERED_BATCH_EXPORT_PREFIX = "torvyn_metered0$";
    /**
     * Offset of the batch area header's {@code count} field (i32, little-endian) that the argument-free batch
     * wrappers read: spec/component-abi.md "Batch ABI", {@code torvyn_batch.count} in {@code torvyn.h}.
     */
    public static final int BATCH_COUNT_OFFSET = 0;
    /** Size of a Wasm page in bytes. */
    public static final int PAGE_SIZE = 65_536;

    private static final long MAX_PAGES_32 = 65_536;
    private static final String DEFAULT_ORIGIN = "module";
    private static final String UNSUPPORTED_HELP = "build the component without that feature (e.g. no -msimd128, "
        + "-pthread or -fwasm-exceptions), or set fuel_per_invocation = 0 to load it unmetered";

    private ModuleInstrumenter() {
    }

    /** Export name of the metered wrapper of the function exported as {@code export}. */
    public static String meteredExport(final String export) {
        return METERED_EXPORT_PREFIX + export;
    }

    /**
     * Export name of the argument-free metered wrapper of the batch export {@code export}, which takes the element
     * count from the batch area header.
     */
    public static String meteredBatchExport(final String export) {
        return METERED_BATCH_EXPORT_PREFIX + export;
    }

    /** Same as {@link #instrument(String, byte[], long, long)} with a generic origin in error locations. */
    public static InstrumentedModule instrument(final byte[] wasm, final long fuelPerInvocation,
                                                final long maxMemoryBytes) {
        return instrument(DEFAULT_ORIGIN, wasm, fuelPerInvocation, maxMemoryBytes);
    }

    /**
     * Applies fuel metering and the memory cap.
     *
     * @param origin            where the module came from (file or component name), used in error locations
     * @param wasm              a core module in binary format
     * @param fuelPerInvocation fuel budget per call; 0 disables metering
     * @param maxMemoryBytes    linear memory limit in bytes; 0 leaves memory limits alone
     * @return the module to load and how to drive it
     * @throws TorvynException E0100 when the module is malformed or uses an unsupported feature, E0404 when its
     *                         minimum memory is above the limit
     */
    public static InstrumentedModule instrument(final String origin, final byte[] wasm, final long fuelPerInvocation,
                                                final long maxMemoryBytes) {
        if (fuelPerInvocation < 0 || maxMemoryBytes < 0) {
            throw new IllegalArgumentException("fuel and memory limits must not be negative: fuel="
                + fuelPerInvocation + ", maxMemoryBytes=" + maxMemoryBytes);
        }
        if (fuelPerInvocation == 0 && maxMemoryBytes == 0) {
            return new InstrumentedModule(wasm, false, null, declaredMaximumIfReadable(wasm), 0, 0, 0);
        }
        final ModuleLayout layout = scan(origin, wasm);
        final long capPages = maxMemoryBytes > 0 ? Math.min(maxMemoryBytes / PAGE_SIZE, MAX_PAGES_32) : -1;
        final boolean memoryChanges = capPages >= 0 && checkMemories(origin, layout, capPages, maxMemoryBytes);
        if (fuelPerInvocation == 0 && !memoryChanges) {
            return new InstrumentedModule(wasm, false, null, layout.firstMemoryMaximum(), 0, 0, 0);
        }
        if (fuelPerInvocation > 0) {
            refuseReservedExports(origin, layout);
        }

        final ModuleRewriter rewriter = new ModuleRewriter(wasm, layout, fuelPerInvocation, capPages);
        final byte[] rewritten = rewrite(origin, rewriter);
        if (rewriter.metered()) {
            requireValid(origin, wasm);
        }
        validate(origin, wasm, rewritten);
        final FuelInjector injector = rewriter.injector();
        return new InstrumentedModule(rewritten, rewriter.metered(),
            rewriter.metered() ? FUEL_GLOBAL_EXPORT : null,
            cappedMaximum(layout, capPages),
            injector == null ? 0 : injector.functions(),
            injector == null ? 0 : injector.chargeSites(),
            rewriter.wrapperExports());
    }

    private static void refuseReservedExports(final String origin, final ModuleLayout layout) {
        String reserved = layout.exportNames.contains(FUEL_GLOBAL_EXPORT) ? FUEL_GLOBAL_EXPORT : null;
        for (final String name : layout.exportNames) {
            if (reserved == null
                && (name.startsWith(METERED_EXPORT_PREFIX) || name.startsWith(METERED_BATCH_EXPORT_PREFIX))) {
                reserved = name;
            }
        }
        if (reserved != null) {
            throw new TorvynException(ErrorCode.E0100, "module already exports `" + reserved
                + "`, a name the engine reserves for metering (instrumented twice?)", origin,
                "load the original module; the engine meters it itself");
        }
    }

    /**
     * Metering adds globals and functions at indices the original code cannot name, so the original must be
     * validated by itself: code that refers to an index just past its own would otherwise reach the fuel counter or
     * a wrapper once they exist, and could reset its own budget.
     */
    private static void requireValid(final String origin, final byte[] original) {
        try {
            Parser.parse(original);
        } catch (final RuntimeException invalid) {
            throw new TorvynException(ErrorCode.E0100, "module is not valid WebAssembly: " + invalid.getMessage(),
                origin, "rebuild the component; check it with wasm-validate");
        }
    }

    /** With no limit requested the module is not the rewriter's business: the engine's own parser reports defects. */
    private static int declaredMaximumIfReadable(final byte[] wasm) {
        try {
            return ModuleLayout.scan(wasm).firstMemoryMaximum();
        } catch (final MalformedWasmException | UnsupportedInstructionException e) {
            return -1;
        }
    }

    private static ModuleLayout scan(final String origin, final byte[] wasm) {
        try {
            return ModuleLayout.scan(wasm);
        } catch (final MalformedWasmException e) {
            throw malformed(origin, e, "");
        } catch (final UnsupportedInstructionException e) {
            throw unsupported(origin, e, "");
        }
    }

    private static byte[] rewrite(final String origin, final ModuleRewriter rewriter) {
        try {
            return rewriter.rewrite();
        } catch (final MalformedWasmException e) {
            throw malformed(origin, e, functionLocation(rewriter));
        } catch (final UnsupportedInstructionException e) {
            throw unsupported(origin, e, functionLocation(rewriter));
        }
    }

    private static String functionLocation(final ModuleRewriter rewriter) {
        final FuelInjector injector = rewriter.injector();
        return injector != null && injector.currentFunction() >= 0 ? ", function " + injector.currentFunction() : "";
    }

    /** Refuses a minimum above the cap; returns true when some maximum has to be lowered or added. */
    private static boolean checkMemories(final String origin, final ModuleLayout layout, final long capPages,
                                         final long maxMemoryBytes) {
        boolean changes = false;
        for (int i = 0; i < layout.memories.size(); i++) {
            final ModuleLayout.MemoryDeclaration memory = layout.memories.get(i);
            final long minimum = memory.limits().minimum();
            if (memory.limits().is64()) {
                throw new TorvynException(ErrorCode.E0100, "module uses a 64-bit memory, which the memory limit "
                    + "cannot be applied to", origin + ", memory " + i,
                    "build the component for wasm32, or set the memory limit to 0");
            }
            if (minimum > capPages) {
                throw new TorvynException(ErrorCode.E0404,
                    "initial memory of " + minimum + " pages (" + minimum * PAGE_SIZE + " bytes) is above the limit of "
                        + capPages + " pages (" + maxMemoryBytes + " bytes)",
                    origin + ", memory " + i + (memory.imported() ? " (imported)" : ""),
                    "raise max_memory_per_component (or the node's max_memory) to at least " + minimum * PAGE_SIZE
                        + " bytes, or link the component with a smaller initial memory (wasm-ld --initial-memory)");
            }
            changes |= memory.limits().exceeds(capPages);
        }
        return changes;
    }

    private static int cappedMaximum(final ModuleLayout layout, final long capPages) {
        if (layout.memories.isEmpty()) {
            return -1;
        }
        final MemoryLimits first = layout.memories.get(0).limits();
        return (int) (capPages >= 0 ? first.cappedAt(capPages).maximum() : first.maximum());
    }

    private static void validate(final String origin, final byte[] original, final byte[] rewritten) {
        try {
            Parser.parse(rewritten);
        } catch (final RuntimeException rewrittenFailure) {
            try {
                Parser.parse(original);
            } catch (final RuntimeException originalFailure) {
                throw new TorvynException(ErrorCode.E0100, "module is not valid WebAssembly: "
                    + originalFailure.getMessage(), origin, "rebuild the component; check it with wasm-validate");
            }
            throw new TorvynException(ErrorCode.E0100, "module could not be instrumented: the rewritten module does "
                + "not validate (" + rewrittenFailure.getMessage() + ")", origin,
                "this is a bug in the instrumenter; set fuel_per_invocation = 0 to load the module unmetered");
        }
    }

    private static TorvynException malformed(final String origin, final MalformedWasmException e,
                                             final String location) {
        return new TorvynException(ErrorCode.E0100, "module is not valid WebAssembly: " + e.getMessage(),
            origin + location + ", byte offset 0x" + Integer.toHexString(e.offset()),
            "rebuild the component; check it with wasm-validate");
    }

    private static TorvynException unsupported(final String origin, final UnsupportedInstructionException e,
                                               final String location) {
        return new TorvynException(ErrorCode.E0100,
            "module uses an instruction the instrumenter does not support: " + e.getMessage(),
            origin + location + ", byte offset 0x" + Integer.toHexString(e.offset()), UNSUPPORTED_HELP);
    }
}
