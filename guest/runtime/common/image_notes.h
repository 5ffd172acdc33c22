/*
 * image_notes.h: the markers of every Solo5 image (docs/abi.md section 2.3):
 * an .interp that does not exist, so running the image on the host fails;
 * the ABI1 note naming the target and ABI version; and an OpenBSD ident
 * note, which must be the first PT_NOTE. Each note sits in its own section,
 * which the linker script puts in its own PT_NOTE.
 */
#ifndef IMAGE_NOTES_H
#define IMAGE_NOTES_H

#include <stdint.h>

struct abi1_note {
    uint32_t n_namesz, n_descsz, n_type;
    char name[8];
    uint32_t abi_target, abi_version, reserved0, reserved1;
};
_Static_assert(sizeof(struct abi1_note) == 36, "ABI1 note is 36 bytes");

struct openbsd_note {
    uint32_t n_namesz, n_descsz, n_type;
    char name[8];
    uint32_t desc;
};
_Static_assert(sizeof(struct openbsd_note) == 24, "OpenBSD note is 24 bytes");

/* Defines the three markers for an image of the given ABI target and version. */
#define SOLO5_IMAGE_NOTES(target, version)                                   \
    static const char elf_interp[24]                                        \
        __attribute__((section(".interp"), aligned(8), used)) =             \
        "/nonexistent/solo5/";                                              \
    static const struct abi1_note abi1_note                                 \
        __attribute__((section(".note.solo5.abi"), aligned(4), used)) = {   \
        .n_namesz = 6, .n_descsz = 16, .n_type = 0x31494241, /* "ABI1" */   \
        .name = "Solo5", .abi_target = (target), .abi_version = (version),  \
    };                                                                      \
    static const struct openbsd_note openbsd_note                           \
        __attribute__((section(".note.solo5.not_openbsd"), aligned(4),      \
                       used)) = {                                           \
        .n_namesz = 8, .n_descsz = 4, .n_type = 1, .name = "OpenBSD",       \
        .desc = 0,                                                          \
    }

#endif /* IMAGE_NOTES_H */
