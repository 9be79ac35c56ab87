;; content_router - router: port 0 when the content type starts with a prefix, port 1 otherwise
;; (WAT twin of c/content_router.c). Config: {"prefix":"application/json"}; this variant takes the first string
;; value in the config (default application/json). Only metadata is read: routing copies nothing.
(module
  (import "torvyn" "config" (func $config (param i32 i32) (result i32)))
  (import "torvyn" "buffer_content_type" (func $buffer_content_type (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; memory map: [0, 256) config text, [512, ...) default prefix, [1024, 1151) the element's content type
  (data (i32.const 512) "application/json")
  (global $prefix (mut i32) (i32.const 512))
  (global $prefix_len (mut i32) (i32.const 16))

  (func (export "torvyn_metadata_only"))

  (func (export "torvyn_init") (result i32)
    (local $len i32) (local $i i32) (local $start i32)
    (local.set $len (call $config (i32.const 0) (i32.const 256)))
    (if (i32.gt_s (local.get $len) (i32.const 256)) (then (local.set $len (i32.const 256))))
    ;; find ':' then the opening quote of the value
    (block $none
      (loop $colon
        (br_if $none (i32.ge_s (local.get $i) (local.get $len)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $colon (i32.ne (i32.load8_u (i32.sub (local.get $i) (i32.const 1))) (i32.const 58))))
      (loop $quote
        (br_if $none (i32.ge_s (local.get $i) (local.get $len)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $quote (i32.ne (i32.load8_u (i32.sub (local.get $i) (i32.const 1))) (i32.const 34))))
      (local.set $start (local.get $i))
      (loop $close
        (br_if $none (i32.ge_s (local.get $i) (local.get $len)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $close (i32.ne (i32.load8_u (i32.sub (local.get $i) (i32.const 1))) (i32.const 34))))
      (global.set $prefix (local.get $start))
      (global.set $prefix_len (i32.sub (i32.sub (local.get $i) (i32.const 1)) (local.get $start))))
    (i32.const 0))

  (func (export "torvyn_route") (param $in i32) (result i32)
    (local $len i32) (local $i i32)
    (local.set $len (call $buffer_content_type (local.get $in) (i32.const 1024) (i32.const 127)))
    (if (i32.lt_s (local.get $len) (i32.const 0)) (then (return (local.get $len))))
    (if (i32.gt_s (local.get $len) (i32.const 127)) (then (local.set $len (i32.const 127))))
    (if (i32.gt_s (global.get $prefix_len) (local.get $len)) (then (return (i32.const 2))))
    (block $differs
      (loop $compare
        (if (i32.ge_s (local.get $i) (global.get $prefix_len)) (then (return (i32.const 1))))
        (br_if $differs (i32.ne (i32.load8_u (i32.add (i32.const 1024) (local.get $i)))
                                (i32.load8_u (i32.add (global.get $prefix) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $compare)))
    (i32.const 2)))
