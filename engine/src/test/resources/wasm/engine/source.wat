;; A source: emits buffers until it has produced three, then ends the stream.
(module
  (import "torvyn" "buffer_alloc" (func $alloc (param i64) (result i32)))
  (memory (export "memory") 1)
  (global $produced (mut i32) (i32.const 0))
  (func (export "torvyn_pull") (result i32)
    (if (i32.ge_u (global.get $produced) (i32.const 3)) (then (return (i32.const -6))))
    (global.set $produced (i32.add (global.get $produced) (i32.const 1)))
    (call $alloc (i64.const 16))))
