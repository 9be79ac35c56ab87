;; Exports a name in the prefix the instrumenter reserves for its argument-free batch wrappers, with a type no wrapper
;; has, next to the (i32) -> i32 export it would stand for.
(module
  (memory (export "memory") 1)
  (func (export "f") (param i32) (result i32)
    local.get 0)
  (func (export "torvyn_metered0$f") (result i32)
    i32.const 2))
