/*
 * embed.h: files embedded into the image by tender build ("embed": "DIR" in
 * the project's tender.json). The table ends with an entry whose name is
 * NULL; tender_embed_count gives its length as well. Names are relative to
 * DIR, with '/' between directories; data is read-only and 8-byte aligned;
 * etag is a quoted strong entity tag made of the file's SHA-256.
 */
#ifndef EMBED_H
#define EMBED_H

#include <stdint.h>

struct tender_embed_file {
    const char *name;
    const uint8_t *data;
    uint64_t size;
    const char *etag;
};

extern const uint64_t tender_embed_count;
extern const struct tender_embed_file tender_embed_files[];

#endif /* EMBED_H */
