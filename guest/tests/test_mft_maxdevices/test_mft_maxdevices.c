/*
 * test_mft_maxdevices: the manifest declares the maximum of 63 block devices
 * (storage0 ... storage62); the first and the last must be usable.
 */
#include "solo5.h"
#include "guestlib.h"

int solo5_app_main(const struct solo5_start_info *si __attribute__((unused)))
{
    struct solo5_block_info info;
    solo5_handle_t first, last;

    putstr("\n**** tender standalone test_mft_maxdevices ****\n\n");

    if (solo5_block_acquire("storage0", &first, &info) != SOLO5_R_OK) {
        putstr("FAILURE: cannot acquire storage0\n");
        return 1;
    }
    if (solo5_block_acquire("storage62", &last, &info) != SOLO5_R_OK) {
        putstr("FAILURE: cannot acquire storage62\n");
        return 2;
    }
    if (first != 1 || last != 63) {
        printf("FAILURE: unexpected handles %llu and %llu\n",
                (unsigned long long)first, (unsigned long long)last);
        return 3;
    }
    putstr("SUCCESS\n");
    return SOLO5_EXIT_SUCCESS;
}
