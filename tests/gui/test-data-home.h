/* test-data-home.h — a user data folder of the test's own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app autosaves its model to the user data folder. Each test process
 * gets a fresh one, so nothing reaches $HOME and test programs running at
 * once never load each other's autosave.
 */
#pragma once

#include "../test-tmpdir.h"

/* Call before anything asks g_get_user_data_dir() (it caches). Remove with
 * test_data_home_remove(). */
static inline char *
test_data_home_new (const char *program)
{
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", program);
  char *dir = test_tmpdir_new (template);

  g_setenv ("XDG_DATA_HOME", dir, TRUE);
  return dir;
}

static inline void
test_data_home_remove (const char *path)
{
  test_tmpdir_remove (path);
}

/* Forgets every network the app kept (its autosave slots), so the next
 * window starts as on a first run */
static inline void
test_data_home_forget_networks (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "convolve", NULL);

  test_tmpdir_remove (dir);
}
