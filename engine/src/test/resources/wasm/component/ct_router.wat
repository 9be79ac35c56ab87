;; Router by content type: "text/..." goes to port 0, anything else to port 1. Reads only metadata.
(module
  (import "torvyn" "buffer_content_type" (func $ct (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "torvyn_route") (param $in i32) (result i32)
    (drop (call $ct (local.get $in) (i32.const 0) (i32.const 16)))
    (if (result i32) (i32.eq (i32.load8_u (i32.const 0)) (i32.const 116))
      (then (i32.const 1)) (else (i32.const 2)))))
