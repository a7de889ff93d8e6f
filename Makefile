# Two commands that each set themselves up on a fresh Debian machine:
#   make run    build and start the wizard (demo mode when no AWS account is configured)
#   make test   install the test peers and run the whole test suite
SWIFT ?= swift

.PHONY: run test build bench clean

build:
	scripts/bootstrap build
	$(SWIFT) build -c release --static-swift-stdlib --product bedrock-setup

run: build
	scripts/run-wizard .build/release/bedrock-setup

test:
	scripts/bootstrap test
	$(SWIFT) test

bench: build
	scripts/bootstrap test
	Benchmarks/run

clean:
	rm -rf .build
