;; Exports memory and a helper but no role function.
(module
  (memory (export "memory") 1)
  (func (export "helper") (result i32) (i32.const 1)))
