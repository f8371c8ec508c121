// One detection for every kernel of the target: the CPU's instruction sets, and whether the
// operating system saves the YMM registers (without which AVX instructions fault).

#include "CPUFeatures.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))

#include <cpuid.h>

enum { has_avx = 1, has_avx2_fma = 2, decided = 4 };

static int detect(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return decided;
    const unsigned fma = 1u << 12, osxsave = 1u << 27, avx = 1u << 28;
    if ((c & (osxsave | avx)) != (osxsave | avx)) return decided;
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 6u) != 6u) return decided; // XCR0 bits 1 and 2: SSE and YMM state saved
    int features = decided | has_avx;
    if ((c & fma) && __get_cpuid_max(0, 0) >= 7) {
        __cpuid_count(7, 0, a, b, c, d);
        if (b & (1u << 5)) features |= has_avx2_fma; // AVX2
    }
    return features;
}

// 0 until decided. A benign race: every thread computes the same value.
static int features = 0;

static int current(void) {
    int value = __atomic_load_n(&features, __ATOMIC_RELAXED);
    if (value == 0) {
        value = detect();
        __atomic_store_n(&features, value, __ATOMIC_RELAXED);
    }
    return value;
}

int banditkit_cpu_has_avx(void) { return (current() & has_avx) != 0; }
int banditkit_cpu_has_avx2_fma(void) { return (current() & has_avx2_fma) != 0; }

#else

int banditkit_cpu_has_avx(void) { return 0; }
int banditkit_cpu_has_avx2_fma(void) { return 0; }

#endif
