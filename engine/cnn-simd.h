/* cnn-simd.h — private: how the engine's hot loops get wide vectors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine is built for the baseline ISA (a Flatpak runs on any x86-64),
 * so functions marked CNN_HOT are compiled three times and the best one for
 * the running CPU is picked once at load time (GCC target_clones + ifunc).
 */
#pragma once

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) \
    && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
# define CNN_HOT __attribute__((target_clones ("default", "arch=x86-64-v3", "arch=x86-64-v4")))
#else
# define CNN_HOT
#endif

#if defined(_OPENMP) || defined(__GNUC__)
# define CNN_PRAGMA(x) _Pragma (#x)
# define CNN_SIMD_SUM(var) CNN_PRAGMA (omp simd reduction (+:var))
#else
# define CNN_SIMD_SUM(var)
#endif
