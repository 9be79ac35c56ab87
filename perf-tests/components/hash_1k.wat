;; hash_1k - the perf suite's compute-heavy processor: reads the payload (one read copy), runs FNV-1a 64 over every
;; byte, stores the hash in memory (so no engine can skip the loop) and forwards its input unchanged (no write copy).
;; With a 1 KiB payload a call is about a thousand loop iterations: enough guest work for fuel metering to show.
(module
  (import "torvyn" "buffer_size" (func $buffer_size (param i32) (result i64)))
  (import "torvyn" "buffer_read" (func $buffer_read (param i32 i64 i32 i32) (result i32)))
  (memory (export "memory") 2)

  ;; memory map: [0, 8) last hash, [1024, 1024 + size) the payload (at most 64 KiB)
  (func (export "torvyn_process") (param $in i32) (result i32)
    (local $size64 i64) (local $size i32) (local $n i32) (local $i i32) (local $h i64)
    (local.set $size64 (call $buffer_size (local.get $in)))
    (if (i64.lt_s (local.get $size64) (i64.const 0))
      (then (return (i32.wrap_i64 (local.get $size64)))))
    (if (i64.gt_u (local.get $size64) (i64.const 65536))
      (then (return (i32.const -1))))
    (local.set $size (i32.wrap_i64 (local.get $size64)))
    (local.set $n (call $buffer_read (local.get $in) (i64.const 0) (i32.const 1024) (local.get $size)))
    (if (i32.lt_s (local.get $n) (i32.const 0)) (then (return (local.get $n))))
    (local.set $h (i64.const 0xcbf29ce484222325))
    (block $done
      (loop $bytes
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $h (i64.mul
          (i64.xor (local.get $h) (i64.load8_u (i32.add (i32.const 1024) (local.get $i))))
          (i64.const 0x100000001b3)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $bytes)))
    (i64.store (i32.const 0) (local.get $h))
    (local.get $in)))
