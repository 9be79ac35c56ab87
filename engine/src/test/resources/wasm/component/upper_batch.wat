;; Batch twin of upper.wat: upper-cases each staged payload in place and asks the host to emit those bytes
;; (TORVYN_EMIT_BYTES). The batch area lives at 64 KiB.
(module
  (memory (export "memory") 8)
  (func $upper (param $p i32) (param $n i32)
    (local $end i32) (local $c i32)
    (local.set $end (i32.add (local.get $p) (local.get $n)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $c (i32.load8_u (local.get $p)))
        (if (i32.and (i32.ge_u (local.get $c) (i32.const 97)) (i32.le_u (local.get $c) (i32.const 122)))
          (then (i32.store8 (local.get $p) (i32.sub (local.get $c) (i32.const 32)))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $next))))
  (func (export "torvyn_batch_area") (param $bytes i32) (result i32) (i32.const 65536))
  (func (export "torvyn_process_batch") (param $n i32) (result i32)
    (local $d i32) (local $desc i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $d) (local.get $n)))
        (local.set $desc (i32.add (i32.const 65552) (i32.mul (local.get $d) (i32.const 64))))
        (call $upper (i32.load offset=24 (local.get $desc)) (i32.load offset=20 (local.get $desc)))
        (i32.store offset=36 (local.get $desc) (i32.const 2))
        (i32.store offset=40 (local.get $desc) (i32.load offset=24 (local.get $desc)))
        (i32.store offset=44 (local.get $desc) (i32.load offset=20 (local.get $desc)))
        (local.set $d (i32.add (local.get $d) (i32.const 1)))
        (br $next)))
    (i32.const 0)))
