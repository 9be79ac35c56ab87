;; Reads each payload (one payload-read), then refuses (invalid-input, with a message) every element whose sequence
;; is 3 mod 4 and forwards the others.
(module
  (import "torvyn" "element_sequence" (func $seq (param i32) (result i64)))
  (import "torvyn" "buffer_read" (func $read (param i32 i64 i32 i32) (result i32)))
  (import "torvyn" "fail" (func $fail (param i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "bad record")
  (func (export "torvyn_process") (param $in i32) (result i32)
    (drop (call $read (local.get $in) (i64.const 0) (i32.const 1024) (i32.const 4096)))
    (if (i64.eq (i64.rem_u (call $seq (local.get $in)) (i64.const 4)) (i64.const 3))
      (then
        (call $fail (i32.const -1) (i32.const 0) (i32.const 10))
        (return (i32.const -1))))
    (local.get $in)))
