;; No global and no export section: the only code is a start function that loops n times (n from the data byte).
(module
  (memory 1)
  (data (i32.const 0) "\14")
  (func $main
    (local $i i32)
    loop $next
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      i32.const 0
      i32.load8_u
      i32.lt_u
      br_if $next
    end)
  (start $main))
