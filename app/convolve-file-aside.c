/* convolve-file-aside.c — PATH.broken-DATE-TIME
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "convolve-file-aside.h"

#include <glib/gstdio.h>

char *
convolve_file_move_aside (const char *path)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  g_return_val_if_fail (path != NULL, NULL);

  for (int n = 1; n < 100; n++)
    {
      g_autofree char *target = n == 1 ? g_strdup_printf ("%s.broken-%s", path, stamp)
                                       : g_strdup_printf ("%s.broken-%s-%d", path, stamp, n);

      if (g_file_test (target, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (path, target) == 0)
        return g_steal_pointer (&target);
      return NULL;
    }
  return NULL;
}
