// Plane rotations four lanes wide, for the rank-one Cholesky update (Golub & Van Loan,
// Matrix Computations, 4th ed., §6.5.4): Swift compiles library code for baseline x86-64, where
// a four-lane vector is two SSE2 halves, so the same arithmetic in one AVX instruction per
// operation halves the instruction count of the update's O(d²) loop.
//
// The bits must equal the scalar expression's (c·a + s·b, c·b − s·a with every product and sum
// rounded): the factor's last bits are state, pinned by the snapshot fixtures. Elementwise
// multiply and add are correctly rounded whatever the vector width, so only contraction into a
// fused multiply-add could change them: it is switched off for this file, and the functions are
// compiled for AVX only, never FMA.

#pragma clang fp contract(off)

#include "CLinearKernels.h"
#include "CPUFeatures.h"

#if defined(__x86_64__) && defined(__clang__)

#include <immintrin.h>

int banditkit_rotate_available(void) { return banditkit_cpu_has_avx(); }

__attribute__((target("avx")))
static void rotate_avx(double *a, double *b, long n, double c, double s) {
    const __m256d cs = _mm256_set1_pd(c), ss = _mm256_set1_pd(s);
    long i = 0;
    for (; i + 4 <= n; i += 4) {
        __m256d ai = _mm256_loadu_pd(a + i), bi = _mm256_loadu_pd(b + i);
        _mm256_storeu_pd(a + i, _mm256_add_pd(_mm256_mul_pd(cs, ai), _mm256_mul_pd(ss, bi)));
        _mm256_storeu_pd(b + i, _mm256_sub_pd(_mm256_mul_pd(cs, bi), _mm256_mul_pd(ss, ai)));
    }
    for (; i < n; i++) {
        double ai = a[i], bi = b[i];
        a[i] = c * ai + s * bi;
        b[i] = c * bi - s * ai;
    }
}

int banditkit_rotate(double *a, double *b, long n, double c, double s) {
    if (!banditkit_rotate_available()) return 0;
    rotate_avx(a, b, n, c, s);
    return 1;
}

#else

int banditkit_rotate_available(void) { return 0; }

int banditkit_rotate(double *a, double *b, long n, double c, double s) {
    (void)a; (void)b; (void)n; (void)c; (void)s;
    return 0;
}

#endif
