;; Filter: passes elements whose payload is longer than 10 bytes (one host import per call, no memory traffic).
(module
  (import "torvyn" "buffer_size" (func $buffer_size (param i32) (result i64)))
  (memory (export "memory") 1)
  (func (export "torvyn_evaluate") (param $h i32) (result i32)
    (i64.gt_u (call $buffer_size (local.get $h)) (i64.const 10))))
