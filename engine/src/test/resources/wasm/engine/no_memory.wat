;; A processor that does not export its memory.
(module
  (memory 1)
  (func (export "torvyn_process") (param $in i32) (result i32) (local.get $in)))
