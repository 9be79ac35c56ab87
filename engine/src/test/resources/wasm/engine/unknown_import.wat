;; Imports a "torvyn" function the host does not provide.
(module
  (import "torvyn" "buffer_frobnicate" (func (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "torvyn_process") (param $in i32) (result i32) (local.get $in)))
