;; Processor that burns CPU (a counted loop) before forwarding its input unchanged: the deliberately slow stage of
;; the bench tests. Zero copies, so only its processing time and fuel stand out.
(module
  (memory (export "memory") 1)
  (func (export "torvyn_process") (param $in i32) (result i32)
    (local $i i32)
    (local.set $i (i32.const 200000))
    (loop $spin
      (local.set $i (i32.sub (local.get $i) (i32.const 1)))
      (br_if $spin (i32.gt_s (local.get $i) (i32.const 0))))
    (local.get $in)))
