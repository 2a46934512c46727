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
#   make sign KEY=k.pem CERT=c.pem   sign oomtrace.ko with the kernel's sign-file
#   make deb                   oomtrace and oomtrace-dkms packages in build/deb
#   make install               module (modules_install), reader and man pages
#   make install-user DESTDIR=... PREFIX=/usr   reader and man pages only

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

install: module install-user
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules_install
	depmod -a $(KERNELRELEASE)

# The reader and the man pages, under DESTDIR/PREFIX (default /usr/local).
PREFIX ?= /usr/local
MANPAGES := $(wildcard docs/man/oomtrace.[0-9])
install-user: user
	install -D -m 0755 user/build/oomtrace $(DESTDIR)$(PREFIX)/bin/oomtrace
	$(foreach p,$(MANPAGES),install -D -m 0644 $(p) \
		$(DESTDIR)$(PREFIX)/share/man/man$(subst .,,$(suffix $(p)))/$(notdir $(p));)

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

# The kernel's own signing tool and the hash its config asks for.
SIGN_FILE ?= $(KDIR)/scripts/sign-file
SIG_HASH ?= $(or $(shell sed -n 's/^CONFIG_MODULE_SIG_HASH="\(.*\)"/\1/p' $(KDIR)/.config 2>/dev/null),sha256)
SIG_MARKER := ~Module signature appended~

sign:
	@test -n "$(KEY)" && test -n "$(CERT)" || \
		{ echo "usage: make sign KEY=signing_key.pem CERT=signing_cert.pem [KDIR=...]" >&2; exit 2; }
	@test -r "$(KEY)" && test -r "$(CERT)" || { echo "cannot read $(KEY) or $(CERT)" >&2; exit 2; }
	@test -x "$(SIGN_FILE)" || { echo "$(SIGN_FILE) not found: install the kernel's headers" >&2; exit 2; }
	$(MAKE) module
	@if tail -c 28 oomtrace.ko | grep -qF '$(SIG_MARKER)'; then \
		echo "oomtrace.ko is already signed (by $$(modinfo -F signer oomtrace.ko)); make clean module first to sign again"; \
	else \
		$(SIGN_FILE) $(SIG_HASH) $(KEY) $(CERT) oomtrace.ko && \
		echo "oomtrace.ko signed ($(SIG_HASH)) by $$(modinfo -F signer oomtrace.ko)"; \
	fi

deb:
	scripts/make-deb.sh

# For scripts: the version, read from module/format.h in one place.
version:
	@echo $(VERSION)

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

.PHONY: all module module-debug user clean install install-user dkms-install dkms-remove style check compat demo bench \
	sign deb version
