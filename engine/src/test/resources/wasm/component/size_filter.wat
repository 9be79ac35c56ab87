;; Metadata-only filter: passes payloads of at most 32 bytes, reading only their size (no copy).
(module
  (import "torvyn" "buffer_size" (func $size (param i32) (result i64)))
  (memory (export "memory") 1)
  (global (export "torvyn_metadata_only") i32 (i32.const 1))
  (func (export "torvyn_evaluate") (param $in i32) (result i32)
    (i64.le_u (call $size (local.get $in)) (i64.const 32))))
