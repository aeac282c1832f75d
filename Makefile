# kc: a kubectl-like CLI backed by a local Kubernetes control plane.
#   make build     compile and lay out ./kc
#   make test      run every test (what CI runs)
#   make demo      the seed walkthrough on a fresh daemon
#   make bench     performance figures against kubectl (medians of several runs)
#   make install   install under PREFIX (default /usr/local)
#   make clean     remove build output

PREFIX ?= /usr/local
MVN ?= mvn
MVNFLAGS ?= -B -q

.PHONY: build test demo bench install clean

build:
	$(MVN) $(MVNFLAGS) -DskipTests package
	scripts/assemble.sh build/lib kc

test:
	$(MVN) -B verify

demo: build
	scripts/demo.sh

bench: build
	bench/run.sh

install: build
	mkdir -p $(DESTDIR)$(PREFIX)/lib/kc $(DESTDIR)$(PREFIX)/bin
	rm -rf $(DESTDIR)$(PREFIX)/lib/kc/cli $(DESTDIR)$(PREFIX)/lib/kc/daemon
	cp -R build/lib/cli build/lib/daemon $(DESTDIR)$(PREFIX)/lib/kc/
	sed "s|@LIB@|$(PREFIX)/lib/kc|" scripts/kc.in > $(DESTDIR)$(PREFIX)/bin/kc
	chmod 755 $(DESTDIR)$(PREFIX)/bin/kc

clean:
	$(MVN) $(MVNFLAGS) clean
	rm -rf build kc
