# kernels: stock
# expect: fail
# A failing assertion inside the guest must fail the run.
expect_eq "one plus one" 3 $((1 + 1))
