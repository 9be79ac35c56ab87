;; Processor: reads the payload into memory at 1024, adds 1 to every byte, writes it to a new buffer, logs, returns it.
(module
  (import "torvyn" "buffer_read" (func $read (param i32 i64 i32 i32) (result i32)))
  (import "torvyn" "buffer_alloc" (func $alloc (param i64) (result i32)))
  (import "torvyn" "buffer_write" (func $write (param i32 i64 i32 i32) (result i32)))
  (import "torvyn" "log" (func $log (param i32 i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "processed")
  (func (export "torvyn_process") (param $in i32) (result i32)
    (local $n i32) (local $i i32) (local $out i32) (local $rc i32)
    (local.set $n (call $read (local.get $in) (i64.const 0) (i32.const 1024) (i32.const 256)))
    (if (i32.lt_s (local.get $n) (i32.const 0)) (then (return (local.get $n))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store8 (i32.add (i32.const 1024) (local.get $i))
          (i32.add (i32.load8_u (i32.add (i32.const 1024) (local.get $i))) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.set $out (call $alloc (i64.extend_i32_u (local.get $n))))
    (if (i32.le_s (local.get $out) (i32.const 0)) (then (return (i32.const -3))))
    (local.set $rc (call $write (local.get $out) (i64.const 0) (i32.const 1024) (local.get $n)))
    (if (i32.ne (local.get $rc) (i32.const 0)) (then (return (local.get $rc))))
    (call $log (i32.const 2) (i32.const 16) (i32.const 9))
    (local.get $out))
  ;; asks the host to copy to a range that ends past the memory: the host answers -11
  (func (export "read_out_of_bounds") (param $in i32) (result i32)
    (call $read (local.get $in) (i64.const 0) (i32.const 65530) (i32.const 64))))
