/*
 * mft.c: device lookup in the manifest copy the tender placed in low memory.
 * A device's handle is its index in the manifest.
 */
#include "runtime.h"

static const struct mft *manifest;
static uint32_t n_entries;

void mft_init(const struct mft *m)
{
    manifest = m;
    /* A manifest that does not look like version 1 exposes no devices. */
    if (m != NULL && m->version == MFT_VERSION && m->entries <= MFT_MAX_ENTRIES)
        n_entries = m->entries;
    else
        n_entries = 0;
}

const struct mft_entry *mft_by_name(const char *name, mft_type_t type,
        solo5_handle_t *index)
{
    if (name == NULL)
        return NULL;
    for (uint32_t i = 0; i < n_entries; i++) {
        const struct mft_entry *e = &manifest->e[i];
        if (e->type == type && strncmp(e->name, name, MFT_NAME_SIZE) == 0) {
            *index = i;
            return e;
        }
    }
    return NULL;
}

const struct mft_entry *mft_by_handle(solo5_handle_t handle, mft_type_t type)
{
    const struct mft_entry *e;

    if (handle >= n_entries)
        return NULL;
    e = &manifest->e[handle];
    if (e->type != type || !e->attached)
        return NULL;
    return e;
}

/* Device lookup by name and type (the same on every target): the handle is the manifest index. */
solo5_result_t solo5_block_acquire(const char *name, solo5_handle_t *handle,
        struct solo5_block_info *info)
{
    solo5_handle_t index;
    const struct mft_entry *e = mft_by_name(name, MFT_DEV_BLOCK_BASIC, &index);

    if (e == NULL || !e->attached)
        return SOLO5_R_EINVAL;
    *handle = index;
    info->capacity = e->u.block_basic.capacity;
    info->block_size = e->u.block_basic.block_size;
    return SOLO5_R_OK;
}

solo5_result_t solo5_net_acquire(const char *name, solo5_handle_t *handle,
        struct solo5_net_info *info)
{
    solo5_handle_t index;
    const struct mft_entry *e = mft_by_name(name, MFT_DEV_NET_BASIC, &index);

    if (e == NULL || !e->attached)
        return SOLO5_R_EINVAL;
    *handle = index;
    memcpy(info->mac_address, e->u.net_basic.mac, SOLO5_NET_ALEN);
    info->mtu = e->u.net_basic.mtu;
    return SOLO5_R_OK;
}
