;; 20 pages minimum (1.25 MiB): refused under a 1 MiB limit.
(module
  (memory (export "memory") 20)
  (func (export "pages") (result i32)
    memory.size))
