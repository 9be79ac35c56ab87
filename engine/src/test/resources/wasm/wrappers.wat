;; Exports the metered wrappers must cover: a re-exported import, one function under two names, a function with two
;; results (not wrapped), mixed value types, no parameters and no results, and a function that grows memory.
(module
  (import "env" "twice" (func $twice (param i32) (result i32)))
  (memory (export "memory") 1 4)

  ;; two results: no wrapper
  (func (export "swap") (param i32 i32) (result i32 i32)
    local.get 1
    local.get 0)

  ;; cost 2
  (func $grow (export "grow") (export "grow_again") (param i32) (result i32)
    local.get 0
    memory.grow)

  ;; cost 1
  (func (export "mixed") (param i64 f64 i32) (result f64)
    local.get 1)

  ;; cost 0
  (func (export "nothing"))

  (export "twice" (func $twice)))
