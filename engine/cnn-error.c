/* cnn-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cnn-error.h"

G_DEFINE_QUARK (cnn-error-quark, cnn_error)
