;; sequence_source - source that emits "element 0", "element 1", ... then ends the stream (WAT twin of
;; c/sequence_source.c). Config: {"count":10}; this variant takes the first number in the config (default 10)
;; and always uses the prefix "element".
(module
  (import "torvyn" "config" (func $config (param i32 i32) (result i32)))
  (import "torvyn" "buffer_alloc" (func $buffer_alloc (param i64) (result i32)))
  (import "torvyn" "buffer_write" (func $buffer_write (param i32 i64 i32 i32) (result i32)))
  (import "torvyn" "buffer_release" (func $buffer_release (param i32) (result i32)))
  (import "torvyn" "buffer_set_content_type" (func $buffer_set_content_type (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; memory map: [0, 10) "text/plain", [256, 512) config text, [1024, 1052) "element " and the digits
  (data (i32.const 0) "text/plain")
  (data (i32.const 1024) "element ")
  (global $count (mut i64) (i64.const 10))
  (global $next (mut i64) (i64.const 0))

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

  (func (export "torvyn_init") (result i32)
    (local $len i32) (local $i i32) (local $digit i32) (local $value i64) (local $seen i32)
    (local.set $len (call $config (i32.const 256) (i32.const 256)))
    (if (i32.gt_s (local.get $len) (i32.const 256)) (then (local.set $len (i32.const 256))))
    (block $done
      (loop $scan
        (br_if $done (i32.ge_s (local.get $i) (local.get $len)))
        (local.set $digit (i32.sub (i32.load8_u (i32.add (i32.const 256) (local.get $i))) (i32.const 48)))
        (if (i32.lt_u (local.get $digit) (i32.const 10))
          (then
            (local.set $value (i64.add (i64.mul (local.get $value) (i64.const 10))
                                       (i64.extend_i32_u (local.get $digit))))
            (local.set $seen (i32.const 1)))
          (else (br_if $done (local.get $seen))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $scan)))
    (if (local.get $seen) (then (global.set $count (local.get $value))))
    (i32.const 0))

  (func (export "torvyn_pull") (result i32)
    (local $len i32) (local $out i32) (local $rc i32)
    (if (i64.ge_u (global.get $next) (global.get $count)) (then (return (i32.const -6))))
    (local.set $len (i32.add (i32.const 8) (call $u64_to_dec (global.get $next) (i32.const 1032))))
    (local.set $out (call $buffer_alloc (i64.extend_i32_u (local.get $len))))
    (if (i32.le_s (local.get $out) (i32.const 0))
      (then (return (select (local.get $out) (i32.const -12) (i32.lt_s (local.get $out) (i32.const 0))))))
    (local.set $rc (call $buffer_write (local.get $out) (i64.const 0) (i32.const 1024) (local.get $len)))
    (if (local.get $rc)
      (then (drop (call $buffer_release (local.get $out))) (return (local.get $rc))))
    (drop (call $buffer_set_content_type (local.get $out) (i32.const 0) (i32.const 10)))
    (global.set $next (i64.add (global.get $next) (i64.const 1)))
    (local.get $out)))
