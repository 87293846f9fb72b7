/* rng.c — reproducible random-number streams and file hashing.
 *
 * A stream is a GSL mt19937 generator seeded from (seed, index) through the
 * SplitMix64 finaliser (Steele, Lea & Flood 2014, "Fast splittable
 * pseudorandom number generators", OOPSLA), so neighbouring indices get
 * unrelated seeds and a realization's draws do not depend on which thread or
 * MPI rank computes it.
 */
#include <errno.h>
#include <string.h>

#include <nettle/sha2.h>

#include "reemud/core.h"

uint64_t rm_seed_mix(uint64_t seed, uint64_t index)
{
    uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (index + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

gsl_rng *rm_rng_stream(uint64_t seed, uint64_t index)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!r)
        return NULL;
    /* mt19937 takes an unsigned long seed; 0 maps to GSL's default, which
     * is fine as long as it is deterministic. */
    gsl_rng_set(r, (unsigned long)rm_seed_mix(seed, index));
    return r;
}

rm_status rm_sha256_file(const char *path, char hex[65], rm_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return rm_error_set(err, RM_EIO, "cannot read %s: %s", path, strerror(errno));
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    unsigned char buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
        sha256_update(&ctx, n, buf);
    int bad = ferror(fp);
    fclose(fp);
    if (bad)
        return rm_error_set(err, RM_EIO, "cannot read %s", path);
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&ctx, sizeof digest, digest);
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
        snprintf(hex + 2 * i, 3, "%02x", digest[i]);
    return RM_OK;
}
