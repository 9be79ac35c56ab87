;; Loops forever on every element whose sequence is 4 mod 5; forwards the others. Stopped by fuel or the deadline.
(module
  (import "torvyn" "element_sequence" (func $seq (param i32) (result i64)))
  (memory (export "memory") 1)
  (func (export "torvyn_process") (param $in i32) (result i32)
    (if (i64.eq (i64.rem_u (call $seq (local.get $in)) (i64.const 5)) (i64.const 4))
      (then (loop $forever (br $forever))))
    (local.get $in)))
