package io.torvyn.engine.wasm.instrument;

/**
 * The result of {@link ModuleInstrumenter#instrument}: the bytes both engines load, and what the host needs to know to
 * drive them. The record's {@code equals} compares the byte array by reference.
 *
 * @param bytes            the module to load: the input array itself when nothing had to change
 * @param metered          true when the code charges fuel to the exported fuel global
 * @param fuelGlobalExport name of the exported mutable i64 fuel global
 *                         ({@value ModuleInstrumenter#FUEL_GLOBAL_EXPORT}), or null when not metered
 * @param maxPages         declared maximum of memory 0 in 64 KiB pages after the rewrite, or -1 when the module has
 *                         no memory or declares no maximum
 * @param meteredFunctions number of function bodies that charge fuel
 * @param chargeSites      number of fuel-charging sequences injected, a measure of the code-size overhead
 * @param meteredExports   number of metered wrapper exports added ({@link ModuleInstrumenter#meteredExport} and
 *                         {@link ModuleInstrumenter#meteredBatchExport})
 */
public record InstrumentedModule(byte[] bytes, boolean metered, String fuelGlobalExport, int maxPages,
                                 int meteredFunctions, int chargeSites, int meteredExports) {
}
