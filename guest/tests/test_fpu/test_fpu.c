/*
 * test_fpu: the guest may use the vector unit (SSE on x86_64, NEON on
 * aarch64). Packed multiply on 16-byte aligned arrays, plus some scalar float
 * arithmetic.
 */
#include "solo5.h"
#include "guestlib.h"

static float lhs[4] __attribute__((aligned(16))) = { 1.5f, 2.0f, 3.0f, -4.0f };
static float rhs[4] __attribute__((aligned(16))) = { 2.0f, 0.5f, 3.0f, 0.25f };
static const float expect[4] = { 3.0f, 1.0f, 9.0f, -1.0f };

int solo5_app_main(const struct solo5_start_info *si __attribute__((unused)))
{
    float out[4] __attribute__((aligned(16)));

    putstr("\n**** tender standalone test_fpu ****\n\n");

#if defined(__x86_64__)
    __asm__ __volatile__(
            "movaps %1, %%xmm0\n\t"
            "movaps %2, %%xmm1\n\t"
            "mulps %%xmm1, %%xmm0\n\t"
            "movaps %%xmm0, %0"
            : "=m"(out)
            : "m"(lhs), "m"(rhs)
            : "xmm0", "xmm1");
#elif defined(__aarch64__)
    __asm__ __volatile__(
            "ld1 {v0.4s}, [%1]\n\t"
            "ld1 {v1.4s}, [%2]\n\t"
            "fmul v0.4s, v0.4s, v1.4s\n\t"
            "st1 {v0.4s}, [%0]"
            :
            : "r"(out), "r"(lhs), "r"(rhs)
            : "v0", "v1", "memory");
#else
#error "unsupported architecture"
#endif
    for (int i = 0; i < 4; i++) {
        if (out[i] != expect[i]) {
            printf("FAILURE: packed result %d is wrong\n", i);
            return SOLO5_EXIT_FAILURE;
        }
    }

    volatile float x = 1.25f, y = 6.0f;
    float z = x * y - 0.5f;     /* 7.0 */
    z = z / 2.0f + x;           /* 4.75 */
    if (z != 4.75f) {
        putstr("FAILURE: scalar result is wrong\n");
        return SOLO5_EXIT_FAILURE;
    }

    putstr("SUCCESS\n");
    return SOLO5_EXIT_SUCCESS;
}
