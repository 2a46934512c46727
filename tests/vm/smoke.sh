# kernels: stock debug
# The harness itself: a test that does nothing passes.
echo "smoke: kernel $(uname -r), $(kernel_flavour) flavour"
