package io.torvyn.engine.wasm;

import java.util.HashMap;
import java.util.Map;

import static io.torvyn.engine.wasm.FunctionSignature.consumer;
import static io.torvyn.engine.wasm.FunctionSignature.function;
import static io.torvyn.engine.wasm.ValueType.I32;
import static io.torvyn.engine.wasm.ValueType.I64;

/**
 * The functions of WASI preview 1 ({@code wasi_snapshot_preview1}) with their core Wasm signatures, so that linking
 * and {@code torvyn check} can judge a WASI import without instantiating anything, identically on both engines.
 */
public final class WasiImports {

    /** The import module name of WASI preview 1. */
    public static final String MODULE = "wasi_snapshot_preview1";

    private static final Map<String, FunctionSignature> SIGNATURES = new HashMap<>();

    static {
        final FunctionSignature i32ToI32 = function(I32, I32);
        final FunctionSignature twoI32ToI32 = function(I32, I32, I32);
        final FunctionSignature threeI32ToI32 = function(I32, I32, I32, I32);
        final FunctionSignature fourI32ToI32 = function(I32, I32, I32, I32, I32);
        final FunctionSignature fiveI32ToI32 = function(I32, I32, I32, I32, I32, I32);
        final FunctionSignature sixI32ToI32 = function(I32, I32, I32, I32, I32, I32, I32);
        define("args_get", twoI32ToI32);
        define("args_sizes_get", twoI32ToI32);
        define("environ_get", twoI32ToI32);
        define("environ_sizes_get", twoI32ToI32);
        define("clock_res_get", twoI32ToI32);
        define("clock_time_get", function(I32, I32, I64, I32));
        define("fd_advise", function(I32, I32, I64, I64, I32));
        define("fd_allocate", function(I32, I32, I64, I64));
        define("fd_close", i32ToI32);
        define("fd_datasync", i32ToI32);
        define("fd_fdstat_get", twoI32ToI32);
        define("fd_fdstat_set_flags", twoI32ToI32);
        define("fd_fdstat_set_rights", function(I32, I32, I64, I64));
        define("fd_filestat_get", twoI32ToI32);
        define("fd_filestat_set_size", function(I32, I32, I64));
        define("fd_filestat_set_times", function(I32, I32, I64, I64, I32));
        define("fd_pread", function(I32, I32, I32, I32, I64, I32));
        define("fd_prestat_get", twoI32ToI32);
        define("fd_prestat_dir_name", threeI32ToI32);
        define("fd_pwrite", function(I32, I32, I32, I32, I64, I32));
        define("fd_read", fourI32ToI32);
        define("fd_readdir", function(I32, I32, I32, I32, I64, I32));
        define("fd_renumber", twoI32ToI32);
        define("fd_seek", function(I32, I32, I64, I32, I32));
        define("fd_sync", i32ToI32);
        define("fd_tell", twoI32ToI32);
        define("fd_write", fourI32ToI32);
        define("path_create_directory", threeI32ToI32);
        define("path_filestat_get", fiveI32ToI32);
        define("path_filestat_set_times", function(I32, I32, I32, I32, I32, I64, I64, I32));
        define("path_link", function(I32, I32, I32, I32, I32, I32, I32, I32));
        define("path_open", function(I32, I32, I32, I32, I32, I32, I64, I64, I32, I32));
        define("path_readlink", sixI32ToI32);
        define("path_remove_directory", threeI32ToI32);
        define("path_rename", sixI32ToI32);
        define("path_symlink", fiveI32ToI32);
        define("path_unlink_file", threeI32ToI32);
        define("poll_oneoff", fourI32ToI32);
        define("proc_exit", consumer(I32));
        define("proc_raise", i32ToI32);
        define("random_get", twoI32ToI32);
        define("sched_yield", function(I32));
        define("sock_accept", threeI32ToI32);
        define("sock_recv", sixI32ToI32);
        define("sock_send", fiveI32ToI32);
        define("sock_shutdown", twoI32ToI32);
    }

    private WasiImports() {
    }

    /** The signature of a WASI preview 1 function, or null if there is no such function. */
    public static FunctionSignature signature(final String name) {
        return SIGNATURES.get(name);
    }

    private static void define(final String name, final FunctionSignature signature) {
        SIGNATURES.put(name, signature);
    }
}
