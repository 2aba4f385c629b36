/* test-data-home.h — a user data folder of the test's own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app autosaves its model to the user data folder. Each test process
 * gets a fresh one, so nothing reaches $HOME and test programs running at
 * once never load each other's autosave.
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* Call before anything asks g_get_user_data_dir() (it caches). */
static inline char *
test_data_home_new (const char *program)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("%s-XXXXXX", program);
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", dir, TRUE);
  return dir;
}

static inline void
test_data_home_remove (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        test_data_home_remove (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}
