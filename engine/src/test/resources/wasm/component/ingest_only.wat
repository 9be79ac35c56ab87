;; An aggregator without torvyn_flush (E0101).
(module
  (memory (export "memory") 1)
  (func (export "torvyn_ingest") (param $in i32) (result i32) (i32.const 0)))
