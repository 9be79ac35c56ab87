;; Batch twin of numbers.wat: torvyn_pull_batch(n) writes up to n indices into the staging region and points each
;; output descriptor at its 8 bytes (the host copies them: the write copy); -6 once all 250 are out.
(module
  (memory (export "memory") 8)
  (global $next (mut i64) (i64.const 0))
  (func (export "torvyn_batch_area") (param $bytes i32) (result i32) (i32.const 65536))
  (func (export "torvyn_pull_batch") (param $n i32) (result i32)
    (local $d i32) (local $desc i32) (local $out i32)
    (if (i64.ge_u (global.get $next) (i64.const 250)) (then (return (i32.const -6))))
    (block $done
      (loop $more
        (br_if $done (i32.ge_u (local.get $d) (local.get $n)))
        (br_if $done (i64.ge_u (global.get $next) (i64.const 250)))
        (local.set $desc (i32.add (i32.const 65552) (i32.mul (local.get $d) (i32.const 64))))
        (local.set $out (i32.add (i32.load (i32.const 65544)) (i32.mul (local.get $d) (i32.const 8))))
        (i64.store (local.get $out) (global.get $next))
        (i32.store offset=40 (local.get $desc) (local.get $out))
        (i32.store offset=44 (local.get $desc) (i32.const 8))
        (global.set $next (i64.add (global.get $next) (i64.const 1)))
        (local.set $d (i32.add (local.get $d) (i32.const 1)))
        (br $more)))
    (local.get $d)))
