;; Needs four pages of memory at start.
(module
  (memory (export "memory") 4)
  (func (export "torvyn_process") (param $in i32) (result i32) (local.get $in)))
