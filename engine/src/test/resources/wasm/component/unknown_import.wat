;; Imports a host function that does not exist (E0102).
(module
  (import "torvyn" "buffer_frobnicate" (func $frob (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "torvyn_process") (param $in i32) (result i32) (call $frob (local.get $in))))
