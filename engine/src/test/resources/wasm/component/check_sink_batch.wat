;; Batch twin of check_sink.wat: the staged payloads are the read copies; checks size and byte 8 of each, pauses
;; after a batch that reaches a multiple of 10, and torvyn_complete compares the count with the config.
(module
  (import "torvyn" "config" (func $config (param i32 i32) (result i32)))
  (memory (export "memory") 8)
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
  (func (export "torvyn_batch_area") (param $bytes i32) (result i32) (i32.const 65536))
  (func (export "torvyn_push_batch") (param $n i32) (result i32)
    (local $d i32) (local $desc i32) (local $result i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $d) (local.get $n)))
        (local.set $desc (i32.add (i32.const 65552) (i32.mul (local.get $d) (i32.const 64))))
        (local.set $result (i32.const 0))
        (if (i32.ne (i32.load offset=20 (local.get $desc)) (i32.const 48)) (then (local.set $result (i32.const -1))))
        (if (i32.ne (i32.load8_u offset=8 (i32.load offset=24 (local.get $desc))) (i32.const 8))
          (then (local.set $result (i32.const -1))))
        (if (i32.eqz (local.get $result))
          (then
            (global.set $count (i32.add (global.get $count) (i32.const 1)))
            (local.set $result (i32.eqz (i32.rem_u (global.get $count) (i32.const 10))))))
        (i32.store offset=36 (local.get $desc) (local.get $result))
        (local.set $d (i32.add (local.get $d) (i32.const 1)))
        (br $next)))
    (i32.const 0))
  (func (export "torvyn_complete") (result i32)
    (if (result i32) (i32.eq (global.get $count) (global.get $expected))
      (then (i32.const 0)) (else (i32.const -1)))))
