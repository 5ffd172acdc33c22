/*
 * util.c: the random number generator (splitmix64, see util.h).
 */
#include "util.h"

static uint64_t rng_state;

void rng_seed(uint64_t seed)
{
    rng_state = seed;
}

void rng_stir(uint64_t x)
{
    rng_state ^= x * 0x9e3779b97f4a7c15ULL;
}

uint64_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
