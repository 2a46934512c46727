# kernels: stock debug
# expect: kernel-report
# A NULL dereference in a module's init must fail the run with the oops shown.
load harness_null
