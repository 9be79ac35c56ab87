;; A batch export without torvyn_batch_area: there is no header to read a count from, so no argument-free twin.
(module
  (memory (export "memory") 1)
  (func (export "torvyn_process_batch") (param $n i32) (result i32)
    local.get $n))
