;; Role exports with wrong types, a batch export without torvyn_batch_area, an ingest without flush.
(module
  (memory (export "memory") 1)
  (func (export "torvyn_process") (param $in i64) (result i32) (i32.const 0))
  (func (export "torvyn_evaluate_batch") (param $n i32) (result i32) (local.get $n))
  (func (export "torvyn_ingest") (param $in i32) (result i32) (local.get $in))
  (func (export "torvyn_teardown") (result i32) (i32.const 0)))
