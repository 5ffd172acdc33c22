/*
 * mft_abi.h: binary layout of the Solo5 application manifest (MFT1), and the
 * macros used by the C file that "elftool gen-manifest" generates.
 *
 * Self-contained: only needs the freestanding C headers.
 */
#ifndef MFT_ABI_H
#define MFT_ABI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MFT_VERSION 1

typedef enum mft_type {
    MFT_DEV_BLOCK_BASIC = 1,
    MFT_DEV_NET_BASIC = 2,
    MFT_RESERVED_FIRST = (1U << 30)
} mft_type_t;

struct mft_block_basic {
    uint64_t capacity;                  /* bytes */
    uint16_t block_size;                /* bytes */
};

struct mft_net_basic {
    uint8_t mac[6];
    uint16_t mtu;                       /* without the Ethernet header */
};

#define MFT_NAME_SIZE 68                /* buffer size, NUL included */
#define MFT_NAME_MAX  67                /* characters */
#define MFT_MAX_ENTRIES 64

struct mft_entry {
    char name[MFT_NAME_SIZE];
    mft_type_t type;
    union {
        struct mft_block_basic block_basic;
        struct mft_net_basic net_basic;
    } u;                                /* filled in by the tender */
    union {
        int hostfd;
        void *data;
    } b;                                /* tender-private */
    bool attached;
};

_Static_assert(sizeof(struct mft_entry) == 104, "mft_entry must be 104 bytes");
_Static_assert(offsetof(struct mft_entry, type) == 68, "mft_entry.type");
_Static_assert(offsetof(struct mft_entry, u) == 72, "mft_entry.u");
_Static_assert(offsetof(struct mft_entry, b) == 88, "mft_entry.b");
_Static_assert(offsetof(struct mft_entry, attached) == 96, "mft_entry.attached");
_Static_assert(MFT_MAX_ENTRIES <= 64, "handle sets are 64 bits wide");

/*
 * A generated manifest defines MFT_ENTRIES before including this file; any
 * other user sees e[] as a flexible array.
 */
#ifdef MFT_ENTRIES
_Static_assert(MFT_ENTRIES >= 1 && MFT_ENTRIES <= MFT_MAX_ENTRIES,
        "MFT_ENTRIES out of range");
#define MFT_ARRAY_DIM_ MFT_ENTRIES
#else
#define MFT_ARRAY_DIM_
#endif

struct mft {
    uint32_t version;
    uint32_t entries;
    struct mft_entry e[MFT_ARRAY_DIM_];
};

/* The ELF note that carries the manifest. */
#define MFT1_NOTE_NAME "Solo5"
#define MFT1_NOTE_TYPE 0x3154464d       /* "MFT1" */

/* Note header, with the 6-byte name padded to 8. */
struct mft1_nhdr {
    uint32_t n_namesz;
    uint32_t n_descsz;
    uint32_t n_type;
    char n_name[8];
};
_Static_assert(sizeof(struct mft1_nhdr) == 20, "mft1_nhdr must be 20 bytes");

/* Whole note; (m) is 8-aligned, so 4 pad bytes follow the header. */
struct mft1_note {
    struct mft1_nhdr h;
    struct mft m;
};

/* Alignment of the descriptor content inside the note (8). */
#define MFT1_NOTE_ALIGN _Alignof(struct mft)
_Static_assert(offsetof(struct mft1_note, m) == 24, "mft1_note.m must be at 24");

/* Largest n_descsz: pad + header of struct mft + 64 entries. */
#define MFT1_NOTE_MAX_SIZE (4 + 8 + MFT_MAX_ENTRIES * sizeof(struct mft_entry))

/*
 * MFT1_NOTE_DECLARE_BEGIN { <struct mft initialiser> } MFT1_NOTE_DECLARE_END
 * defines __solo5_mft1_note in section .note.solo5.manifest. n_descsz counts
 * everything after the 20-byte header, the 4 pad bytes included.
 */
#define MFT1_NOTE_DECLARE_BEGIN                                             \
    const struct mft1_note __solo5_mft1_note                                \
    __attribute__((section(".note.solo5.manifest"), aligned(4), used)) = {  \
        .h = {                                                              \
            .n_namesz = sizeof(MFT1_NOTE_NAME),                             \
            .n_descsz = sizeof(struct mft1_note) - sizeof(struct mft1_nhdr),\
            .n_type = MFT1_NOTE_TYPE,                                       \
            .n_name = MFT1_NOTE_NAME                                        \
        },                                                                  \
        .m =

#define MFT1_NOTE_DECLARE_END };

#endif /* MFT_ABI_H */
