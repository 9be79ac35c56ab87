;; Control flow shapes whose fuel cost is pinned down exactly by InstrumentedExecutionTest.
(module
  (memory (export "memory") 1)

  ;; cost 3: one segment of three instructions
  (func (export "add") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.add)

  ;; never ends: 1 on entry (loop), then 1 per iteration (br)
  (func (export "spin")
    (loop $again
      br $again))

  ;; sum of 0..n-1, cost 14n + 7
  (func (export "sum") (param $n i32) (result i64)
    (local $i i32) (local $acc i64)
    block $done
      loop $next
        local.get $i
        local.get $n
        i32.ge_s
        br_if $done
        local.get $acc
        local.get $i
        i64.extend_i32_s
        i64.add
        local.set $acc
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br $next
      end
    end
    local.get $acc)

  ;; 0,1,2 -> 100,101,102 (cost 8); anything else -> -1 (cost 7)
  (func (export "classify") (param i32) (result i32)
    block $default
      block $c2
        block $c1
          block $c0
            local.get 0
            br_table $c0 $c1 $c2 $default
          end
          i32.const 100
          return
        end
        i32.const 101
        return
      end
      i32.const 102
      return
    end
    i32.const -1)

  ;; -1, 0 or 1; cost 5 for negative input, 8 otherwise
  (func (export "sign") (param i32) (result i32)
    local.get 0
    i32.const 0
    i32.lt_s
    if (result i32)
      i32.const -1
    else
      local.get 0
      i32.eqz
      if (result i32)
        i32.const 0
      else
        i32.const 1
      end
    end)

  (func $fib (export "fib") (param $n i32) (result i32)
    local.get $n
    i32.const 2
    i32.lt_s
    if (result i32)
      local.get $n
    else
      local.get $n
      i32.const 1
      i32.sub
      call $fib
      local.get $n
      i32.const 2
      i32.sub
      call $fib
      i32.add
    end)

  ;; deep recursion: down(n) = n == 0 ? 0 : 1 + down(n - 1)
  (func $down (export "down") (param $n i32) (result i32)
    local.get $n
    i32.eqz
    if
      i32.const 0
      return
    end
    local.get $n
    i32.const 1
    i32.sub
    call $down
    i32.const 1
    i32.add)

  ;; a trap that is not fuel exhaustion
  (func (export "divide") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.div_s)

;; leaves through the function label with br_if: cost 3 when x != 0 (returns 7), else 5 (returns 9)
  (func (export "early") (param i32) (result i32)
    i32.const 7
    local.get 0
    br_if 0
    drop
    i32.const 9)

  ;; br_table whose default is the function label: cost 4 for x == 0, else 3
  (func (export "table_exit") (param i32)
    block $inner
      local.get 0
      br_table $inner 1
    end
    nop)

  (func (export "grow") (param i32) (result i32)
    local.get 0
    memory.grow)

  (func (export "pages") (result i32)
    memory.size))
