;; Returns fatal (-5) on the element with sequence 3: the flow stops whatever the error policy (E0410).
(module
  (import "torvyn" "element_sequence" (func $seq (param i32) (result i64)))
  (memory (export "memory") 1)
  (func (export "torvyn_process") (param $in i32) (result i32)
    (if (result i32) (i64.eq (call $seq (local.get $in)) (i64.const 3))
      (then (i32.const -5)) (else (local.get $in)))))
