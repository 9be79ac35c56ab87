;; Sink that checks what it receives: torvyn_init parses its config (a decimal element count); each push reads a
;; 48-byte `sequence` payload (one payload-read) and refuses a wrong one; every 10th element asks for a pause;
;; torvyn_complete fails unless exactly the configured number of elements arrived.
(module
  (import "torvyn" "config" (func $config (param i32 i32) (result i32)))
  (import "torvyn" "buffer_size" (func $size (param i32) (result i64)))
  (import "torvyn" "buffer_read" (func $read (param i32 i64 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $expected (mut i32) (i32.const -1))
  (global $count (mut i32) (i32.const 0))
  (func (export "torvyn_init") (result i32)
    (local $len i32) (local $i i32) (local $v i32) (local $c i32)
    (local.set $len (call $config (i32.const 0) (i32.const 32)))
    (if (i32.le_s (local.get $len) (i32.const 0)) (then (return (i32.const -1))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $c (i32.sub (i32.load8_u (local.get $i)) (i32.const 48)))
        (if (i32.gt_u (local.get $c) (i32.const 9)) (then (return (i32.const -1))))
        (local.set $v (i32.add (i32.mul (local.get $v) (i32.const 10)) (local.get $c)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (global.set $expected (local.get $v))
    (i32.const 0))
  (func (export "torvyn_push") (param $in i32) (result i32)
    (if (i64.ne (call $size (local.get $in)) (i64.const 48)) (then (return (i32.const -1))))
    (if (i32.ne (call $read (local.get $in) (i64.const 0) (i32.const 64) (i32.const 64)) (i32.const 48))
      (then (return (i32.const -1))))
    (if (i32.ne (i32.load8_u (i32.const 72)) (i32.const 8)) (then (return (i32.const -1))))
    (global.set $count (i32.add (global.get $count) (i32.const 1)))
    (i32.eqz (i32.rem_u (global.get $count) (i32.const 10))))
  (func (export "torvyn_complete") (result i32)
    (if (result i32) (i32.eq (global.get $count) (global.get $expected))
      (then (i32.const 0)) (else (i32.const -1)))))
