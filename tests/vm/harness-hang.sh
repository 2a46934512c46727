# kernels: stock
# expect: timeout
# timeout: 40
# A guest that never reports must be killed and reported as a timeout.
while :; do sleep 1; done
