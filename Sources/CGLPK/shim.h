#ifndef CGLPK_SHIM_H
#define CGLPK_SHIM_H

// Only LinearProgramming imports this module. GLPK 5 keeps its environment (terminal hook,
// memory accounting) in thread-local storage, so a problem object created, solved and
// deleted on one thread is safe alongside solves on other threads.
#include <glpk.h>

#endif
