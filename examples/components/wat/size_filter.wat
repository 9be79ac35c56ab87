;; size_filter - filter that passes elements of at most max_bytes (WAT twin of c/size_filter.c).
;; Config: {"max_bytes":1024}; this variant takes the first number in the config (default 1024). Only buffer_size
;; (metadata) is read, so it copies nothing; the torvyn_metadata_only export declares that to the host.
(module
  (import "torvyn" "buffer_size" (func $buffer_size (param i32) (result i64)))
  (import "torvyn" "config" (func $config (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $max_bytes (mut i64) (i64.const 1024))

  ;; memory map: [0, 256) config text
  (func (export "torvyn_metadata_only"))

  (func (export "torvyn_init") (result i32)
    (local $len i32) (local $i i32) (local $digit i32) (local $value i64) (local $seen i32)
    (local.set $len (call $config (i32.const 0) (i32.const 256)))
    (if (i32.gt_s (local.get $len) (i32.const 256)) (then (local.set $len (i32.const 256))))
    (block $done
      (loop $scan
        (br_if $done (i32.ge_s (local.get $i) (local.get $len)))
        (local.set $digit (i32.sub (i32.load8_u (local.get $i)) (i32.const 48)))
        (if (i32.lt_u (local.get $digit) (i32.const 10))
          (then
            (local.set $value (i64.add (i64.mul (local.get $value) (i64.const 10))
                                       (i64.extend_i32_u (local.get $digit))))
            (local.set $seen (i32.const 1)))
          (else (br_if $done (local.get $seen))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $scan)))
    (if (local.get $seen) (then (global.set $max_bytes (local.get $value))))
    (i32.const 0))

  (func (export "torvyn_evaluate") (param $in i32) (result i32)
    (local $size i64)
    (local.set $size (call $buffer_size (local.get $in)))
    (if (i64.lt_s (local.get $size) (i64.const 0))
      (then (return (i32.wrap_i64 (local.get $size)))))
    (i64.le_u (local.get $size) (global.get $max_bytes))))
