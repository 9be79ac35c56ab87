;; torvyn_init refuses to start (-1) with a message: the flow start fails with E0410.
(module
  (import "torvyn" "fail" (func $fail (param i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "missing config")
  (func (export "torvyn_init") (result i32)
    (call $fail (i32.const -1) (i32.const 0) (i32.const 14))
    (i32.const -1))
  (func (export "torvyn_process") (param $in i32) (result i32) (local.get $in)))
