;; Imports buffer_size with the wrong type (i32 result instead of i64).
(module
  (import "torvyn" "buffer_size" (func (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "torvyn_evaluate") (param $in i32) (result i32) (local.get $in)))
