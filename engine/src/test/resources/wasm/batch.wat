;; A batch module for the argument-free batch twins: torvyn_batch_area hands out the region at the address it is
;; asked for (so a test can move it), 0 for 0 and -1 for a negative size; the batch exports cost fuel in proportion to
;; the count they get, and "store" lets the test write a header count. Around them: a shared function exported twice,
;; batch names with the wrong type or two results (no batch twin), and a per-element export (no batch twin).
(module
  (memory (export "memory") 1)

  (func (export "torvyn_batch_area") (param $bytes i32) (result i32)
    local.get $bytes
    i32.const 0
    i32.lt_s
    if (result i32)
      i32.const -1
    else
      local.get $bytes
    end)

  ;; (sum of 0..n-1) | n << 16; cost grows with n
  (func $sum (export "torvyn_process_batch") (export "torvyn_route_batch") (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    block
      loop
        local.get $i
        local.get $n
        i32.ge_s
        br_if 1
        local.get $acc
        local.get $i
        i32.add
        local.set $acc
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br 0
      end
    end
    local.get $acc
    local.get $n
    i32.const 16
    i32.shl
    i32.or)

  ;; -100 / n: negative results, and a trap for n = 0
  (func (export "torvyn_evaluate_batch") (param $n i32) (result i32)
    i32.const -100
    local.get $n
    i32.div_s)

  (func (export "torvyn_pull_batch") (param $n i32) (result i32)
    local.get $n)

  (func (export "torvyn_ingest_batch") (param i64) (result i32)
    i32.const 0)

  (func (export "torvyn_push_batch") (param $n i32) (result i32 i32)
    local.get $n
    local.get $n)

  (func (export "torvyn_process") (param $in i32) (result i32)
    local.get $in)

  (func (export "store") (param $address i32) (param $value i32)
    local.get $address
    local.get $value
    i32.store))
