;; Grows its memory one page at a time on every element whose sequence is 4 mod 5 until memory.grow answers -1
;; (the cap), then traps. Forwards the others.
(module
  (import "torvyn" "element_sequence" (func $seq (param i32) (result i64)))
  (memory (export "memory") 1)
  (func (export "torvyn_process") (param $in i32) (result i32)
    (if (i64.eq (i64.rem_u (call $seq (local.get $in)) (i64.const 5)) (i64.const 4))
      (then
        (loop $grow
          (br_if $grow (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
        (unreachable)))
    (local.get $in)))
