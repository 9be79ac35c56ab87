;; Keeps its input handle in a global and uses it in the next call, where it is stale: the host answers -14 (and the
;; element fails with E0303). Any other answer is reported as an internal error.
(module
  (import "torvyn" "buffer_size" (func $size (param i32) (result i64)))
  (memory (export "memory") 1)
  (global $old (mut i32) (i32.const 0))
  (func (export "torvyn_process") (param $in i32) (result i32)
    (if (global.get $old)
      (then
        (if (i64.ne (call $size (global.get $old)) (i64.const -14)) (then (return (i32.const -3))))))
    (global.set $old (local.get $in))
    (local.get $in)))
