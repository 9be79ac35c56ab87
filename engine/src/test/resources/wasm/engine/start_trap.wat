;; Traps in its start function, during instantiation.
(module
  (memory (export "memory") 1)
  (func $start unreachable)
  (start $start)
  (func (export "torvyn_process") (param $in i32) (result i32) (local.get $in)))
