;; Batch twin of size_filter.wat: metadata-only (payloads are not staged), result = size <= 32 per descriptor.
(module
  (memory (export "memory") 8)
  (global (export "torvyn_metadata_only") i32 (i32.const 1))
  (func (export "torvyn_batch_area") (param $bytes i32) (result i32) (i32.const 65536))
  (func (export "torvyn_evaluate_batch") (param $n i32) (result i32)
    (local $d i32) (local $desc i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $d) (local.get $n)))
        (local.set $desc (i32.add (i32.const 65552) (i32.mul (local.get $d) (i32.const 64))))
        (i32.store offset=36 (local.get $desc) (i32.le_u (i32.load offset=20 (local.get $desc)) (i32.const 32)))
        (local.set $d (i32.add (local.get $d) (i32.const 1)))
        (br $next)))
    (i32.const 0)))
