#ifndef BANDITKIT_CLINEARKERNELS_H
#define BANDITKIT_CLINEARKERNELS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The number of doubles of scratch `banditkit_triangular_scores` needs at dimension `d`.
size_t banditkit_triangular_scores_scratch_count(long d);

/// Whether `banditkit_triangular_scores` runs on this CPU (x86-64 with AVX2 and FMA, enabled by
/// the operating system). Decided once per process.
int banditkit_triangular_scores_available(void);

/// For each of the `k` columns x_a of the d × k column-major `x`, with y_a = Uᵀx_a for the
/// upper triangle U of the d × d column-major `u` (its strictly lower triangle is never read):
/// `widths[a] = ‖y_a‖` and `scores[a] = cᵀy_a + alpha · widths[a]`.
///
/// Returns -1 (nothing written) when the CPU lacks the instructions; otherwise 1 when every
/// score is finite and 0 when some score is NaN or ±∞. `scratch` holds
/// `banditkit_triangular_scores_scratch_count(d)` doubles and is overwritten.
int banditkit_triangular_scores(
    long d, long k, const double *u, const double *x, const double *c, double alpha,
    double *scratch, double *widths, double *scores);

/// Whether `banditkit_rotate` runs on this CPU (x86-64 with AVX enabled by the operating
/// system). Decided once per process.
int banditkit_rotate_available(void);

/// One plane rotation of two vectors' entries 0..<n, elementwise:
/// (a, b) ← (c·a + s·b, c·b − s·a), each product and sum rounded separately (no fused
/// multiply-add), so that the bits equal those of the same scalar expression evaluated one
/// entry at a time. Returns 0 (nothing written) when the CPU lacks AVX, 1 otherwise.
int banditkit_rotate(double *a, double *b, long n, double c, double s);

/// Whether all `n` values are finite (no NaN, no ±∞): one pass, four to eight lanes wide.
int banditkit_all_finite(const double *x, long n);

#ifdef __cplusplus
}
#endif

#endif
