#ifndef COPENBLAS_SHIM_H
#define COPENBLAS_SHIM_H

// On Debian, <cblas.h> lives in /usr/include/x86_64-linux-gnu/openblas-pthread/ (found through
// `pkg-config --cflags openblas`, which SwiftPM queries because the target names pkgConfig
// "openblas"), while <lapacke.h> is in /usr/include from the liblapacke-dev package.
#include <cblas.h>
#include <lapacke.h>

#endif
