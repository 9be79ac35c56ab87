;; Allocates a buffer per element and never emits or releases it: the host reclaims it after the call (a leak, not
;; an error) and the element is forwarded.
(module
  (import "torvyn" "buffer_alloc" (func $alloc (param i64) (result i32)))
  (memory (export "memory") 1)
  (func (export "torvyn_process") (param $in i32) (result i32)
    (drop (call $alloc (i64.const 16)))
    (local.get $in)))
