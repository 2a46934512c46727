# kernels: stock debug
# expect: kernel-report
# A WARN in the guest kernel must fail the run even though the test passes.
load harness_warn
rmmod harness_warn
