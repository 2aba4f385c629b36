/* fuzz-common.h — what every libFuzzer target of the engine shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each target feeds one input to one loader or parser and checks what the
 * engine promises for any input: a result or a GError, never both, never a
 * crash, an out-of-bounds access (ASan), undefined behaviour (UBSan) or a
 * critical warning (a g_return_if_fail an input could reach).
 */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "cnn.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* a critical or a warning is a finding, not noise */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_FATAL_MASK);
  return 0;
}

/* An error the engine gives for bad input: set, with a readable message. */
static inline void
fuzz_check_error (const GError *error)
{
  g_assert (error != NULL);
  g_assert (error->message != NULL && error->message[0] != '\0');
  g_assert (g_utf8_validate (error->message, -1, NULL));
  /* bad input is quoted short (CNN_LIMIT_QUOTE_CHARS), never whole */
  g_assert (strlen (error->message) < 400);
}
