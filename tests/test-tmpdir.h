/* test-tmpdir.h — a scratch folder of the test's own, and its removal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* A new empty folder in the temporary directory, named after template
 * ("name-XXXXXX"); free with g_free() after test_tmpdir_remove(). */
static inline char *
test_tmpdir_new (const char *template)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

/* Removes path and everything below it */
static inline void
test_tmpdir_remove (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        test_tmpdir_remove (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}
