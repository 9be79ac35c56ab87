;; A batch aggregator with every optional export: init (reads its config), teardown, metadata-only declaration.
(module
  (import "torvyn" "config" (func $config (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global (export "torvyn_metadata_only") i32 (i32.const 1))
  (global $count (mut i32) (i32.const 0))
  (func (export "torvyn_init") (result i32) (call $config (i32.const 0) (i32.const 64)))
  (func (export "torvyn_teardown"))
  (func (export "torvyn_batch_area") (param $bytes i32) (result i32) (i32.const 4096))
  (func (export "torvyn_ingest_batch") (param $n i32) (result i32)
    (global.set $count (i32.add (global.get $count) (local.get $n)))
    (local.get $n))
  (func (export "torvyn_flush") (result i32) (global.get $count)))
