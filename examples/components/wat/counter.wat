;; counter - aggregator that counts elements and emits the count as decimal text on flush (WAT twin of
;; c/counter.c). Ingest drops every input without reading it; each flush emits the count since the previous one,
;; and an empty stream still yields "0".
(module
  (import "torvyn" "buffer_alloc" (func $buffer_alloc (param i64) (result i32)))
  (import "torvyn" "buffer_write" (func $buffer_write (param i32 i64 i32 i32) (result i32)))
  (import "torvyn" "buffer_release" (func $buffer_release (param i32) (result i32)))
  (import "torvyn" "buffer_set_content_type" (func $buffer_set_content_type (param i32 i32 i32) (result i32)))
  (import "torvyn" "emit" (func $emit (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; memory map: [0, 10) "text/plain", [64, 84) the digits
  (data (i32.const 0) "text/plain")
  (global $count (mut i64) (i64.const 0))
  (global $emitted (mut i32) (i32.const 0))

  ;; writes v in decimal at dst, returns the number of digits
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

  (func (export "torvyn_ingest") (param $in i32) (result i32)
    (global.set $count (i64.add (global.get $count) (i64.const 1)))
    (i32.const 0))

  (func (export "torvyn_flush") (result i32)
    (local $len i32) (local $out i32) (local $rc i32)
    (if (i32.and (i64.eqz (global.get $count)) (global.get $emitted)) (then (return (i32.const 0))))
    (local.set $len (call $u64_to_dec (global.get $count) (i32.const 64)))
    (local.set $out (call $buffer_alloc (i64.extend_i32_u (local.get $len))))
    (if (i32.le_s (local.get $out) (i32.const 0))
      (then (return (select (local.get $out) (i32.const -12) (i32.lt_s (local.get $out) (i32.const 0))))))
    (local.set $rc (call $buffer_write (local.get $out) (i64.const 0) (i32.const 64) (local.get $len)))
    (if (i32.eqz (local.get $rc))
      (then
        (drop (call $buffer_set_content_type (local.get $out) (i32.const 0) (i32.const 10)))
        (local.set $rc (call $emit (local.get $out) (i32.const -1)))))
    (if (local.get $rc)
      (then (drop (call $buffer_release (local.get $out))) (return (local.get $rc))))
    (global.set $count (i64.const 0))
    (global.set $emitted (i32.const 1))
    (i32.const 1)))
