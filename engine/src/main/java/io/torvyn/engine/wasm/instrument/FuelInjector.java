package io.torvyn.engine.wasm.instrument;

/**
 * Rewrites the code section so that every straight-line segment pays for itself before it runs.
 *
 * <h2>Cost model</h2>
 * A segment starts at function entry, inside every {@code loop} header, at the start of every {@code if} and
 * {@code else} arm, after every {@code end}, and after every branch ({@code br_if} falls through into a new segment;
 * code after {@code br}, {@code br_table}, {@code return}, {@code unreachable} or a tail call is dead and gets its own
 * segment). Every branch target is therefore the start of a segment, so each executed instruction is charged exactly
 * once and nothing runs uncharged. A segment costs the number of original instructions in it; {@code end} and
 * {@code else} are free markers. Calls stay inside segments: the callee meters itself.
 *
 * <h2>Where the counter lives</h2>
 * Reading and writing a global is far slower than a local on the Chicory compiler, so each function keeps the counter
 * in one added i64 local ($f below) and exchanges it with the exported global $fuel only at boundaries:
 * <pre>
 *   entry:                                  global.get $fuel  local.set $f
 *   each segment of cost c (before it):     local.get $f  i64.const c  i64.sub  local.tee $f
 *                                           i64.const 0  i64.lt_s
 *                                           if  local.get $f  global.set $fuel  unreachable  end
 *   before call, call_indirect, return,
 *   tail calls, branches to the function
 *   label and the final end:                local.get $f  global.set $fuel
 *   after call and call_indirect:           global.get $fuel  local.set $f
 * </pre>
 * So the global is exact whenever control is outside the function (returned, in a callee, or trapped on fuel), and
 * after a genuine trap it holds the value of the last boundary, which is never below zero. All sequences leave the
 * operand stack as they found it, and original instructions are copied byte for byte, so every index and branch depth
 * in them stays valid.
 */
final class FuelInjector {
    private static final int UNREACHABLE = 0x00;
    private static final int IF = 0x04;
    private static final int END = 0x0B;
    private static final int BR = 0x0C;
    private static final int BR_IF = 0x0D;
    private static final int BR_TABLE = 0x0E;
    private static final int RETURN = 0x0F;
    private static final int CALL = 0x10;
    private static final int CALL_INDIRECT = 0x11;
    private static final int RETURN_CALL = 0x12;
    private static final int RETURN_CALL_INDIRECT = 0x13;
    private static final int LOCAL_GET = 0x20;
    private static final int LOCAL_SET = 0x21;
    private static final int LOCAL_TEE = 0x22;
    private static final int GLOBAL_GET = 0x23;
    private static final int GLOBAL_SET = 0x24;
    private static final int I64_CONST = 0x42;
    private static final int I64_LT_S = 0x53;
    private static final int I64_SUB = 0x7D;
    private static final int EMPTY_BLOCK_TYPE = 0x40;
    private static final int VALUE_TYPE_I64 = 0x7E;

    private final byte[] source;
    private final int fuelGlobal;
    private final int firstFunctionIndex;
    private final int[] parameterCounts;
    private final WasmOutput body = new WasmOutput(256);
    private final WasmOutput segment = new WasmOutput(256);
    private int functions;
    private int chargeSites;
    private int currentFunction = -1;
    private long fuelLocal;

    /**
     * @param source             the whole module
     * @param fuelGlobal         index of the injected fuel global
     * @param firstFunctionIndex index of the first defined function (the number of imported functions)
     * @param parameterCounts    parameter count of each defined function
     */
    FuelInjector(final byte[] source, final int fuelGlobal, final int firstFunctionIndex,
                 final int[] parameterCounts) {
        this.source = source;
        this.fuelGlobal = fuelGlobal;
        this.firstFunctionIndex = firstFunctionIndex;
        this.parameterCounts = parameterCounts;
    }

    int functions() {
        return functions;
    }

    int chargeSites() {
        return chargeSites;
    }

    /** Index (in the function index space) of the body being rewritten, -1 before the first; for error messages. */
    int currentFunction() {
        return currentFunction;
    }

    /**
     * Writes the rewritten payload of the code section found at {@code [start, end)} of the source to {@code out},
     * with a body count that includes {@code appendedBodies} the caller writes after it.
     */
    void rewriteCodeSection(final int start, final int end, final WasmOutput out, final int appendedBodies) {
        final WasmReader section = new WasmReader(source, start, end);
        final int count = section.index();
        if (count != parameterCounts.length) {
            throw new MalformedWasmException("code section has " + count + " bodies for " + parameterCounts.length
                + " functions", start);
        }
        out.u32((long) count + appendedBodies);
        for (int i = 0; i < count; i++) {
            currentFunction = firstFunctionIndex + i;
            final int size = section.index();
            final int bodyStart = section.position();
            section.skip(size);
            rewriteBody(bodyStart, bodyStart + size, parameterCounts[i]);
            out.sizedBlock(body);
            functions++;
        }
        if (section.hasRemaining()) {
            throw new MalformedWasmException("code section has trailing bytes", section.position());
        }
    }

    private void rewriteBody(final int start, final int end, final int parameterCount) {
        final WasmReader in = new WasmReader(source, start, end);
        final int localGroups = in.index();
        final int groupsStart = in.position();
        long declaredLocals = 0;
        for (int i = 0; i < localGroups; i++) {
            declaredLocals += in.u32() & 0xFFFF_FFFFL;
            InstructionDecoder.valueType(in);
        }
        fuelLocal = parameterCount + declaredLocals;
        if (fuelLocal > Integer.MAX_VALUE) {
            throw new MalformedWasmException("too many locals", groupsStart);
        }
        body.reset();
        body.u32(localGroups + 1L).bytes(source, groupsStart, in.position() - groupsStart).u32(1).u8(VALUE_TYPE_I64);
        body.u8(GLOBAL_GET).u32(fuelGlobal).u8(LOCAL_SET).u32(fuelLocal);

        segment.reset();
        int cost = 0;
        int depth = 1;
        while (depth > 0) {
            if (!in.hasRemaining()) {
                throw new MalformedWasmException("function body does not end with end", in.position());
            }
            final int instructionStart = in.position();
            final int opcode = source[instructionStart] & 0xFF;
            final int kind = InstructionDecoder.next(in);
            final boolean call = opcode == CALL || opcode == CALL_INDIRECT;
            if (call || (kind == InstructionDecoder.END && depth == 1)
                || leavesFunction(opcode, instructionStart, depth)) {
                storeCounter(segment);
            }
            segment.bytes(source, instructionStart, in.position() - instructionStart);
            if (call) {
                loadCounter(segment);
            }
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
                emitSegment(cost);
                cost = 0;
            }
        }
        if (in.hasRemaining()) {
            throw new MalformedWasmException("bytes after the final end of a function body", in.position());
        }
    }

    /** True for instructions that may leave the function, after which the global must be exact. */
    private boolean leavesFunction(final int opcode, final int instructionStart, final int depth) {
        switch (opcode) {
            case RETURN, RETURN_CALL, RETURN_CALL_INDIRECT:
                return true;
            case BR, BR_IF:
                return new WasmReader(source, instructionStart + 1, source.length).u32() == depth - 1;
            case BR_TABLE:
                final WasmReader labels = new WasmReader(source, instructionStart + 1, source.length);
                final int count = labels.index();
                for (int i = 0; i <= count; i++) {
                    if (labels.u32() == depth - 1) {
                        return true;
                    }
                }
                return false;
            default:
                return false;
        }
    }

    private void storeCounter(final WasmOutput out) {
        out.u8(LOCAL_GET).u32(fuelLocal).u8(GLOBAL_SET).u32(fuelGlobal);
    }

    private void loadCounter(final WasmOutput out) {
        out.u8(GLOBAL_GET).u32(fuelGlobal).u8(LOCAL_SET).u32(fuelLocal);
    }

    private void emitSegment(final int cost) {
        if (cost > 0) {
            body.u8(LOCAL_GET).u32(fuelLocal)
                .u8(I64_CONST).s64(cost)
                .u8(I64_SUB)
                .u8(LOCAL_TEE).u32(fuelLocal)
                .u8(I64_CONST).s64(0)
                .u8(I64_LT_S)
                .u8(IF).u8(EMPTY_BLOCK_TYPE);
            storeCounter(body);
            body.u8(UNREACHABLE).u8(END);
            chargeSites++;
        }
        body.append(segment);
        segment.reset();
    }
}
