;; Post-MVP features the instrumenter must decode: multi-value blocks with type indices, select t, sign extension,
;; saturating truncation, bulk memory with a passive segment (data count section), tables, element segments,
;; call_indirect, reference types and a start function. Every export returns the same value metered or not.
(module
  (type $binop (func (param i32 i32) (result i32)))
  (type $pair (func (param i32) (result i32 i32)))
  (type $unary (func (param i32) (result i32)))
  (table $fns 4 funcref)
  (memory (export "memory") 1 4)
  (global $started (mut i32) (i32.const 0))
  (global $seed i64 (i64.const 42))
  (data $active (i32.const 16) "torvyn")
  (data $passive "\01\02\03\04\05\06\07\08")
  (elem (i32.const 0) func $add $sub $mul)
  (elem $later func $mul)

  (func $add (type $binop) local.get 0 local.get 1 i32.add)
  (func $sub (type $binop) local.get 0 local.get 1 i32.sub)
  (func $mul (type $binop) local.get 0 local.get 1 i32.mul)

  (func $init
    i32.const 1
    global.set $started)
  (start $init)

  (func (export "started") (result i32)
    global.get $started)

  ;; call_indirect through the table: op 0 add, 1 sub, 2 mul
  (func (export "apply") (param $op i32) (param $a i32) (param $b i32) (result i32)
    local.get $a
    local.get $b
    local.get $op
    call_indirect $fns (type $binop))

  ;; multi-value block typed by index: (x) -> (x+1, x*2), summed
  (func (export "pair") (param i32) (result i32)
    local.get 0
    block (type $pair)
      local.tee 0
      i32.const 1
      i32.add
      local.get 0
      i32.const 2
      i32.mul
    end
    i32.add)

  ;; a loop with a parameter: counts x down to 0 and returns the number of iterations plus 100
  (func (export "loop_params") (param $x i32) (result i32)
    (local $turns i32)
    local.get $x
    loop (type $unary)
      local.get $turns
      i32.const 1
      i32.add
      local.set $turns
      i32.const 1
      i32.sub
      local.tee $x
      local.get $x
      br_if 0
    end
    local.get $turns
    i32.const 100
    i32.add
    i32.add)

  ;; an if with a parameter: 11 when x is non-zero, else 9
  (func (export "if_params") (param i32) (result i32)
    i32.const 10
    local.get 0
    if (type $unary)
      i32.const 1
      i32.add
    else
      i32.const 1
      i32.sub
    end)

  (func (export "pick") (param i32) (result i64)
    i64.const 7
    i64.const 9
    local.get 0
    select (result i64))

  (func (export "extend8") (param i32) (result i32)
    local.get 0
    i32.extend8_s)

  (func (export "truncsat") (param f64) (result i32)
    local.get 0
    i32.trunc_sat_f64_s)

  ;; fills, copies and initialises memory, then sums bytes 0..31
  (func (export "bulk") (result i32)
    (local $i i32) (local $acc i32)
    i32.const 0
    i32.const 3
    i32.const 4
    memory.fill
    i32.const 4
    i32.const 16
    i32.const 6
    memory.copy
    i32.const 10
    i32.const 2
    i32.const 4
    memory.init $passive
    data.drop $passive
    loop $next
      local.get $acc
      local.get $i
      i32.load8_u
      i32.add
      local.set $acc
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      i32.const 32
      i32.lt_u
      br_if $next
    end
    local.get $acc)

  ;; table.init/elem.drop/table.size/table.get, ref.func, ref.null and ref.is_null
  (func (export "refs") (result i32)
    i32.const 3
    i32.const 0
    i32.const 1
    table.init $fns $later
    elem.drop $later
    ref.null func
    ref.is_null
    ref.func $add
    ref.is_null
    i32.add
    table.size $fns
    i32.add
    i32.const 3
    table.get $fns
    ref.is_null
    i32.add)

  (func (export "globals") (result i64)
    global.get $seed
    global.get $started
    i64.extend_i32_u
    i64.add))
