# spt.mk: the spt guest runtime (x86_64) and the spt test images, included by
# the Makefile. Outputs go to build/x86_64/spt/: solo5_spt.o and
# test_X.spt, built from the same tests/test_X/ sources as the hvt images.
#
#   make spt      build only the spt runtime and images
#
# The target-independent runtime sources (logging, aborts, command line,
# memory map, manifest lookup, TLS blocks) come from runtime/ and are built a
# second time here; runtime-spt/ holds the spt platform layer (system calls),
# time, block and net, the entry point and notes, and the linker script.

SPT_BUILD := build/x86_64/spt
SPT_OBJ := $(SPT_BUILD)/obj
SPT_LDS := runtime-spt/solo5_spt.lds

# spt images: the upstream spt tests, plus the spt-only seccomp, wnox and
# sandbox tests. Tests whose sources are not (yet) present are skipped.
SPT_WANTED := blk exception fpu globals hello mft_maxdevices net net_2if \
	net_mtu net_ring notls output quiet sandbox seccomp ssp time tls wnox \
	xnow zeropage
SPT_TESTS := $(sort $(foreach t,$(SPT_WANTED),\
	$(if $(wildcard tests/test_$(t)/test_$(t).c),$(t))))

SPT_SHARED_SRCS := runtime/abort.c runtime/cmdline.c runtime/log.c \
	runtime/mem.c runtime/mft.c runtime/tls.c
SPT_RUNTIME_SRCS := $(sort $(wildcard runtime-spt/*.c))
SPT_RUNTIME_CFLAGS := $(RUNTIME_CFLAGS) -Iruntime-spt
SPT_LDFLAGS := -nostdlib -static -z max-page-size=0x1000 -no-pie \
	-Wl,--build-id=none -Wl,-T,$(SPT_LDS)

SPT_RUNTIME_OBJS := \
	$(patsubst runtime/%.c,$(SPT_OBJ)/rt/shared_%.o,$(SPT_SHARED_SRCS)) \
	$(patsubst runtime-spt/%.c,$(SPT_OBJ)/rt/%.o,$(SPT_RUNTIME_SRCS)) \
	$(patsubst lib/%.c,$(SPT_OBJ)/rt/lib_%.o,$(LIB_SRCS))
SPT_TESTLIB_OBJS := $(patsubst lib/%.c,$(SPT_OBJ)/lib/%.o,$(LIB_SRCS) lib/printf.c)
SPT_IMAGES := $(patsubst %,$(SPT_BUILD)/test_%.spt,$(SPT_TESTS))

.PHONY: spt
all: spt
spt: $(SPT_BUILD)/solo5_spt.o $(SPT_IMAGES)

$(SPT_OBJ)/rt/shared_%.o: runtime/%.c Makefile spt.mk
	@mkdir -p $(@D)
	$(CC) $(SPT_RUNTIME_CFLAGS) -c $< -o $@

$(SPT_OBJ)/rt/%.o: runtime-spt/%.c Makefile spt.mk
	@mkdir -p $(@D)
	$(CC) $(SPT_RUNTIME_CFLAGS) -c $< -o $@

$(SPT_OBJ)/rt/lib_%.o: lib/%.c Makefile spt.mk
	@mkdir -p $(@D)
	$(CC) $(SPT_RUNTIME_CFLAGS) $(LIB_EXTRA) -c $< -o $@

$(SPT_BUILD)/solo5_spt.o: $(SPT_RUNTIME_OBJS) Makefile spt.mk
	$(LD) -r -o $@.tmp $(SPT_RUNTIME_OBJS)
	$(OBJCOPY) $(EXPORTS) $@.tmp $@
	rm -f $@.tmp

$(SPT_OBJ)/lib/%.o: lib/%.c Makefile spt.mk
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) $(LIB_EXTRA) -c $< -o $@

define SPT_TEST_RULES
$(SPT_OBJ)/test_$(1)/manifest.c: tests/test_$(1)/manifest.json
	@mkdir -p $$(@D)
	$(ELFTOOL) gen-manifest $$< $$@

$(SPT_OBJ)/test_$(1)/manifest.o: $(SPT_OBJ)/test_$(1)/manifest.c Makefile spt.mk
	$(CC) $(TEST_CFLAGS) -c $$< -o $$@

$(SPT_OBJ)/test_$(1)/test_$(1).o: tests/test_$(1)/test_$(1).c Makefile spt.mk
	@mkdir -p $$(@D)
	$(CC) $(TEST_CFLAGS) -c $$< -o $$@

$(SPT_BUILD)/test_$(1).spt: $(SPT_OBJ)/test_$(1)/test_$(1).o \
		$(SPT_OBJ)/test_$(1)/manifest.o $(SPT_TESTLIB_OBJS) \
		$(SPT_BUILD)/solo5_spt.o $(SPT_LDS) Makefile spt.mk
	$(CC) $(SPT_LDFLAGS) -o $$@ $(SPT_OBJ)/test_$(1)/test_$(1).o \
		$(SPT_OBJ)/test_$(1)/manifest.o $(SPT_TESTLIB_OBJS) \
		$(SPT_BUILD)/solo5_spt.o
endef

$(foreach t,$(SPT_TESTS),$(eval $(call SPT_TEST_RULES,$(t))))

-include $(wildcard $(SPT_OBJ)/*/*.d)
