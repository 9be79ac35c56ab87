;; Imported functions and globals come first in their index spaces; the fuel global must go after all of them.
(module
  (import "env" "add" (func $add (param i32 i32) (result i32)))
  (import "env" "base" (global $base i32))
  (import "env" "twice" (func $twice (param i32) (result i32)))
  (import "env" "counter" (global $counter (mut i32)))
  (global $bias (mut i32) (i32.const 1000))
  (global $step i32 (i32.const 3))

  ;; add(twice(x), base) + bias + step, and counter += 1
  (func (export "compute") (param i32) (result i32)
    global.get $counter
    i32.const 1
    i32.add
    global.set $counter
    local.get 0
    call $twice
    global.get $base
    call $add
    global.get $bias
    i32.add
    global.get $step
    i32.add)

  (func (export "counter") (result i32)
    global.get $counter))
