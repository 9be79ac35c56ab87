package io.torvyn.engine.wasm.instrument;

/**
 * Rewrites the code section so that every straight-line segment pays for itself before it runs.
 *
 * <p>A segment starts at function entry, inside every {@code loop} header, at the start of every {@code if} and
 * {@code else} arm, after every {@code end}, and after every branch ({@code br_if} falls through into a new segment;
 * code after {@code br}, {@code br_table}, {@code return} or {@code unreachable} is dead and gets its own segment).
 * Every branch target is therefore the start of a segment, so each executed instruction is charged exactly once and
 * nothing runs uncharged. A segment costs the number of original instructions in it; {@code end} and {@code else}
 * are free markers. Calls stay inside segments: the callee meters itself.
 *
 * <p>Each segment with a non-zero cost gets this sequence in front of it, which leaves the operand stack untouched:
 * <pre>
 *   global.get $fuel  i64.const cost  i64.sub  global.set $fuel
 *   global.get $fuel  i64.const 0  i64.lt_s  if  unreachable  end
 * </pre>
 * Original instructions are copied byte for byte, so every index and branch depth in them stays valid.
 */
final class FuelInjector {
    private static final int GLOBAL_GET = 0x23;
    private static final int GLOBAL_SET = 0x24;
    private static final int I64_CONST = 0x42;
    private static final int I64_SUB = 0x7D;
    private static final int I64_LT_S = 0x53;
    private static final int IF = 0x04;
    private static final int EMPTY_BLOCK_TYPE = 0x40;
    private static final int UNREACHABLE = 0x00;
    private static final int END = 0x0B;

    private final byte[] source;
    private final int fuelGlobal;
    private final int firstFunctionIndex;
    private final WasmOutput body;
    private int functions;
    private int chargeSites;
    private int currentFunction;

    /**
     * @param source             the whole module
     * @param fuelGlobal         index of the injected fuel global
     * @param firstFunctionIndex index of the first defined function (the number of imported functions)
     */
    FuelInjector(final byte[] source, final int fuelGlobal, final int firstFunctionIndex) {
        this.source = source;
        this.fuelGlobal = fuelGlobal;
        this.firstFunctionIndex = firstFunctionIndex;
        this.body = new WasmOutput(256);
    }

    int functions() {
        return functions;
    }

    int chargeSites() {
        return chargeSites;
    }

    /** Index (in the function index space) of the body being rewritten, for error messages. */
    int currentFunction() {
        return currentFunction;
    }

    /** Writes the rewritten payload of the code section found at {@code [start, end)} of the source to {@code out}. */
    void rewriteCodeSection(final int start, final int end, final WasmOutput out) {
        final WasmReader section = new WasmReader(source, start, end);
        final int count = section.index();
        out.u32(count);
        for (int i = 0; i < count; i++) {
            currentFunction = firstFunctionIndex + i;
            final int size = section.index();
            final int bodyStart = section.position();
            section.skip(size);
            rewriteBody(bodyStart, bodyStart + size);
            out.sizedBlock(body);
            functions++;
        }
        if (section.hasRemaining()) {
            throw new MalformedWasmException("code section has trailing bytes", section.position());
        }
    }

    private void rewriteBody(final int start, final int end) {
        final WasmReader in = new WasmReader(source, start, end);
        final int localGroups = in.index();
        for (int i = 0; i < localGroups; i++) {
            in.u32();
            InstructionDecoder.valueType(in);
        }
        body.reset();
        body.bytes(source, start, in.position() - start);

        int segmentStart = in.position();
        int cost = 0;
        int depth = 1;
        while (depth > 0) {
            if (!in.hasRemaining()) {
                throw new MalformedWasmException("function body does not end with end", in.position());
            }
            final int kind = InstructionDecoder.next(in);
            if (kind == InstructionDecoder.END) {
                depth--;
            } else {
                if (kind != InstructionDecoder.ELSE) {
                    cost++;
                }
                if (kind == InstructionDecoder.BLOCK || kind == InstructionDecoder.LOOP
                    || kind == InstructionDecoder.IF) {
                    depth++;
                }
            }
            if (kind != InstructionDecoder.PLAIN && kind != InstructionDecoder.BLOCK) {
                emitSegment(segmentStart, in.position(), cost);
                segmentStart = in.position();
                cost = 0;
            }
        }
        if (in.hasRemaining()) {
            throw new MalformedWasmException("bytes after the final end of a function body", in.position());
        }
    }

    private void emitSegment(final int from, final int to, final int cost) {
        if (cost > 0) {
            body.u8(GLOBAL_GET).u32(fuelGlobal)
                .u8(I64_CONST).s64(cost)
                .u8(I64_SUB)
                .u8(GLOBAL_SET).u32(fuelGlobal)
                .u8(GLOBAL_GET).u32(fuelGlobal)
                .u8(I64_CONST).s64(0)
                .u8(I64_LT_S)
                .u8(IF).u8(EMPTY_BLOCK_TYPE).u8(UNREACHABLE).u8(END);
            chargeSites++;
        }
        body.bytes(source, from, to - from);
    }
}
