// Batched optimistic scoring against a triangular factor, fused: for every arm a,
// y = Uᵀx_a, ‖y‖ and cᵀy in one pass, without materialising Y = UᵀX.
//
// Why C: Swift compiles library code for baseline x86-64 (SSE2, no FMA) and a library target
// may not carry build flags, so 4-wide fused multiply-adds are reachable only from a function
// compiled for them (`target("avx2,fma")`) and chosen at run time, as OpenBLAS chooses its own
// kernels. For the sizes of bandit scoring (d in the tens, K arms) this replaces a copy of X,
// OpenBLAS's packing of both operands for `dtrmm`, a `dgemv` and a separate norms pass.
//
// Layout. U's upper triangle is packed by blocks of four output rows i0..i0+3: for each
// j ≤ min(i0 + 3, d − 1), the four values U[j, i0..i0+3] (zero where i < j or i ≥ d), so that
// y[i0..i0+3] = Σ_j (packed four) · x_j is one vector fused multiply-add per j, shared by a
// group of up to 12 arms whose x_j are broadcast from their own columns. The zero padding
// makes the partial blocks exact.
//
// Determinism: the order of every sum is fixed by d and k alone (rows in blocks of four,
// j ascending, lanes reduced as (l0 + l1) + (l2 + l3)), so the same inputs give the same bits
// on every call; arms are grouped by k alone, never by threads.

#include "CLinearKernels.h"

#include <stdint.h>

static long block_count(long d) { return (d + 3) / 4; }

size_t banditkit_triangular_scores_scratch_count(long d) {
    if (d <= 0) return 0;
    // Packed panels: at most 4 · d values per block; then c padded to whole blocks.
    long blocks = block_count(d);
    return (size_t)(4 * blocks * d + 4 * blocks);
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))

#include <cpuid.h>
#include <immintrin.h>

static int detect(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    const unsigned fma = 1u << 12, osxsave = 1u << 27, avx = 1u << 28;
    if ((c & (fma | osxsave | avx)) != (fma | osxsave | avx)) return 0;
    // The OS must save the YMM state (XCR0 bits 1 and 2).
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 6u) != 6u) return 0;
    if (__get_cpuid_max(0, 0) < 7) return 0;
    __cpuid_count(7, 0, a, b, c, d);
    return (b & (1u << 5)) != 0; // AVX2
}

// 0 unknown, 1 unavailable, 2 available. A benign race: every thread computes the same value.
static int availability = 0;

int banditkit_triangular_scores_available(void) {
    int state = __atomic_load_n(&availability, __ATOMIC_RELAXED);
    if (state == 0) {
        state = detect() ? 2 : 1;
        __atomic_store_n(&availability, state, __ATOMIC_RELAXED);
    }
    return state == 2;
}

#define TARGET __attribute__((target("avx2,fma")))

static TARGET void pack(long d, const double *u, double *scratch) {
    long blocks = block_count(d);
    double *panel = scratch;
    for (long b = 0; b < blocks; b++) {
        long i0 = 4 * b;
        long jn = i0 + 4 < d ? i0 + 4 : d;
        for (long j = 0; j < jn; j++) {
            for (long l = 0; l < 4; l++) {
                long i = i0 + l;
                panel[l] = (i < d && j <= i) ? u[j + i * d] : 0.0;
            }
            panel += 4;
        }
    }
}

static inline TARGET double lane_sum(__m256d v) {
    __m128d low = _mm256_castpd256_pd128(v), high = _mm256_extractf128_pd(v, 1);
    // (l0 + l1) + (l2 + l3)
    return (_mm_cvtsd_f64(low) + _mm_cvtsd_f64(_mm_unpackhi_pd(low, low)))
        + (_mm_cvtsd_f64(high) + _mm_cvtsd_f64(_mm_unpackhi_pd(high, high)));
}

// One group of `nr` arms (a compile-time constant at every call site, so the accumulators
// live in registers): every block of four rows, then the lane sums.
static inline __attribute__((always_inline)) TARGET double group(
    const int nr, long d, const double *panels, const double *cpad, const double *x, double alpha,
    double *widths, double *scores)
{
    __m256d squares[12], products[12];
    for (int r = 0; r < nr; r++) { squares[r] = _mm256_setzero_pd(); products[r] = _mm256_setzero_pd(); }
    // One pointer per arm: computing x + r·d anew in the loop would chain the address
    // arithmetic of the twelve broadcasts into one serial dependency.
    const double *xr[12];
    for (int r = 0; r < nr; r++) {
        xr[r] = x + r * d;
        // Hides the pointers' common stride, which the optimiser would otherwise use to
        // rebuild the chain.
        __asm__("" : "+r"(xr[r]));
    }
    long blocks = block_count(d);
    const double *panel = panels;
    for (long b = 0; b < blocks; b++) {
        long jn = 4 * b + 4 < d ? 4 * b + 4 : d;
        __m256d acc[12];
        for (int r = 0; r < nr; r++) acc[r] = _mm256_setzero_pd();
        for (long j = 0; j < jn; j++) {
            __m256d column = _mm256_loadu_pd(panel);
            panel += 4;
            for (int r = 0; r < nr; r++) {
                acc[r] = _mm256_fmadd_pd(column, _mm256_broadcast_sd(xr[r] + j), acc[r]);
            }
        }
        __m256d cv = _mm256_loadu_pd(cpad + 4 * b);
        for (int r = 0; r < nr; r++) {
            squares[r] = _mm256_fmadd_pd(acc[r], acc[r], squares[r]);
            products[r] = _mm256_fmadd_pd(acc[r], cv, products[r]);
        }
    }
    double nonFinite = 0;
    for (int r = 0; r < nr; r++) {
        // The instruction itself: libm's sqrt would branch to set errno on negatives, which a
        // sum of squares never is (NaN passes through either way).
        double width = _mm_cvtsd_f64(_mm_sqrt_sd(_mm_setzero_pd(), _mm_set_sd(lane_sum(squares[r]))));
        double score = lane_sum(products[r]) + alpha * width;
        widths[r] = width;
        scores[r] = score;
        nonFinite += score - score;
    }
    return nonFinite;
}

static TARGET int triangular_scores_avx2(
    long d, long k, const double *u, const double *x, const double *c, double alpha,
    double *scratch, double *widths, double *scores)
{
    long blocks = block_count(d);
    pack(d, u, scratch);
    double *cpad = scratch + 4 * blocks * d;
    for (long i = 0; i < 4 * blocks; i++) cpad[i] = i < d ? c[i] : 0.0;
    // Groups of at most 12 arms, as even as possible (k = 50: five of 10), so that no group is
    // a short one whose few accumulators leave the fused multiply-add pipes waiting.
    long groups = (k + 11) / 12;
    double nonFinite = 0;
    long a = 0;
    for (long g = 0; g < groups; g++) {
        long size = k / groups + (g < k % groups ? 1 : 0);
        const double *xa = x + a * d;
        double *w = widths + a, *s = scores + a;
        switch (size) {
#define CASE(n) case n: nonFinite += group(n, d, scratch, cpad, xa, alpha, w, s); break;
        CASE(1) CASE(2) CASE(3) CASE(4) CASE(5) CASE(6) CASE(7) CASE(8) CASE(9) CASE(10) CASE(11) CASE(12)
#undef CASE
        }
        a += size;
    }
    return nonFinite == 0;
}

int banditkit_triangular_scores(
    long d, long k, const double *u, const double *x, const double *c, double alpha,
    double *scratch, double *widths, double *scores)
{
    if (!banditkit_triangular_scores_available()) return -1;
    return triangular_scores_avx2(d, k, u, x, c, alpha, scratch, widths, scores);
}

#else

int banditkit_triangular_scores_available(void) { return 0; }

int banditkit_triangular_scores(
    long d, long k, const double *u, const double *x, const double *c, double alpha,
    double *scratch, double *widths, double *scores)
{
    (void)d; (void)k; (void)u; (void)x; (void)c; (void)alpha; (void)scratch; (void)widths; (void)scores;
    return -1;
}

#endif
