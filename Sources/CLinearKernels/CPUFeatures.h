#ifndef BANDITKIT_CPUFEATURES_H
#define BANDITKIT_CPUFEATURES_H

// What the kernels of this target may use on this CPU, decided once per process (CPUID, and
// XGETBV for the operating system's saving of the YMM state). Internal to the target.

/// AVX usable (x86-64 only; 0 elsewhere).
int banditkit_cpu_has_avx(void);

/// AVX2 and FMA usable (x86-64 only; 0 elsewhere).
int banditkit_cpu_has_avx2_fma(void);

#endif
