package io.torvyn.engine.wasm.wasmtime;

import io.torvyn.engine.wasm.TorvynHost;
import io.torvyn.engine.wasm.WasmMemory;

/** The host of a module that imports nothing: it is bound to the memory and never called. */
final class NoImportHost implements TorvynHost {

    @Override
    public void bind(final WasmMemory memory) {
    }

    @Override
    public long bufferSize(final int h) {
        throw unexpected();
    }

    @Override
    public int bufferContentType(final int h, final int dst, final int cap) {
        throw unexpected();
    }

    @Override
    public int bufferRead(final int h, final long off, final int dst, final int len) {
        throw unexpected();
    }

    @Override
    public int bufferAlloc(final long hint) {
        throw unexpected();
    }

    @Override
    public int bufferClone(final int h) {
        throw unexpected();
    }

    @Override
    public int bufferWrite(final int h, final long off, final int src, final int len) {
        throw unexpected();
    }

    @Override
    public int bufferAppend(final int h, final int src, final int len) {
        throw unexpected();
    }

    @Override
    public int bufferSetContentType(final int h, final int src, final int len) {
        throw unexpected();
    }

    @Override
    public int bufferRelease(final int h) {
        throw unexpected();
    }

    @Override
    public long elementSequence(final int h) {
        throw unexpected();
    }

    @Override
    public long elementTimestampNs(final int h) {
        throw unexpected();
    }

    @Override
    public int emit(final int h, final int port) {
        throw unexpected();
    }

    @Override
    public int config(final int dst, final int cap) {
        throw unexpected();
    }

    @Override
    public long deadlineNs() {
        throw unexpected();
    }

    @Override
    public void log(final int level, final int src, final int len) {
        throw unexpected();
    }

    @Override
    public void fail(final int kind, final int src, final int len) {
        throw unexpected();
    }

    private static IllegalStateException unexpected() {
        return new IllegalStateException("the test module imports nothing");
    }
}
