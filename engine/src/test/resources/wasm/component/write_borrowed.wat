;; Writes into its borrowed input: the host answers -13 (and the element fails with E0302).
(module
  (import "torvyn" "buffer_write" (func $write (param i32 i64 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "torvyn_process") (param $in i32) (result i32)
    (if (result i32) (i32.eq (call $write (local.get $in) (i64.const 0) (i32.const 0) (i32.const 1)) (i32.const -13))
      (then (local.get $in)) (else (i32.const -3)))))
