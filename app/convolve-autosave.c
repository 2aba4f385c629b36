/* convolve-autosave.c — the slots on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "convolve-autosave-private.h"
#include "convolve-file-aside.h"

struct _ConvolveAutosave
{
  GObject parent_instance;

  char *dir;
  GHashTable *kept;     /* slot → SHA-256 of the bytes the file holds, or
                         * will once the write under way is done */
  GHashTable *blocked;  /* slots whose unreadable file could not be moved */

  /* Writes run one at a time, in the order asked, under write_lock (in a
   * thread for save_async); a write that a later one for the same slot
   * has overtaken is skipped, so the newest weights are the last written. */
  GMutex write_lock;
  GHashTable *latest;   /* slot → the number of the last write asked for it */
  GHashTable *pending;  /* slot → save_async() writes not done yet */
  guint next_write;

  /* tests only: threads wait here while paused (convolve-autosave-private.h) */
  GMutex gate_lock;
  GCond gate;
  gboolean paused;
};

/* One write, prepared on the caller's thread: the network as it was then */
typedef struct
{
  char   *slot;
  char   *path;
  char   *digest;
  CnnNet *net;
  guint   number;
  gboolean async;
} Write;

static void
write_free (Write *w)
{
  g_free (w->slot);
  g_free (w->path);
  g_free (w->digest);
  g_clear_pointer (&w->net, cnn_net_unref);
  g_free (w);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Write, write_free)

G_DEFINE_FINAL_TYPE (ConvolveAutosave, convolve_autosave, G_TYPE_OBJECT)

G_DEFINE_QUARK (convolve-autosave-error-quark, convolve_autosave_error)

static void
convolve_autosave_finalize (GObject *object)
{
  ConvolveAutosave *self = CONVOLVE_AUTOSAVE (object);

  g_free (self->dir);
  g_hash_table_unref (self->kept);
  g_hash_table_unref (self->blocked);
  g_hash_table_unref (self->latest);
  g_hash_table_unref (self->pending);
  g_mutex_clear (&self->write_lock);
  g_mutex_clear (&self->gate_lock);
  g_cond_clear (&self->gate);

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
  self->latest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_mutex_init (&self->write_lock);
  g_mutex_init (&self->gate_lock);
  g_cond_init (&self->gate);
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
    g_autofree char *aside = convolve_file_move_aside (path);
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

static guint
n_pending (ConvolveAutosave *self,
           const char       *slot)
{
  guint n;

  g_mutex_lock (&self->write_lock);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->pending, slot));
  g_mutex_unlock (&self->write_lock);
  return n;
}

/* What save() and save_async() share: NULL with *kept TRUE when the slot
 * holds these weights already (for save(): on disk now, not only once a
 * write under way is done), NULL with an error when the slot is blocked,
 * else the write to do. */
static Write *
prepare_write (ConvolveAutosave  *self,
               const char        *slot,
               const CnnNet      *net,
               gboolean           async,
               gboolean          *kept,
               GError           **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *digest = NULL;
  const char *last;
  Write *w;

  *kept = FALSE;
  if (g_hash_table_contains (self->blocked, slot))
    {
      g_set_error_literal (error, CONVOLVE_AUTOSAVE_ERROR, CONVOLVE_AUTOSAVE_ERROR_BLOCKED,
                           _("An earlier save of this network could not be read, nor moved "
                             "aside; it is not overwritten"));
      return NULL;
    }

  bytes = cnn_model_serialize (net);
  digest = digest_of (bytes);
  last = g_hash_table_lookup (self->kept, slot);
  if (last != NULL && g_str_equal (last, digest) && (async || n_pending (self, slot) == 0))
    {
      *kept = TRUE;
      return NULL;
    }

  w = g_new0 (Write, 1);
  w->slot = g_strdup (slot);
  w->path = convolve_autosave_path (self, slot);
  w->digest = g_steal_pointer (&digest);
  w->net = cnn_net_copy (net);
  w->async = async;
  g_mutex_lock (&self->write_lock);
  w->number = ++self->next_write;
  g_hash_table_insert (self->latest, g_strdup (slot), GUINT_TO_POINTER (w->number));
  if (async)
    g_hash_table_insert (self->pending, g_strdup (slot),
                         GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->pending, slot)) + 1));
  g_mutex_unlock (&self->write_lock);
  /* the same weights asked again while this write runs are not written twice */
  g_hash_table_insert (self->kept, g_strdup (slot), g_strdup (w->digest));
  return w;
}

/* Any thread. TRUE also when a later write for the slot has overtaken this
 * one (it writes newer weights). */
static gboolean
do_write (ConvolveAutosave  *self,
          Write             *w,
          GError           **error)
{
  gboolean ok = TRUE;

  g_mutex_lock (&self->write_lock);
  if (GPOINTER_TO_UINT (g_hash_table_lookup (self->latest, w->slot)) == w->number)
    {
      if (g_mkdir_with_parents (self->dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("Could not make the folder “%s”: %s"), self->dir, g_strerror (saved_errno));
          ok = FALSE;
        }
      else
        ok = cnn_model_save (w->net, w->path, error);
    }
  if (w->async)
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->pending, w->slot));

      if (n > 1)
        g_hash_table_insert (self->pending, g_strdup (w->slot), GUINT_TO_POINTER (n - 1));
      else
        g_hash_table_remove (self->pending, w->slot);
    }
  g_mutex_unlock (&self->write_lock);
  return ok;
}

/* Main thread, after do_write() failed: the slot holds what it held */
static void
forget_write (ConvolveAutosave *self,
              Write            *w)
{
  const char *last = g_hash_table_lookup (self->kept, w->slot);

  if (last != NULL && g_str_equal (last, w->digest))
    g_hash_table_remove (self->kept, w->slot);
}

gboolean
convolve_autosave_save (ConvolveAutosave  *self,
                        const char        *slot,
                        const CnnNet      *net,
                        GError           **error)
{
  g_autoptr (Write) w = NULL;
  gboolean kept;

  g_return_val_if_fail (CONVOLVE_IS_AUTOSAVE (self), FALSE);
  g_return_val_if_fail (slot != NULL && net != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  w = prepare_write (self, slot, net, FALSE, &kept, error);
  if (w == NULL)
    return kept;
  if (!do_write (self, w, error))
    {
      forget_write (self, w);
      return FALSE;
    }
  return TRUE;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ConvolveAutosave *self = source_object;
  GError *error = NULL;

  g_mutex_lock (&self->gate_lock);
  while (self->paused)
    g_cond_wait (&self->gate, &self->gate_lock);
  g_mutex_unlock (&self->gate_lock);

  if (do_write (self, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
convolve_autosave_save_async (ConvolveAutosave    *self,
                              const char          *slot,
                              const CnnNet        *net,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  GError *error = NULL;
  gboolean kept;
  Write *w;

  g_return_if_fail (CONVOLVE_IS_AUTOSAVE (self));
  g_return_if_fail (slot != NULL && net != NULL);

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, convolve_autosave_save_async);
  w = prepare_write (self, slot, net, TRUE, &kept, &error);
  if (w == NULL)
    {
      if (error != NULL)
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, kept);
      return;
    }
  g_task_set_task_data (task, w, (GDestroyNotify) write_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
convolve_autosave_save_finish (ConvolveAutosave  *self,
                               GAsyncResult      *result,
                               GError           **error)
{
  GTask *task = G_TASK (result);
  Write *w;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (task) == convolve_autosave_save_async, FALSE);

  if (g_task_propagate_boolean (task, error))
    return TRUE;
  w = g_task_get_task_data (task);
  if (w != NULL)
    forget_write (self, w);
  return FALSE;
}

void
convolve_autosave_pause_background (ConvolveAutosave *self,
                                    gboolean          paused)
{
  g_return_if_fail (CONVOLVE_IS_AUTOSAVE (self));

  g_mutex_lock (&self->gate_lock);
  self->paused = paused;
  g_cond_broadcast (&self->gate);
  g_mutex_unlock (&self->gate_lock);
}
