package io.torvyn.engine.wasm.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.Global;
import com.dylibso.chicory.wasm.types.MemoryImport;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.MutabilityType;
import com.dylibso.chicory.wasm.types.ValType;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Module;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shape of the rewritten module: what changes, what is copied, and what is refused with which problem. */
class ModuleInstrumenterTest {
    private static final long FUEL = 50_000;
    private static final int PAGE = ModuleInstrumenter.PAGE_SIZE;

    @ParameterizedTest
    @ValueSource(strings = {"control", "features", "imports", "start_only", "imported_memory", "big_memory",
        "bounded_memory", "simd", "tail_call"})
    void noLimitsReturnsTheInputArrayItself(final String fixture) {
        final byte[] wasm = WasmFixtures.load(fixture);
        final InstrumentedModule result = ModuleInstrumenter.instrument(wasm, 0, 0);
        assertSame(wasm, result.bytes());
        assertFalse(result.metered());
        assertNull(result.fuelGlobalExport());
        assertEquals(0, result.chargeSites());
    }

    @Test
    void aCapAboveTheDeclaredMaximumChangesNothing() {
        final byte[] wasm = WasmFixtures.load("bounded_memory");
        final InstrumentedModule result = ModuleInstrumenter.instrument(wasm, 0, 4L * PAGE);
        assertSame(wasm, result.bytes());
        assertEquals(2, result.maxPages(), "a lower declared maximum is kept, never raised to the cap");
    }

    @ParameterizedTest
    @ValueSource(strings = {"control", "features", "imports", "start_only", "imported_memory", "big_memory",
        "bounded_memory", "wrappers", "reexport"})
    void everyInstrumentedFixtureParsesOnChicoryAndCompilesOnWasmtime(final String fixture) {
        final InstrumentedModule result = ModuleInstrumenter.instrument(fixture, WasmFixtures.load(fixture), FUEL,
            64L * PAGE);
        assertTrue(result.metered());
        assertEquals(ModuleInstrumenter.FUEL_GLOBAL_EXPORT, result.fuelGlobalExport());
        Parser.parse(result.bytes());
        final Engine engine = new Engine();
        try {
            new Module(engine, result.bytes()).dispose();
        } finally {
            engine.dispose();
        }
    }

    @Test
    void fuelGlobalIsAppendedAfterImportedAndDefinedGlobals() {
        final WasmModule module = Parser.parse(ModuleInstrumenter.instrument(WasmFixtures.load("imports"), FUEL, 0)
            .bytes());
        assertEquals(2, module.importSection().count(ExternalType.GLOBAL));
        final Global[] globals = module.globalSection().globals();
        assertEquals(3, globals.length, "two defined globals, then the fuel global");
        final Global fuel = globals[2];
        assertEquals(ValType.I64, fuel.valueType());
        assertEquals(MutabilityType.Var, fuel.mutabilityType());
        assertEquals(2 + 2, fuelExport(module).index());
    }

    @Test
    void fuelGlobalStartsWithTheBudget() {
        final byte[] wasm = ModuleInstrumenter.instrument(WasmFixtures.load("control"), FUEL, 0).bytes();
        try (GuestRunner runner = GuestEngine.CHICORY_INTERPRETER.load(wasm, HostEnvironment.NONE)) {
            assertEquals(FUEL, runner.fuel());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"control", "start_only"})
    void missingGlobalAndExportSectionsAreCreated(final String fixture) {
        final byte[] original = WasmFixtures.load(fixture);
        final WasmModule before = Parser.parse(original);
        final InstrumentedModule result = ModuleInstrumenter.instrument(original, FUEL, 0);
        final WasmModule after = Parser.parse(result.bytes());
        assertEquals(0, before.globalSection().globalCount());
        assertEquals(1, after.globalSection().globalCount());
        assertEquals(before.exportSection().exportCount() + 1 + result.meteredExports(),
            after.exportSection().exportCount(), "the fuel global, then one metered wrapper per function export");
        assertEquals(0, fuelExport(after).index());
    }

    @Test
    void untouchedSectionsAreCopiedByteForByteAndCustomSectionsKept() {
        final byte[] original = WasmFixtures.load("features");
        final byte[] rewritten = ModuleInstrumenter.instrument(original, FUEL, 2L * PAGE).bytes();
        final ModuleLayout before = ModuleLayout.scan(original);
        final ModuleLayout after = ModuleLayout.scan(rewritten);
        final int[] rewrittenIds = {ModuleLayout.MEMORY, ModuleLayout.GLOBAL, ModuleLayout.EXPORT, ModuleLayout.CODE};
        final int[] appendedIds = {ModuleLayout.TYPE, ModuleLayout.FUNCTION};
        assertEquals(before.sections.size(), after.sections.size());
        for (int i = 0; i < before.sections.size(); i++) {
            final ModuleLayout.Section b = before.sections.get(i);
            final ModuleLayout.Section a = after.sections.get(i);
            assertEquals(b.id(), a.id(), "section order");
            if (Arrays.stream(appendedIds).anyMatch(id -> id == b.id())) {
                final WasmReader was = new WasmReader(original, b.start(), b.end());
                final WasmReader is = new WasmReader(rewritten, a.start(), a.end());
                assertTrue(is.index() > was.index(), "entries appended to section " + b.id());
                final int length = b.end() - was.position();
                assertArrayEquals(Arrays.copyOfRange(original, was.position(), b.end()),
                    Arrays.copyOfRange(rewritten, is.position(), is.position() + length),
                    "original entries of section " + b.id() + " first, byte for byte");
            } else if (Arrays.stream(rewrittenIds).noneMatch(id -> id == b.id())) {
                assertArrayEquals(Arrays.copyOfRange(original, b.start(), b.end()),
                    Arrays.copyOfRange(rewritten, a.start(), a.end()), "section " + b.id());
            }
        }
        final WasmModule module = Parser.parse(rewritten);
        assertEquals("add", module.nameSection().nameOfFunction(0), "the name section still names functions");
    }

    @Test
    void countsDescribeTheRewrite() {
        final InstrumentedModule result = ModuleInstrumenter.instrument(WasmFixtures.load("control"), FUEL, 0);
        assertEquals(12, result.meteredFunctions());
        assertTrue(result.chargeSites() >= result.meteredFunctions(), "at least one charge per function");
        assertEquals(-1, result.maxPages(), "control.wat declares no maximum and no cap was asked for");
    }

    @Test
    void definedMemoryMaximumIsAddedAndImportedMemoryMaximumLowered() {
        final InstrumentedModule defined = ModuleInstrumenter.instrument(WasmFixtures.load("control"), 0,
            4L * PAGE);
        final MemoryLimits definedLimits = Parser.parse(defined.bytes()).memorySection().orElseThrow().getMemory(0)
            .limits();
        assertEquals(1, definedLimits.initialPages());
        assertEquals(4, definedLimits.maximumPages());

        final InstrumentedModule imported = ModuleInstrumenter.instrument(WasmFixtures.load("imported_memory"), 0,
            3L * PAGE);
        final MemoryImport memoryImport = (MemoryImport) Parser.parse(imported.bytes()).importSection().getImport(0);
        assertEquals(1, memoryImport.limits().initialPages());
        assertEquals(3, memoryImport.limits().maximumPages());
        assertEquals(3, imported.maxPages());

        final InstrumentedModule lowered = ModuleInstrumenter.instrument(WasmFixtures.load("bounded_memory"), 0,
            PAGE + 1);
        assertEquals(1, lowered.maxPages());
    }

    @Test
    void minimumAboveTheCapIsRefusedWithE0404() {
        final TorvynException e = assertThrows(TorvynException.class,
            () -> ModuleInstrumenter.instrument("big.wasm", WasmFixtures.load("big_memory"), FUEL, 1 << 20));
        assertEquals(ErrorCode.E0404, e.code());
        assertTrue(e.problem().message().contains("20 pages"), e.problem().message());
        assertEquals("big.wasm, memory 0", e.problem().where());
        assertTrue(e.problem().help().contains(String.valueOf(20 * PAGE)), e.problem().help());

        final TorvynException imported = assertThrows(TorvynException.class,
            () -> ModuleInstrumenter.instrument(WasmFixtures.load("imported_memory"), 0, PAGE / 2));
        assertEquals(ErrorCode.E0404, imported.code());
        assertTrue(imported.problem().where().endsWith("memory 0 (imported)"), imported.problem().where());
    }

    @Test
    void simdIsRefusedWhenMeteredAndLeftAloneOtherwise() {
        final byte[] wasm = WasmFixtures.load("simd");
        final TorvynException e = assertThrows(TorvynException.class,
            () -> ModuleInstrumenter.instrument("simd.wasm", wasm, FUEL, 0));
        assertEquals(ErrorCode.E0100, e.code());
        assertTrue(e.problem().message().startsWith(
            "module uses an instruction the instrumenter does not support: SIMD"), e.problem().message());
        assertTrue(e.problem().where().startsWith("simd.wasm, function 0, byte offset 0x"), e.problem().where());
        assertTrue(e.problem().help().contains("fuel_per_invocation = 0"));

        assertSame(wasm, ModuleInstrumenter.instrument(wasm, 0, 4L * PAGE).bytes(), "no memory to cap");
    }

    @Test
    void instrumentingTwiceIsRefused() {
        final byte[] once = ModuleInstrumenter.instrument(WasmFixtures.load("control"), FUEL, 0).bytes();
        final TorvynException e = assertThrows(TorvynException.class,
            () -> ModuleInstrumenter.instrument(once, FUEL, 0));
        assertEquals(ErrorCode.E0100, e.code());
        assertTrue(e.problem().message().contains(ModuleInstrumenter.FUEL_GLOBAL_EXPORT));
    }

    @Test
    void malformedInputIsRefusedWithE0100() {
        final byte[] control = WasmFixtures.load("control");
        final byte[][] inputs = {
            "not wasm at all".getBytes(java.nio.charset.StandardCharsets.UTF_8),
            Arrays.copyOf(control, control.length / 2),
            {0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00},
            {0x00, 0x61, 0x73},
        };
        for (final byte[] input : inputs) {
            final TorvynException e = assertThrows(TorvynException.class,
                () -> ModuleInstrumenter.instrument("bad.wasm", input, FUEL, 0));
            assertEquals(ErrorCode.E0100, e.code());
            assertTrue(e.problem().message().startsWith("module is not valid WebAssembly: "));
            assertTrue(e.problem().where().startsWith("bad.wasm"));
        }
    }

    @Test
    void aCodeSectionThatFailsValidationIsReportedAsInvalidInput() {
        final byte[] control = WasmFixtures.load("control");
        final ModuleLayout layout = ModuleLayout.scan(control);
        final ModuleLayout.Section code = layout.sections.stream().filter(s -> s.id() == ModuleLayout.CODE)
            .findFirst().orElseThrow();
        final byte[] broken = control.clone();
        // the first body is "local.get 0; local.get 1; i32.add; end": turn i32.add (0x6a) into i64.add (0x7c)
        final int add = indexOf(broken, new byte[] {0x20, 0x00, 0x20, 0x01, 0x6A, 0x0B}, code.start()) + 4;
        broken[add] = 0x7C;
        final TorvynException e = assertThrows(TorvynException.class,
            () -> ModuleInstrumenter.instrument(broken, FUEL, 0));
        assertEquals(ErrorCode.E0100, e.code());
        assertTrue(e.problem().message().startsWith("module is not valid WebAssembly: "), e.problem().message());
    }

    @Test
    void negativeLimitsAreAProgrammingError() {
        final byte[] wasm = WasmFixtures.load("control");
        assertThrows(IllegalArgumentException.class, () -> ModuleInstrumenter.instrument(wasm, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> ModuleInstrumenter.instrument(wasm, 0, -1));
    }

    private static Export fuelExport(final WasmModule module) {
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            final Export export = module.exportSection().getExport(i);
            if (export.name().equals(ModuleInstrumenter.FUEL_GLOBAL_EXPORT)) {
                assertEquals(ExternalType.GLOBAL, export.exportType());
                return export;
            }
        }
        throw new AssertionError("no " + ModuleInstrumenter.FUEL_GLOBAL_EXPORT + " export");
    }

    private static int indexOf(final byte[] haystack, final byte[] needle, final int from) {
        for (int i = from; i <= haystack.length - needle.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("pattern not found");
    }
}
