/*
 * passthrough - processor that forwards every element unchanged.
 *
 * Returning the input handle hands the same buffer to the next stage: no payload byte enters Wasm memory and no
 * copy is counted. This is the cheapest possible component and the baseline for measuring orchestration cost.
 */
#include "torvyn.h"

int32_t torvyn_process(torvyn_handle in) {
    return in;
}
