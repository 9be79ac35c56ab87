;; Imports from a module other than "torvyn" (what an unlinked C runtime looks like).
(module
  (import "env" "abort" (func (param i32)))
  (memory (export "memory") 1)
  (func (export "torvyn_process") (param $in i32) (result i32) (local.get $in)))
