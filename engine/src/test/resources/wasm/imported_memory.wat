(module
  (import "env" "memory" (memory 1))
  (func (export "grow") (param i32) (result i32)
    local.get 0
    memory.grow))
