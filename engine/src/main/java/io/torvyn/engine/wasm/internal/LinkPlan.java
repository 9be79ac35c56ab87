package io.torvyn.engine.wasm.internal;

import io.torvyn.engine.wasm.HostImport;
import io.torvyn.engine.wasm.ImportInfo;
import io.torvyn.engine.wasm.InstanceOptions;
import io.torvyn.engine.wasm.LinearMemoryLimits;
import io.torvyn.engine.wasm.ModuleContract;
import io.torvyn.engine.wasm.ModuleDescriptor;
import io.torvyn.engine.wasm.WasmFailures;

import java.util.ArrayList;
import java.util.List;

/**
 * What an instantiation needs, decided the same way for both engines before either touches its runtime: the imports
 * link (E0102/E0103/E0500), the memory minimum fits the cap (E0404), which host functions to bind and the effective
 * memory maximum.
 *
 * @param hostImports   the {@code "torvyn"} functions the module imports, in import order
 * @param wasiImported  whether it imports anything from WASI
 * @param maxPages      effective maximum pages (module maximum lowered to the cap), or
 *                      {@link LinearMemoryLimits#NO_MAX}
 * @param where         the "where" for the instance's problems
 */
public record LinkPlan(List<HostImport> hostImports, boolean wasiImported, long maxPages, String where) {

    /** 4 GiB: no wasm32 memory can have more pages, so a larger cap is no cap. */
    private static final long WASM32_MAX_PAGES = 65_536;

    public static LinkPlan of(final ModuleDescriptor module, final InstanceOptions options) {
        final String where = options.whereOr(module.name());
        ModuleContract.requireLinkable(module, options.wasi());
        final List<HostImport> hostImports = new ArrayList<>();
        boolean wasi = false;
        for (final ImportInfo imported : module.imports()) {
            if (HostImport.MODULE.equals(imported.module())) {
                hostImports.add(HostImport.byName(imported.name()));
            } else {
                wasi = true;
            }
        }
        long maxPages = LinearMemoryLimits.NO_MAX;
        final LinearMemoryLimits limits = module.memoryLimits().orElse(null);
        if (limits != null) {
            maxPages = limits.maxPages();
            if (options.maxMemoryBytes() > 0) {
                final long capPages = Math.min(options.maxMemoryBytes() / LinearMemoryLimits.PAGE_SIZE,
                    WASM32_MAX_PAGES);
                if (limits.minPages() > capPages) {
                    throw WasmFailures.memoryExceeded(where, "'" + module.name() + "' needs " + limits.minBytes()
                        + " bytes of linear memory at start, above the limit of " + options.maxMemoryBytes()
                        + " bytes", null);
                }
                maxPages = maxPages == LinearMemoryLimits.NO_MAX ? capPages : Math.min(maxPages, capPages);
            }
        }
        return new LinkPlan(List.copyOf(hostImports), wasi, maxPages, where);
    }
}
