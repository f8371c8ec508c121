// Batched optimistic scoring against a triangular factor, fused: for every arm a,
// y = Uᵀx_a, ‖y‖ and cᵀy in one pass, without materialising Y = UᵀX.
//
// Why C: Swift compiles library code for baseline x86-64 (SSE2, no FMA) and a library target
// may not carry build flags, so 4-wide fused multiply-adds are reachable only from a function
// compiled for them (`target("avx2,fma")`) and chosen at run time, as OpenBLAS chooses its own
// kernels. For the sizes of bandit scoring (d in the tens, K arms) this replaces a copy of X,
// OpenBLAS's packing of both operands for `dtrmm`, a `dgemv` and a separate norms pass.
//
// Layout: arms in the vector lanes. A group of up to twelve arms is transposed into scratch,
// row j holding x_j of every arm of the group, so that each vector lane follows one arm
// through the whole computation: y_i = Σ_j U[j, i] x_j is a broadcast of U[j, i] times the
// row, and ‖y‖² and cᵀy accumulate lane-wise too. Nothing is ever summed across lanes, one
// vector square root serves four arms, and no padding enters a sum (the triangle of each
// block of rows is walked exactly), so U's strictly lower triangle is never read.
// Broadcasting U (shared by the group) rather than x (as a rows-in-lanes layout must) costs
// 7 loads per 12 fused multiply-adds instead of more than one per FMA; the transposition,
// about d·k/4 vector stores, is cheaper than the lane sums and scalar roots it replaces.
//
// Determinism: every lane computes y_i as one chain of fused multiply-adds over j = 0, 1, …, i
// in ascending order starting from +0, then ‖y‖² = Σ_i y_i² and cᵀy = Σ_i c_i y_i as chains of
// fused multiply-adds over i ascending, then ‖y‖ = √‖y‖² and score = fma(α, ‖y‖, cᵀy). That
// order depends on d alone, never on k, on the arm's position or on the grouping of arms,
// so an arm's bits are the same whether it is scored alone or among others, on every call.

#include "CLinearKernels.h"
#include "CPUFeatures.h"

// A group holds up to this many quads (vectors of four arms).
enum { max_quads = 3 };

size_t banditkit_triangular_scores_scratch_count(long d) {
    if (d <= 0) return 0;
    // One transposed group, plus room to align it to a cache line.
    return (size_t)(4 * max_quads * d + 8);
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))

#include <immintrin.h>
#include <stdint.h>

int banditkit_triangular_scores_available(void) { return banditkit_cpu_has_avx2_fma(); }

#define TARGET __attribute__((target("avx2,fma")))
#define INLINE static inline __attribute__((always_inline)) TARGET

// Rows j0 ≤ j < j1 of xt[j · 4n + 4q + l] = x_{4q + l}[j], where j0 is a multiple of four and
// j1 one too or d. Lanes past `count` repeat the last arm: they compute that arm's values once
// more, so results are checked and stored without masks. `xt` is 32-byte aligned, so no store
// splits a cache line.
INLINE void transpose(long d, int n, long count, const double *x, double *xt, long j0, long j1) {
    const long stride = 4 * n;
    for (int q = 0; q < n; q++) {
        const double *a[4];
        for (int l = 0; l < 4; l++) {
            long arm = 4 * q + l < count ? 4 * q + l : count - 1;
            a[l] = x + arm * d;
        }
        for (long j = j0; j < j1; j += 4) {
            // A last partial block of rows is taken as the whole block ending at row d − 1,
            // rewriting a few rows with the values they already hold.
            long jb = j + 4 <= d ? j : d - 4;
            if (jb < 0) {
                for (long t = j; t < j1; t++) {
                    for (int l = 0; l < 4; l++) xt[t * stride + 4 * q + l] = a[l][t];
                }
                break;
            }
            __m256d r0 = _mm256_loadu_pd(a[0] + jb), r1 = _mm256_loadu_pd(a[1] + jb);
            __m256d r2 = _mm256_loadu_pd(a[2] + jb), r3 = _mm256_loadu_pd(a[3] + jb);
            __m256d t0 = _mm256_unpacklo_pd(r0, r1), t1 = _mm256_unpackhi_pd(r0, r1);
            __m256d t2 = _mm256_unpacklo_pd(r2, r3), t3 = _mm256_unpackhi_pd(r2, r3);
            double *o = xt + jb * stride + 4 * q;
            _mm256_store_pd(o, _mm256_permute2f128_pd(t0, t2, 0x20));
            _mm256_store_pd(o + stride, _mm256_permute2f128_pd(t1, t3, 0x20));
            _mm256_store_pd(o + 2 * stride, _mm256_permute2f128_pd(t0, t2, 0x31));
            _mm256_store_pd(o + 3 * stride, _mm256_permute2f128_pd(t1, t3, 0x31));
        }
    }
}

// Rows i0 … i0 + M − 1 of y for the N quads of xt (M and N compile-time constants at every
// call, so the M · N accumulators live in registers), folded into sq and prod.
INLINE void row_block(const int M, const int N, long i0, long d, const double *u, const double *xt,
                      const double *c, __m256d *sq, __m256d *prod)
{
    const long stride = 4 * N;
    __m256d acc[8][max_quads];
    const double *column[8];
    for (int r = 0; r < M; r++) {
        column[r] = u + (i0 + r) * d;
        // Hides the columns' common stride, from which the optimiser would otherwise derive
        // each address from the previous one, chaining the broadcasts' address arithmetic.
        __asm__("" : "+r"(column[r]));
        for (int q = 0; q < N; q++) acc[r][q] = _mm256_setzero_pd();
    }
    const double *row = xt;
    // The rectangle j < i0, where every row of the block takes every x_j.
    if (M == 4 && N == 3 && i0 > 0) {
        // By hand: given twelve accumulators, three rows and a broadcast (all sixteen vector
        // registers), the compiler spills an accumulator through the stack inside the loop.
        // The columns go in through memory because GCC caps an asm at 30 operands, counting
        // each of the twelve read-write accumulators twice.
        long j = 0;
        const double *columns[4] = { column[0], column[1], column[2], column[3] };
        __asm__(
            "mov (%[columns]), %%r8\n\t"
            "mov 8(%[columns]), %%r9\n\t"
            "mov 16(%[columns]), %%r10\n\t"
            "mov 24(%[columns]), %%r11\n\t"
            "1:\n\t"
            "vmovapd (%[row]), %%ymm12\n\t"
            "vmovapd 32(%[row]), %%ymm13\n\t"
            "vmovapd 64(%[row]), %%ymm14\n\t"
            "vbroadcastsd (%%r8,%[j],8), %%ymm15\n\t"
            "vfmadd231pd %%ymm15, %%ymm12, %[a00]\n\t"
            "vfmadd231pd %%ymm15, %%ymm13, %[a01]\n\t"
            "vfmadd231pd %%ymm15, %%ymm14, %[a02]\n\t"
            "vbroadcastsd (%%r9,%[j],8), %%ymm15\n\t"
            "vfmadd231pd %%ymm15, %%ymm12, %[a10]\n\t"
            "vfmadd231pd %%ymm15, %%ymm13, %[a11]\n\t"
            "vfmadd231pd %%ymm15, %%ymm14, %[a12]\n\t"
            "vbroadcastsd (%%r10,%[j],8), %%ymm15\n\t"
            "vfmadd231pd %%ymm15, %%ymm12, %[a20]\n\t"
            "vfmadd231pd %%ymm15, %%ymm13, %[a21]\n\t"
            "vfmadd231pd %%ymm15, %%ymm14, %[a22]\n\t"
            "vbroadcastsd (%%r11,%[j],8), %%ymm15\n\t"
            "vfmadd231pd %%ymm15, %%ymm12, %[a30]\n\t"
            "vfmadd231pd %%ymm15, %%ymm13, %[a31]\n\t"
            "vfmadd231pd %%ymm15, %%ymm14, %[a32]\n\t"
            "add $96, %[row]\n\t"
            "inc %[j]\n\t"
            "cmp %[n], %[j]\n\t"
            "jne 1b\n\t"
            : [a00] "+x"(acc[0][0]), [a01] "+x"(acc[0][1]), [a02] "+x"(acc[0][2]),
              [a10] "+x"(acc[1][0]), [a11] "+x"(acc[1][1]), [a12] "+x"(acc[1][2]),
              [a20] "+x"(acc[2][0]), [a21] "+x"(acc[2][1]), [a22] "+x"(acc[2][2]),
              [a30] "+x"(acc[3][0]), [a31] "+x"(acc[3][1]), [a32] "+x"(acc[3][2]),
              [row] "+r"(row), [j] "+r"(j)
            : [columns] "r"(columns), [n] "r"(i0)
            : "r8", "r9", "r10", "r11", "xmm12", "xmm13", "xmm14", "xmm15", "cc", "memory");
    } else {
        for (long j = 0; j < i0; j++) {
            __m256d xv[max_quads];
            for (int q = 0; q < N; q++) xv[q] = _mm256_load_pd(row + 4 * q);
            row += stride;
            for (int r = 0; r < M; r++) {
                __m256d b = _mm256_broadcast_sd(column[r] + j);
                for (int q = 0; q < N; q++) acc[r][q] = _mm256_fmadd_pd(b, xv[q], acc[r][q]);
            }
        }
    }
    // The triangle: x_{i0+t} reaches rows i0 + t and below only.
    for (int t = 0; t < M; t++) {
        __m256d xv[max_quads];
        for (int q = 0; q < N; q++) xv[q] = _mm256_load_pd(row + 4 * q);
        row += stride;
        for (int r = t; r < M; r++) {
            __m256d b = _mm256_broadcast_sd(column[r] + i0 + t);
            for (int q = 0; q < N; q++) acc[r][q] = _mm256_fmadd_pd(b, xv[q], acc[r][q]);
        }
    }
    for (int r = 0; r < M; r++) {
        __m256d cr = _mm256_broadcast_sd(c + i0 + r);
        for (int q = 0; q < N; q++) {
            sq[q] = _mm256_fmadd_pd(acc[r][q], acc[r][q], sq[q]);
            prod[q] = _mm256_fmadd_pd(cr, acc[r][q], prod[q]);
        }
    }
}

// One group of N quads holding `count` arms, M rows at a time. Returns a vector whose lanes
// are NaN where a score is not finite.
INLINE __m256d group(const int M, const int N, long d, long count, const double *u, const double *x,
                     const double *c, double alpha, double *xt, double *widths, double *scores)
{
    __m256d sq[max_quads], prod[max_quads];
    for (int q = 0; q < N; q++) { sq[q] = _mm256_setzero_pd(); prod[q] = _mm256_setzero_pd(); }
    long i0 = 0;
    for (; i0 + M <= d; i0 += M) {
        // Transposing just the rows this block adds, rather than the whole group up front,
        // lets the shuffles and stores overlap the previous block's multiply-adds.
        transpose(d, N, count, x, xt, i0, i0 + M);
        row_block(M, N, i0, d, u, xt, c, sq, prod);
    }
    transpose(d, N, count, x, xt, i0, d);
    switch (d - i0) {
#define REST(m) case m: if (m < M) row_block(m, N, i0, d, u, xt, c, sq, prod); break;
    REST(1) REST(2) REST(3) REST(4) REST(5) REST(6) REST(7)
#undef REST
    }
    __m256d a = _mm256_set1_pd(alpha), bad = _mm256_setzero_pd();
    for (int q = 0; q < N; q++) {
        __m256d width = _mm256_sqrt_pd(sq[q]);
        __m256d score = _mm256_fmadd_pd(a, width, prod[q]);
        bad = _mm256_add_pd(bad, _mm256_sub_pd(score, score));
        if (4 * q + 4 <= count) {
            _mm256_storeu_pd(widths + 4 * q, width);
            _mm256_storeu_pd(scores + 4 * q, score);
        } else {
            double w[4], s[4];
            _mm256_storeu_pd(w, width);
            _mm256_storeu_pd(s, score);
            for (long l = 0; 4 * q + l < count; l++) { widths[4 * q + l] = w[l]; scores[4 * q + l] = s[l]; }
        }
    }
    return bad;
}

static TARGET int triangular_scores_avx2(
    long d, long k, const double *u, const double *x, const double *c, double alpha,
    double *scratch, double *widths, double *scores)
{
    double *xt = (double *)(((uintptr_t)scratch + 63) & ~(uintptr_t)63);
    // Quads spread as evenly as possible over the fewest groups (k = 50: three groups of three
    // quads and two of two), so that no group is left with a sliver of work.
    long quads = (k + 3) / 4;
    long groups = (quads + max_quads - 1) / max_quads;
    __m256d bad = _mm256_setzero_pd();
    long a = 0;
    for (long g = 0; g < groups; g++) {
        int n = (int)(quads / groups + (g < quads % groups ? 1 : 0));
        long count = 4 * n < k - a ? 4 * n : k - a;
        const double *xa = x + a * d;
        // Blocks of M rows × N quads keep at least eight independent products in flight,
        // enough to cover the fused multiply-add latency on both pipes (a lone quad, k ≤ 4,
        // takes eight rows at a time).
        if (n == 1) bad = _mm256_add_pd(bad, group(8, 1, d, count, u, xa, c, alpha, xt, widths + a, scores + a));
        else if (n == 2) bad = _mm256_add_pd(bad, group(4, 2, d, count, u, xa, c, alpha, xt, widths + a, scores + a));
        else bad = _mm256_add_pd(bad, group(4, 3, d, count, u, xa, c, alpha, xt, widths + a, scores + a));
        a += count;
    }
    return _mm256_movemask_pd(_mm256_cmp_pd(bad, bad, _CMP_UNORD_Q)) == 0;
}

int banditkit_triangular_scores(
    long d, long k, const double *u, const double *x, const double *c, double alpha,
    double *scratch, double *widths, double *scores)
{
    if (!banditkit_triangular_scores_available()) return -1;
    if (k <= 0) return 1;
    if (d <= 0) {
        for (long a = 0; a < k; a++) { widths[a] = 0; scores[a] = 0; }
        return 1;
    }
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
