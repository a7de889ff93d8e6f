# Two commands that each set themselves up on a fresh Debian machine:
#   make run    build and start the wizard
#   make test   install the test peers and run the whole test suite
# Installing: `make install` (PREFIX=~/.local by default, DESTDIR honoured) puts the binary, its man page and
# its bash, zsh and fish completions in place; `make uninstall` (same PREFIX and DESTDIR) removes exactly those.
SWIFT ?= swift
PREFIX ?= $(HOME)/.local
DESTDIR ?=
# release for people; `make test` builds it once and the packaging test installs exactly that.
CONFIGURATION ?= release
# `swift test` holds the build folder's lock while its tests run: the packaging test, when it must generate the
# man page itself (a plain `swift test` rather than `make test`), passes --ignore-lock.
SWIFTPM_FLAGS ?=

# libstdc++ linked in statically too: the Swift runtime uses a little of it, and loading the shared library made
# every run resolve its symbols (1.6 M instructions, 0.9 MiB; docs/benchmarks.md). swiftc adds -lstdc++ itself, so a
# folder searched first holds a libstdc++.so that is a linker script naming the static archive (`static-cxx`).
STATIC_CXX := $(CURDIR)/.build/static-libstdc++
ifeq ($(CONFIGURATION),release)
# The release build that is shipped and benchmarked (docs/benchmarks.md): the Swift runtime, FoundationEssentials
# and libstdc++ linked in statically, unused sections dropped, symbols stripped.
BUILD_FLAGS := -c release --static-swift-stdlib -Xswiftc -L$(STATIC_CXX) -Xlinker --gc-sections -Xlinker --strip-all
else
BUILD_FLAGS := -c $(CONFIGURATION)
endif
BINARY := .build/$(CONFIGURATION)/bedrock-setup
# The man page and completions, generated from the binary by swift-argument-parser, never written by hand.
GENERATED := .build/generated/$(CONFIGURATION)
MANUAL_PLUGIN_OUTPUT := .build/plugins/GenerateManual/outputs/bedrock-setup/bedrock-setup.1
# The manual's date is the last commit's, so the same tree always gives the same page.
MANUAL_DATE := $(shell git log -1 --format=%cs 2>/dev/null || date -u +%F)

# Where each installed file goes: the places each tool looks by itself under a prefix (man-db finds
# PREFIX/share/man from PREFIX/bin on PATH; bash-completion and fish read ~/.local/share; zsh needs fpath).
BIN_DIR := $(DESTDIR)$(PREFIX)/bin
MAN_DIR := $(DESTDIR)$(PREFIX)/share/man/man1
BASH_DIR := $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSH_DIR := $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISH_DIR := $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

.PHONY: run test build bench clean generated install install-files uninstall static-cxx

build: static-cxx
	scripts/bootstrap build
	$(SWIFT) build $(BUILD_FLAGS) --product bedrock-setup

# Where the toolchain has no libstdc++.a the folder stays empty and the shared library is linked, as before.
static-cxx:
	@mkdir -p $(STATIC_CXX)
	@archive=$$(clang -print-file-name=libstdc++.a 2>/dev/null); \
	if [ -f "$$archive" ]; then echo "INPUT($$archive)" > $(STATIC_CXX)/libstdc++.so; \
	else rm -f $(STATIC_CXX)/libstdc++.so; echo "libstdc++.a not found: the shared libstdc++ is linked"; fi

run: build
	$(BINARY)

# The release binary, man page and completions (what `make install` installs) are made before the tests run, as the
# packaging test installs them and SwiftPM cannot build while `swift test` holds the build folder: one release build. Tests run one at a time: on a 2-core machine Swift's
# cooperative pool has two threads, and two long blocking tests (subprocess oracles) starved the network tests
# past their time limits; serial runs make each test's time limit measure that test alone.
test:
	scripts/bootstrap test
	$(SWIFT) build --build-tests
	$(MAKE) --no-print-directory generated
	$(SWIFT) test --skip-build --no-parallel

bench: build
	scripts/bootstrap bench
	Benchmarks/run

# The plugin builds the package itself (dynamically linked) and runs generate-manual on the binary; the build
# after it links the binary that is installed. The page does not depend on the configuration, so the plugin always
# uses the debug build (already there in `make test`; on a fresh machine quicker than a second release build, as
# --static-swift-stdlib recompiles every module). Empty lines in the generated page (from paragraphs in --help
# discussions) become .Pp, the mdoc paragraph macro, which man renders without warnings.
generated: static-cxx
	scripts/bootstrap build
	$(SWIFT) package $(SWIFTPM_FLAGS) generate-manual --configuration debug --date $(MANUAL_DATE) >/dev/null
	$(SWIFT) build $(SWIFTPM_FLAGS) $(BUILD_FLAGS) --product bedrock-setup
	mkdir -p $(GENERATED)
	sed 's/^$$/.Pp/' $(MANUAL_PLUGIN_OUTPUT) > $(GENERATED)/bedrock-setup.1
	$(BINARY) --generate-completion-script bash > $(GENERATED)/bedrock-setup.bash
	$(BINARY) --generate-completion-script zsh > $(GENERATED)/_bedrock-setup
	$(BINARY) --generate-completion-script fish > $(GENERATED)/bedrock-setup.fish

install: generated
	$(MAKE) --no-print-directory install-files

# Copies what `generated` made; `install` is the target to use.
install-files:
	install -d "$(BIN_DIR)" "$(MAN_DIR)" "$(BASH_DIR)" "$(ZSH_DIR)" "$(FISH_DIR)"
	install -m 755 "$(BINARY)" "$(BIN_DIR)/bedrock-setup"
	install -m 644 "$(GENERATED)/bedrock-setup.1" "$(MAN_DIR)/bedrock-setup.1"
	install -m 644 "$(GENERATED)/bedrock-setup.bash" "$(BASH_DIR)/bedrock-setup"
	install -m 644 "$(GENERATED)/_bedrock-setup" "$(ZSH_DIR)/_bedrock-setup"
	install -m 644 "$(GENERATED)/bedrock-setup.fish" "$(FISH_DIR)/bedrock-setup.fish"
	@echo "Installed $(BIN_DIR)/bedrock-setup, its man page and bash, zsh and fish completions."
	@[ -n "$(DESTDIR)" ] || case ":$$PATH:" in *":$(PREFIX)/bin:"*) ;; *) echo "$(PREFIX)/bin is not on PATH: add  export PATH=\"$(PREFIX)/bin:\$$PATH\"  to ~/.bashrc or ~/.zshrc (fish: fish_add_path $(PREFIX)/bin), then open a new shell." ;; esac

# Only the files install wrote; folders stay, as other programs may share them.
uninstall:
	rm -f "$(BIN_DIR)/bedrock-setup" "$(MAN_DIR)/bedrock-setup.1" "$(BASH_DIR)/bedrock-setup" "$(ZSH_DIR)/_bedrock-setup" \
	      "$(FISH_DIR)/bedrock-setup.fish"

clean:
	rm -rf .build
