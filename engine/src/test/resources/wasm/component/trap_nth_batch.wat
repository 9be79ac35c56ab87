;; Batch twin of trap_nth.wat: the whole batch call traps when any of its elements has a sequence 3 mod 4, so the
;; host has to find the culprit by calling the elements one at a time.
(module
  (memory (export "memory") 8)
  (global (export "torvyn_metadata_only") i32 (i32.const 1))
  (func (export "torvyn_batch_area") (param $bytes i32) (result i32) (i32.const 65536))
  (func (export "torvyn_process_batch") (param $n i32) (result i32)
    (local $d i32) (local $desc i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $d) (local.get $n)))
        (local.set $desc (i32.add (i32.const 65552) (i32.mul (local.get $d) (i32.const 64))))
        (if (i64.eq (i64.rem_u (i64.load (local.get $desc)) (i64.const 4)) (i64.const 3))
          (then (unreachable)))
        (i32.store offset=36 (local.get $desc) (i32.const 1))
        (local.set $d (i32.add (local.get $d) (i32.const 1)))
        (br $next)))
    (i32.const 0)))
