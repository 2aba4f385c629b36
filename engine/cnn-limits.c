/* cnn-limits.c — quoting user input in messages, within the limits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cnn-limits.h"

#include <string.h>

char *
cnn_limits_quote (const char *text,
                  gssize      len)
{
  /* CNN_LIMIT_QUOTE_CHARS characters are at most 4 bytes each: one more
   * byte than that tells whether the text goes on. Only that much is
   * looked at, however long the text is. */
  const gsize window = 4 * CNN_LIMIT_QUOTE_CHARS + 1;
  g_autofree char *valid = NULL;
  gsize n;
  const char *cut;

  if (text == NULL)
    return g_strdup ("");
  n = len < 0 ? strnlen (text, window) : MIN ((gsize) len, window);

  valid = g_utf8_make_valid (text, (gssize) n);
  if (g_utf8_strlen (valid, -1) <= CNN_LIMIT_QUOTE_CHARS && n < window)
    return g_steal_pointer (&valid);

  /* 39 characters and the ellipsis */
  cut = g_utf8_offset_to_pointer (valid, CNN_LIMIT_QUOTE_CHARS - 1);
  valid[cut - valid] = '\0';
  return g_strconcat (valid, "…", NULL);
}
