/* convolve-autosave.c — the slots on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "convolve-autosave.h"

struct _ConvolveAutosave
{
  GObject parent_instance;

  char *dir;
  GHashTable *kept;     /* slot → SHA-256 of the bytes the file holds */
  GHashTable *blocked;  /* slots whose unreadable file could not be moved */
};

G_DEFINE_FINAL_TYPE (ConvolveAutosave, convolve_autosave, G_TYPE_OBJECT)

G_DEFINE_QUARK (convolve-autosave-error-quark, convolve_autosave_error)

static void
convolve_autosave_finalize (GObject *object)
{
  ConvolveAutosave *self = CONVOLVE_AUTOSAVE (object);

  g_free (self->dir);
  g_hash_table_unref (self->kept);
  g_hash_table_unref (self->blocked);

  G_OBJECT_CLASS (convolve_autosave_parent_class)->finalize (object);
}

static void
convolve_autosave_class_init (ConvolveAutosaveClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = convolve_autosave_finalize;
}

static void
convolve_autosave_init (ConvolveAutosave *self)
{
  self->kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->blocked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

ConvolveAutosave *
convolve_autosave_new (const char *dir)
{
  ConvolveAutosave *self;

  g_return_val_if_fail (dir != NULL, NULL);

  self = g_object_new (CONVOLVE_TYPE_AUTOSAVE, NULL);
  self->dir = g_strdup (dir);
  return self;
}

const char *
convolve_autosave_get_dir (ConvolveAutosave *self)
{
  g_return_val_if_fail (CONVOLVE_IS_AUTOSAVE (self), NULL);
  return self->dir;
}

/* A preset's id names its file; a slot with a spec or a URI in it becomes
 * its kind and a digest of the rest (file names cannot hold any text) */
char *
convolve_autosave_path (ConvolveAutosave *self,
                        const char       *slot)
{
  g_autofree char *name = NULL;
  const char *colon;

  g_return_val_if_fail (CONVOLVE_IS_AUTOSAVE (self), NULL);
  g_return_val_if_fail (slot != NULL && *slot != '\0', NULL);

  colon = strchr (slot, ':');
  if (colon == NULL && strspn (slot, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen (slot))
    name = g_strconcat (slot, ".cnvm", NULL);
  else
    {
      g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, slot, -1);
      g_autofree char *kind = colon != NULL ? g_strndup (slot, colon - slot) : g_strdup ("slot");

      g_strcanon (kind, "abcdefghijklmnopqrstuvwxyz", '_');
      name = g_strdup_printf ("%s-%.16s.cnvm", kind, digest);
    }
  return g_build_filename (self->dir, name, NULL);
}

static char *
digest_of (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* Moves an unreadable file out of the way: NAME.broken-YYYYMMDD-HHMMSS
 * (and -2, -3… should that exist). NULL when it could not. */
static char *
move_aside (const char *path)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

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

CnnNet *
convolve_autosave_load (ConvolveAutosave  *self,
                        const char        *slot,
                        GError           **error)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GError) local = NULL;
  g_autoptr (GBytes) bytes = NULL;
  CnnNet *net;
  gsize len;

  g_return_val_if_fail (CONVOLVE_IS_AUTOSAVE (self), NULL);
  g_return_val_if_fail (slot != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = convolve_autosave_path (self, slot);
  if (!g_file_get_contents (path, &contents, &len, &local))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_hash_table_remove (self->kept, slot);
          return NULL;
        }
    }
  else
    {
      bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
      net = cnn_model_deserialize (bytes, &local);
      if (net != NULL)
        {
          g_hash_table_insert (self->kept, g_strdup (slot), digest_of (bytes));
          g_hash_table_remove (self->blocked, slot);
          return net;
        }
    }

  /* There is a file and it does not load: keep it for whoever can read it */
  {
    g_autofree char *aside = move_aside (path);
    g_autofree char *name = g_path_get_basename (aside != NULL ? aside : path);

    g_hash_table_remove (self->kept, slot);
    if (aside != NULL)
      {
        g_hash_table_remove (self->blocked, slot);
        /* Translators: the file's new name, then why it could not be read */
        g_set_error (error, CONVOLVE_AUTOSAVE_ERROR, CONVOLVE_AUTOSAVE_ERROR_BROKEN,
                     _("The saved network could not be read (%s); it was kept as “%s”"),
                     local->message, name);
      }
    else
      {
        g_hash_table_add (self->blocked, g_strdup (slot));
        g_set_error (error, CONVOLVE_AUTOSAVE_ERROR, CONVOLVE_AUTOSAVE_ERROR_BLOCKED,
                     _("The saved network “%s” could not be read (%s) and is left as it is"),
                     name, local->message);
      }
  }
  return NULL;
}

gboolean
convolve_autosave_save (ConvolveAutosave  *self,
                        const char        *slot,
                        const CnnNet      *net,
                        GError           **error)
{
  g_autofree char *path = NULL;
  g_autofree char *digest = NULL;
  g_autoptr (GBytes) bytes = NULL;
  const char *kept;

  g_return_val_if_fail (CONVOLVE_IS_AUTOSAVE (self), FALSE);
  g_return_val_if_fail (slot != NULL && net != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_hash_table_contains (self->blocked, slot))
    {
      g_set_error_literal (error, CONVOLVE_AUTOSAVE_ERROR, CONVOLVE_AUTOSAVE_ERROR_BLOCKED,
                           _("An earlier save of this network could not be read, nor moved "
                             "aside; it is not overwritten"));
      return FALSE;
    }

  bytes = cnn_model_serialize (net);
  digest = digest_of (bytes);
  kept = g_hash_table_lookup (self->kept, slot);
  if (kept != NULL && g_str_equal (kept, digest))
    return TRUE;

  path = convolve_autosave_path (self, slot);
  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not make the folder “%s”: %s"), self->dir, g_strerror (saved_errno));
      return FALSE;
    }
  if (!cnn_model_save (net, path, error))
    return FALSE;
  g_hash_table_insert (self->kept, g_strdup (slot), g_steal_pointer (&digest));
  return TRUE;
}
