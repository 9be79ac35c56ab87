package io.torvyn.engine.wasm.instrument;

/**
 * Steps over one instruction of a function body and tells the rewriter how it affects control flow. Only lengths and
 * control-flow roles matter here: the rewriter copies every instruction byte for byte, so immediates are skipped, not
 * kept. Covers the MVP plus sign extension, saturating truncation, bulk memory, reference types, multi-value, tail
 * calls and multi-memory memargs. SIMD, threads, exception handling, GC and typed function references are refused
 * rather than skipped, because metering code the decoder does not understand would let it run unmetered.
 */
final class InstructionDecoder {
    /** Straight-line instruction: counts towards the current segment. */
    static final int PLAIN = 0;
    /** {@code block}: opens a label whose target is its {@code end}; execution continues into its body. */
    static final int BLOCK = 1;
    /** {@code loop}: opens a label whose target is its own header, so its body starts a segment. */
    static final int LOOP = 2;
    /** {@code if}: conditional entry into its body. */
    static final int IF = 3;
    /** {@code else}: ends the then-arm; the else-arm starts a segment. */
    static final int ELSE = 4;
    /** {@code end}: a merge point. */
    static final int END = 5;
    /** {@code br_if}: may leave, else falls through to a new segment. */
    static final int BRANCH = 6;
    /** {@code br}, {@code br_table}, {@code return}, {@code unreachable}, tail calls: never falls through. */
    static final int JUMP = 7;

    private static final byte NONE = 0;
    private static final byte BLOCK_TYPE = 1;
    private static final byte ONE_INDEX = 2;
    private static final byte TWO_INDICES = 3;
    private static final byte BR_TABLE = 4;
    private static final byte MEMARG = 5;
    private static final byte I32_CONST = 6;
    private static final byte I64_CONST = 7;
    private static final byte F32_CONST = 8;
    private static final byte F64_CONST = 9;
    private static final byte SELECT_TYPED = 10;
    private static final byte REF_NULL = 11;
    private static final byte PREFIX_FC = 12;
    private static final byte UNKNOWN = 13;
    private static final byte REFUSED = 14;

    private static final byte[] IMMEDIATES = new byte[256];
    private static final byte[] KINDS = new byte[256];

    static {
        java.util.Arrays.fill(IMMEDIATES, UNKNOWN);
        define(0x00, NONE, JUMP);
        define(0x01, NONE, PLAIN);
        define(0x02, BLOCK_TYPE, BLOCK);
        define(0x03, BLOCK_TYPE, LOOP);
        define(0x04, BLOCK_TYPE, IF);
        define(0x05, NONE, ELSE);
        define(0x0B, NONE, END);
        define(0x0C, ONE_INDEX, JUMP);
        define(0x0D, ONE_INDEX, BRANCH);
        define(0x0E, BR_TABLE, JUMP);
        define(0x0F, NONE, JUMP);
        define(0x10, ONE_INDEX, PLAIN);
        define(0x11, TWO_INDICES, PLAIN);
        define(0x12, ONE_INDEX, JUMP);
        define(0x13, TWO_INDICES, JUMP);
        define(0x1A, NONE, PLAIN);
        define(0x1B, NONE, PLAIN);
        define(0x1C, SELECT_TYPED, PLAIN);
        for (int op = 0x20; op <= 0x26; op++) {
            define(op, ONE_INDEX, PLAIN);
        }
        for (int op = 0x28; op <= 0x3E; op++) {
            define(op, MEMARG, PLAIN);
        }
        define(0x3F, ONE_INDEX, PLAIN);
        define(0x40, ONE_INDEX, PLAIN);
        define(0x41, I32_CONST, PLAIN);
        define(0x42, I64_CONST, PLAIN);
        define(0x43, F32_CONST, PLAIN);
        define(0x44, F64_CONST, PLAIN);
        for (int op = 0x45; op <= 0xC4; op++) {
            define(op, NONE, PLAIN);
        }
        define(0xD0, REF_NULL, PLAIN);
        define(0xD1, NONE, PLAIN);
        define(0xD2, ONE_INDEX, PLAIN);
        define(0xFC, PREFIX_FC, PLAIN);
        for (final int op : new int[] {0x06, 0x07, 0x08, 0x09, 0x0A, 0x14, 0x15, 0x18, 0x19, 0x1F,
            0xD3, 0xD4, 0xD5, 0xD6, 0xFB, 0xFD, 0xFE}) {
            IMMEDIATES[op] = REFUSED;
        }
    }

    private InstructionDecoder() {
    }

    private static void define(final int opcode, final byte immediates, final int kind) {
        IMMEDIATES[opcode] = immediates;
        KINDS[opcode] = (byte) kind;
    }

    /** Advances {@code in} past the instruction at its position and returns that instruction's control-flow kind. */
    static int next(final WasmReader in) {
        final int start = in.position();
        final int opcode = in.u8();
        switch (IMMEDIATES[opcode]) {
            case NONE:
                break;
            case BLOCK_TYPE:
                blockType(in);
                break;
            case ONE_INDEX:
                in.u32();
                break;
            case TWO_INDICES:
                in.u32();
                in.u32();
                break;
            case BR_TABLE:
                final int targets = in.index();
                for (int i = 0; i <= targets; i++) {
                    in.u32();
                }
                break;
            case MEMARG:
                memarg(in);
                break;
            case I32_CONST:
                in.signed(32);
                break;
            case I64_CONST:
                in.signed(64);
                break;
            case F32_CONST:
                in.skip(4);
                break;
            case F64_CONST:
                in.skip(8);
                break;
            case SELECT_TYPED:
                final int types = in.index();
                for (int i = 0; i < types; i++) {
                    valueType(in);
                }
                break;
            case REF_NULL:
                heapType(in);
                break;
            case PREFIX_FC:
                prefixFc(in, start);
                break;
            case REFUSED:
                throw new UnsupportedInstructionException(refusedName(opcode), start);
            default:
                throw new MalformedWasmException(String.format("unknown opcode 0x%02x", opcode), start);
        }
        return KINDS[opcode];
    }

    /** Skips one value type, refusing the multi-byte reference types of the GC and function-references proposals. */
    static void valueType(final WasmReader in) {
        final int start = in.position();
        final int type = in.u8();
        if (!isSimpleValueType(type)) {
            throw new UnsupportedInstructionException(String.format("value type 0x%02x (GC or typed function "
                + "references)", type), start);
        }
    }

    private static boolean isSimpleValueType(final int type) {
        return (type >= 0x7B && type <= 0x7F) || type == 0x70 || type == 0x6F;
    }

    private static void blockType(final WasmReader in) {
        final int start = in.position();
        final int first = in.peekU8();
        if (first == 0x40 || isSimpleValueType(first)) {
            in.u8();
            return;
        }
        final long typeIndex = in.signed(33);
        if (typeIndex < 0) {
            throw new UnsupportedInstructionException(String.format("block type 0x%02x (GC or typed function "
                + "references)", first), start);
        }
    }

    private static void heapType(final WasmReader in) {
        final int start = in.position();
        final int type = in.u8();
        if (type != 0x70 && type != 0x6F) {
            throw new UnsupportedInstructionException(String.format("ref.null with heap type 0x%02x (GC or typed "
                + "function references)", type), start);
        }
    }

    private static void memarg(final WasmReader in) {
        final int alignAndFlags = in.u32();
        if ((alignAndFlags & 0x40) != 0) {
            in.u32();
        }
        in.u64();
    }

    private static void prefixFc(final WasmReader in, final int start) {
        final int subOpcode = in.u32();
        switch (subOpcode) {
            case 0, 1, 2, 3, 4, 5, 6, 7:
                break;
            case 8, 10, 12, 14:
                in.u32();
                in.u32();
                break;
            case 9, 11, 13, 15, 16, 17:
                in.u32();
                break;
            default:
                throw new UnsupportedInstructionException(String.format("0xfc %d (unknown extension)", subOpcode),
                    start);
        }
    }

    private static String refusedName(final int opcode) {
        switch (opcode) {
            case 0xFD:
                return "SIMD (0xfd prefix)";
            case 0xFE:
                return "threads/atomics (0xfe prefix)";
            case 0xFB:
                return "GC (0xfb prefix)";
            case 0xD3:
                return "ref.eq (GC)";
            case 0x14, 0x15, 0xD4, 0xD5, 0xD6:
                return String.format("typed function references (opcode 0x%02x)", opcode);
            default:
                return String.format("exception handling (opcode 0x%02x)", opcode);
        }
    }
}
