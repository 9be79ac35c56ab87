;; Exports a name in the prefix the instrumenter reserves for its metered wrappers, next to the name it would wrap.
(module
  (memory (export "memory") 1)
  (func (export "f") (result i32)
    i32.const 1)
  (func (export "torvyn_metered$f") (result i32)
    i32.const 2))
