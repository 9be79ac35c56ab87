;; stats_sink - sink that counts elements and payload bytes and logs the totals at completion (WAT twin of
;; c/stats_sink.c). Only buffer_size (metadata) is read, so consuming copies nothing.
(module
  (import "torvyn" "buffer_size" (func $buffer_size (param i32) (result i64)))
  (import "torvyn" "log" (func $log (param i32 i32 i32)))
  (memory (export "memory") 1)
  ;; memory map: [0, 9) "received ", [16, 27) " elements, ", [32, 38) " bytes", [1024, ...) the log line
  (data (i32.const 0) "received ")
  (data (i32.const 16) " elements, ")
  (data (i32.const 32) " bytes")
  (global $elements (mut i64) (i64.const 0))
  (global $bytes (mut i64) (i64.const 0))

  (func $u64_to_dec (param $v i64) (param $dst i32) (result i32)
    (local $n i32) (local $t i64) (local $pos i32)
    (local.set $t (local.get $v))
    (loop $count_digits
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (local.set $t (i64.div_u (local.get $t) (i64.const 10)))
      (br_if $count_digits (i64.ne (local.get $t) (i64.const 0))))
    (local.set $pos (i32.add (local.get $dst) (local.get $n)))
    (loop $write
      (local.set $pos (i32.sub (local.get $pos) (i32.const 1)))
      (i32.store8 (local.get $pos) (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $v) (i64.const 10)))))
      (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
      (br_if $write (i64.ne (local.get $v) (i64.const 0))))
    (local.get $n))

  ;; copies len bytes from src to dst, returns dst + len
  (func $put (param $dst i32) (param $src i32) (param $len i32) (result i32)
    (local $i i32)
    (block $done
      (loop $copy
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (i32.store8 (i32.add (local.get $dst) (local.get $i)) (i32.load8_u (i32.add (local.get $src) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $copy)))
    (i32.add (local.get $dst) (local.get $len)))

  (func (export "torvyn_push") (param $in i32) (result i32)
    (local $size i64)
    (local.set $size (call $buffer_size (local.get $in)))
    (if (i64.lt_s (local.get $size) (i64.const 0)) (then (return (i32.wrap_i64 (local.get $size)))))
    (global.set $elements (i64.add (global.get $elements) (i64.const 1)))
    (global.set $bytes (i64.add (global.get $bytes) (local.get $size)))
    (i32.const 0))

  (func (export "torvyn_complete") (result i32)
    (local $at i32)
    (local.set $at (call $put (i32.const 1024) (i32.const 0) (i32.const 9)))
    (local.set $at (i32.add (local.get $at) (call $u64_to_dec (global.get $elements) (local.get $at))))
    (local.set $at (call $put (local.get $at) (i32.const 16) (i32.const 11)))
    (local.set $at (i32.add (local.get $at) (call $u64_to_dec (global.get $bytes) (local.get $at))))
    (local.set $at (call $put (local.get $at) (i32.const 32) (i32.const 6)))
    (call $log (i32.const 2) (i32.const 1024) (i32.sub (local.get $at) (i32.const 1024)))
    (i32.const 0)))
