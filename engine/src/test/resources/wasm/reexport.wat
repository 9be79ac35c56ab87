;; Only a re-exported import: no function, code, global or memory of its own, so metering creates every section.
(module
  (import "env" "twice" (func $twice (param i32) (result i32)))
  (export "twice" (func $twice)))
