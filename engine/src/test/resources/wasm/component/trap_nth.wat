;; Traps (unreachable) on every element whose sequence is 3 mod 4; forwards the others.
(module
  (import "torvyn" "element_sequence" (func $seq (param i32) (result i64)))
  (memory (export "memory") 1)
  (func (export "torvyn_process") (param $in i32) (result i32)
    (if (i64.eq (i64.rem_u (call $seq (local.get $in)) (i64.const 4)) (i64.const 3))
      (then (unreachable)))
    (local.get $in)))
