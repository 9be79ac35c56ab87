;; Exports for the metered twins (instrumented by the tests): every typed entry point, a function with two results
;; (no twin), one that grows memory and one that never ends.
(module
  (memory (export "memory") 1 4)

  ;; cost 3
  (func (export "double") (param i32) (result i32)
    local.get 0
    i32.const 2
    i32.mul)

  ;; cost 1
  (func (export "pages") (result i32)
    memory.size)

  ;; cost 2
  (func (export "grow") (param i32) (result i32)
    local.get 0
    memory.grow)

  ;; cost 0
  (func (export "nothing"))

  ;; 1 on entry (loop), then 1 per iteration (br)
  (func (export "spin")
    (loop $again
      br $again))

  ;; traps (the global keeps its value at entry)
  (func (export "trap") (result i32)
    unreachable)

  (func (export "swap") (param i32 i32) (result i32 i32)
    local.get 1
    local.get 0))
