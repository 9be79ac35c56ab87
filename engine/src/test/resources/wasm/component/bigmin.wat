;; Asks for 100 pages (6.25 MiB) of memory at start: refused at load under a smaller cap (E0404).
(module
  (memory (export "memory") 100)
  (func (export "torvyn_process") (param $in i32) (result i32) (local.get $in)))
