/*
 * mkbuggyelf: copy an hvt image and corrupt its manifest note.
 *
 * Usage: mkbuggyelf IN OUT
 *
 * Finds the PT_NOTE program header whose (first) note is the Solo5 "MFT1"
 * note and sets that note's n_descsz to 1, which is smaller than the note's
 * 4 bytes of internal padding. A tender must reject the result with
 * "note does not fall within valid size". Plain C11 host tool.
 */
#include <elf.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MFT1_TYPE 0x3154464dU

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    long n;

    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
            fseek(f, 0, SEEK_SET) != 0)
        goto fail;
    buf = malloc(n > 0 ? (size_t)n : 1);
    if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n)
        goto fail;
    fclose(f);
    *len = (size_t)n;
    return buf;
fail:
    perror(path);
    exit(1);
}

static int is_mft1_note(const unsigned char *img, size_t len,
        const Elf64_Phdr *ph)
{
    Elf64_Nhdr nh;

    if (ph->p_type != PT_NOTE || ph->p_filesz < sizeof nh + 8 ||
            ph->p_offset > len || len - ph->p_offset < sizeof nh + 8)
        return 0;
    memcpy(&nh, img + ph->p_offset, sizeof nh);
    return nh.n_namesz == 6 && nh.n_type == MFT1_TYPE &&
        memcmp(img + ph->p_offset + sizeof nh, "Solo5", 6) == 0;
}

int main(int argc, char **argv)
{
    unsigned char *img;
    size_t len;
    Elf64_Ehdr eh;
    FILE *out;

    if (argc != 3) {
        fprintf(stderr, "usage: %s IN OUT\n", argv[0]);
        return 1;
    }
    img = slurp(argv[1], &len);
    if (len < sizeof eh || memcmp(img, ELFMAG, SELFMAG) != 0 ||
            img[EI_CLASS] != ELFCLASS64) {
        fprintf(stderr, "%s: not an ELF64 file\n", argv[1]);
        return 1;
    }
    memcpy(&eh, img, sizeof eh);
    if (eh.e_phentsize != sizeof(Elf64_Phdr) || eh.e_phoff > len ||
            (len - eh.e_phoff) / sizeof(Elf64_Phdr) < eh.e_phnum) {
        fprintf(stderr, "%s: bad program header table\n", argv[1]);
        return 1;
    }

    for (unsigned i = 0; i < eh.e_phnum; i++) {
        Elf64_Phdr ph;
        memcpy(&ph, img + eh.e_phoff + i * sizeof ph, sizeof ph);
        if (!is_mft1_note(img, len, &ph))
            continue;
        uint32_t one = 1;
        memcpy(img + ph.p_offset + offsetof(Elf64_Nhdr, n_descsz), &one,
                sizeof one);
        out = fopen(argv[2], "wb");
        if (out == NULL || fwrite(img, 1, len, out) != len ||
                fclose(out) != 0) {
            perror(argv[2]);
            return 1;
        }
        free(img);
        return 0;
    }
    fprintf(stderr, "%s: no MFT1 note found\n", argv[1]);
    return 1;
}
