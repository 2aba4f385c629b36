/* cnn-file.c — reading files within a limit, saving them atomically
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cnn-file.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cnn-error.h"

void
cnn_file_set_limit_error (GError     **error,
                          gsize        limit,
                          const char  *what)
{
  g_autofree char *size = g_format_size_full (limit, G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, CNN_ERROR, CNN_ERROR_LIMIT,
               _("The file is larger than %s, the limit for %s"), size, what);
}

GBytes *
cnn_file_read_bounded (GInputStream  *stream,
                       const void    *head,
                       gsize          head_len,
                       guint64        size_hint,
                       gsize          limit,
                       const char    *what,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GByteArray) buf = NULL;
  gsize chunk = 64 * 1024;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (head != NULL || head_len == 0, NULL);
  g_return_val_if_fail (what != NULL, NULL);
  g_return_val_if_fail (limit < G_MAXUINT - chunk, NULL);   /* a GByteArray's length is a guint */
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (size_hint > limit || head_len > limit)
    {
      cnn_file_set_limit_error (error, limit, what);
      return NULL;
    }

  /* sized for the whole file when its size is known: one allocation, and
   * never more than the limit and one chunk */
  buf = g_byte_array_sized_new ((guint) MAX (size_hint, head_len) + 1);
  g_byte_array_append (buf, head, (guint) head_len);
  for (;;)
    {
      gsize room, got;
      guint old_len = buf->len;

      /* read at most one byte past the limit: enough to know it is passed */
      room = MIN (chunk, limit + 1 - buf->len);
      g_byte_array_set_size (buf, old_len + (guint) room);
      if (!g_input_stream_read_all (stream, buf->data + old_len, room, &got,
                                    cancellable, error))
        return NULL;
      g_byte_array_set_size (buf, old_len + (guint) got);
      if (buf->len > limit)
        {
          cnn_file_set_limit_error (error, limit, what);
          return NULL;
        }
      if (got < room)
        break;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&buf));
}

/* Follows path through symbolic links by hand, for a path that realpath()
 * cannot resolve because the file at the end does not exist yet: the
 * result is where a save should create it. */
static char *
follow_links (const char  *path,
              GError     **error)
{
  g_autofree char *current = g_strdup (path);

  /* 40, as the kernel allows (ELOOP after that) */
  for (int hops = 0; hops < 40; hops++)
    {
      g_autoptr(GError) link_error = NULL;
      g_autofree char *target = g_file_read_link (current, &link_error);
      char *next;

      if (target == NULL)
        return g_steal_pointer (&current);   /* not a link: the file to write */
      if (g_path_is_absolute (target))
        next = g_steal_pointer (&target);
      else
        {
          g_autofree char *dir = g_path_get_dirname (current);

          next = g_build_filename (dir, target, NULL);
        }
      g_free (current);
      current = next;
    }

  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_LOOP,
               _("Could not save to “%s”: too many levels of symbolic links"), path);
  return NULL;
}

gboolean
cnn_file_replace_contents (const char  *path,
                           const void  *data,
                           gsize        len,
                           GError     **error)
{
  g_autofree char *target = NULL;
  char *real;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_return_val_if_fail (len <= G_MAXSSIZE, FALSE);

  /* g_file_set_contents() replaces a symbolic link itself: resolve it, so
   * a link to a model elsewhere keeps pointing at the saved model */
  real = realpath (path, NULL);
  if (real != NULL)
    {
      target = g_strdup (real);
      free (real);
    }
  else if (errno == ENOENT)
    {
      /* the file, or a link's target, does not exist yet */
      target = follow_links (path, error);
      if (target == NULL)
        return FALSE;
    }
  else
    {
      /* a loop of links (ELOOP), a folder that is not one, …: writing to
       * path as it is would replace a link */
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not save to “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  /* writes TARGET.XXXXXX in TARGET's folder, fsyncs it when replacing an
   * existing file, and renames it over TARGET */
  return g_file_set_contents (target, data ? data : "", (gssize) len, error);
}

/* NAME.cnvm.XXXXXX or NAME.csv.XXXXXX: what g_file_set_contents() names
 * its temporary file for a model or a data file of ours. */
static gboolean
is_our_temp_name (const char *name)
{
  static const char *const extensions[] = { ".cnvm", ".csv" };
  gsize len = strlen (name);
  gsize stem_len;

  if (len < 8 || name[len - 7] != '.')
    return FALSE;
  for (gsize i = len - 6; i < len; i++)
    if (!g_ascii_isalnum (name[i]))
      return FALSE;
  stem_len = len - 7;
  for (gsize i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      gsize ext_len = strlen (extensions[i]);

      if (stem_len > ext_len && strncmp (name + stem_len - ext_len, extensions[i], ext_len) == 0)
        return TRUE;
    }
  return FALSE;
}

int
cnn_file_remove_stale_temps (const char  *folder,
                             GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  int removed = 0;

  g_return_val_if_fail (folder != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  dir = g_dir_open (folder, 0, error);
  if (dir == NULL)
    return -1;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!is_our_temp_name (name))
        continue;
      path = g_build_filename (folder, name, NULL);
      /* lstat: a link or a folder of that name is not ours to remove */
      if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      if ((gint64) st.st_mtime > now - CNN_FILE_STALE_TEMP_SECONDS)
        continue;
      if (g_unlink (path) == 0)
        removed++;
    }

  return removed;
}
