;; Declares its own maximum of 2 pages, below any cap the tests apply.
(module
  (memory (export "memory") 1 2)
  (func (export "grow") (param i32) (result i32)
    local.get 0
    memory.grow))
