# SPDX-License-Identifier: GPL-2.0
#
# Human entry point. Kernel build rules live in Kbuild.
#
#   make                       module + reader, for the running kernel
#   make KDIR=<tree>           module against another prepared tree
#   make ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- KDIR=<tree>
#   make check                 every test (see README.md)
#   make compat [TREES=...]    compile checks against prepared kernel trees
#                              (scripts/prepare-tree.sh SRC ARCH prepares one)
#   make demo                  replay an incident in a VM and show the report

# The version is the module's (module/format.h), shared with the reader.
VERSION := $(shell sed -n 's/^\#define OT_VERSION[^"]*"\(.*\)"/\1/p' module/format.h)
KERNELRELEASE ?= $(shell uname -r)
KDIR ?= /lib/modules/$(KERNELRELEASE)/build
DKMS_SRC := /usr/src/oomtrace-$(VERSION)
CHECKPATCH ?= $(shell scripts/find-checkpatch.sh 2>/dev/null)

all: module user

module:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

module-debug:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules ccflags-y+=-DDEBUG

user:
	$(MAKE) -C user

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null || \
		find module kunit \( -name '*.o' -o -name '*.cmd' -o -name '*.ko' \) -delete
	$(MAKE) -C user clean
	rm -rf build

install: module
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules_install
	depmod -a $(KERNELRELEASE)

dkms-install:
	rm -rf $(DKMS_SRC)
	mkdir -p $(DKMS_SRC)
	cp -r Kbuild Makefile dkms.conf module $(DKMS_SRC)/
	dkms add oomtrace/$(VERSION)
	dkms build oomtrace/$(VERSION) -k $(KERNELRELEASE)
	dkms install oomtrace/$(VERSION) -k $(KERNELRELEASE)

dkms-remove:
	dkms remove oomtrace/$(VERSION) --all
	rm -rf $(DKMS_SRC)

style:
	@test -n "$(CHECKPATCH)" || { echo "checkpatch.pl not found: run scripts/install-deps.sh"; exit 1; }
	$(CHECKPATCH) --no-tree --strict --terse --show-types \
		--ignore FILE_PATH_CHANGES,LONG_LINE_STRING,LINUX_VERSION_CODE \
		-f module/*.c module/*.h kunit/*.c kunit/*.h $(filter-out %/bench_sites.c,$(wildcard tests/modules/*.c))
	@# DKMS reads the version from dkms.conf: it must be the module's.
	@grep -qx 'PACKAGE_VERSION="$(VERSION)"' dkms.conf || \
		{ echo "dkms.conf: PACKAGE_VERSION is not $(VERSION) (module/format.h)"; exit 1; }
	@# Ten thousand distinct call instructions are written as nested case
	@# macros on purpose: the macro rules are the only ones waived there.
	$(CHECKPATCH) --no-tree --strict --terse --show-types \
		--ignore FILE_PATH_CHANGES,MULTISTATEMENT_MACRO_USE_DO_WHILE,COMPLEX_MACRO,MACRO_ARG_REUSE,TRAILING_SEMICOLON \
		-f tests/modules/bench_sites.c

check:
	scripts/check.sh

compat:
	scripts/compat.sh $(TREES)

bench:
	scripts/bench.sh

demo:
	scripts/demo.sh

.PHONY: all module module-debug user clean install dkms-install dkms-remove style check compat demo bench
