;; return_call needs --enable-tail-call; countdown(n) tail-calls itself n times and returns 0.
(module
  (func $countdown (export "countdown") (param $n i32) (result i32)
    local.get $n
    i32.eqz
    if
      i32.const 0
      return
    end
    local.get $n
    i32.const 1
    i32.sub
    return_call $countdown))
