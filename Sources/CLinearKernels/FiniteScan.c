// The finiteness scan that certifies a round's K·d features before a policy touches its
// state. v − v is +0 for every finite v and NaN for ±∞ and NaN, and a sum of such terms is NaN
// exactly when one of them is, whatever the order of summation: so the scan may use as many
// independent partial sums as keep the adders busy, four lanes wide where the CPU has AVX
// (chosen at run time), with no effect on the answer.

#include "CLinearKernels.h"
#include "CPUFeatures.h"

static int scan_portable(const double *x, long n) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    long i = 0;
    for (; i + 4 <= n; i += 4) {
        s0 += x[i] - x[i];
        s1 += x[i + 1] - x[i + 1];
        s2 += x[i + 2] - x[i + 2];
        s3 += x[i + 3] - x[i + 3];
    }
    for (; i < n; i++) s0 += x[i] - x[i];
    return (s0 + s1) + (s2 + s3) == 0;
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))

#include <immintrin.h>

__attribute__((target("avx")))
static int scan_avx(const double *x, long n) {
    __m256d s0 = _mm256_setzero_pd(), s1 = s0, s2 = s0, s3 = s0;
    long i = 0;
    for (; i + 16 <= n; i += 16) {
        __m256d a = _mm256_loadu_pd(x + i), b = _mm256_loadu_pd(x + i + 4);
        __m256d c = _mm256_loadu_pd(x + i + 8), d = _mm256_loadu_pd(x + i + 12);
        s0 = _mm256_add_pd(s0, _mm256_sub_pd(a, a));
        s1 = _mm256_add_pd(s1, _mm256_sub_pd(b, b));
        s2 = _mm256_add_pd(s2, _mm256_sub_pd(c, c));
        s3 = _mm256_add_pd(s3, _mm256_sub_pd(d, d));
    }
    __m256d s = _mm256_add_pd(_mm256_add_pd(s0, s1), _mm256_add_pd(s2, s3));
    // Unordered with itself exactly in the NaN lanes.
    if (_mm256_movemask_pd(_mm256_cmp_pd(s, s, _CMP_UNORD_Q)) != 0) return 0;
    return scan_portable(x + i, n - i);
}

int banditkit_all_finite(const double *x, long n) {
    if (banditkit_cpu_has_avx()) return scan_avx(x, n);
    return scan_portable(x, n);
}

#else

int banditkit_all_finite(const double *x, long n) { return scan_portable(x, n); }

#endif
