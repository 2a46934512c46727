# kernels: debug
# expect: kmemleak
# A leaked kmalloc must be found by the end-of-test kmemleak scan.
load harness_leak
rmmod harness_leak
