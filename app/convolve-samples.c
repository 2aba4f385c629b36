/* convolve-samples.c — the list, and the file it is always equal to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change is made on a copy first: the copy is written, and only
 * when that worked does it become the list (and items-changed is
 * emitted). The file is the engine's CSV: a CnnDataset of the samples,
 * count / 16, written by cnn_dataset_save_csv() (g_file_set_contents():
 * a temporary file, fsync, rename) and read by cnn_dataset_load_csv().
 */
#include "config.h"

#include "convolve-samples.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "convolve-file-aside.h"
#include "convolve-sample-private.h"

struct _ConvolveSamples
{
  GObject parent_instance;

  char *path;
  GPtrArray *items;   /* of ConvolveSample, owned */
  gboolean blocked;   /* an unreadable file that could not be moved aside */
};

static void convolve_samples_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ConvolveSamples, convolve_samples, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      convolve_samples_list_model_init))

G_DEFINE_QUARK (convolve-samples-error-quark, convolve_samples_error)

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- GListModel ----------------------------------------------------------- */

static GType
get_item_type (GListModel *model)
{
  return CONVOLVE_TYPE_SAMPLE;
}

static guint
get_n_items (GListModel *model)
{
  return CONVOLVE_SAMPLES (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  ConvolveSamples *self = CONVOLVE_SAMPLES (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
convolve_samples_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* ---- the object ----------------------------------------------------------- */

static void
convolve_samples_finalize (GObject *object)
{
  ConvolveSamples *self = CONVOLVE_SAMPLES (object);

  g_free (self->path);
  g_ptr_array_unref (self->items);

  G_OBJECT_CLASS (convolve_samples_parent_class)->finalize (object);
}

static void
convolve_samples_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ConvolveSamples *self = CONVOLVE_SAMPLES (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_samples_class_init (ConvolveSamplesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = convolve_samples_finalize;
  object_class->get_property = convolve_samples_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
convolve_samples_init (ConvolveSamples *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

char *
convolve_samples_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "convolve", "samples.csv", NULL);
}

ConvolveSamples *
convolve_samples_new (const char *path)
{
  ConvolveSamples *self = g_object_new (CONVOLVE_TYPE_SAMPLES, NULL);

  self->path = path != NULL ? g_strdup (path) : convolve_samples_default_path ();
  return self;
}

const char *
convolve_samples_get_path (ConvolveSamples *self)
{
  g_return_val_if_fail (CONVOLVE_IS_SAMPLES (self), NULL);

  return self->path;
}

/* ---- between samples and data sets ---------------------------------------- */

static CnnDataset *
dataset_of (GPtrArray *items,
            int        n_classes)
{
  CnnDataset *ds;
  gsize n = 0;

  for (guint i = 0; i < items->len; i++)
    n += convolve_sample_get_label (g_ptr_array_index (items, i)) < n_classes;

  ds = cnn_dataset_new (n, n_classes);
  n = 0;
  for (guint i = 0; i < items->len; i++)
    {
      ConvolveSample *sample = g_ptr_array_index (items, i);

      if (convolve_sample_get_label (sample) >= n_classes)
        continue;
      convolve_sample_get_input (sample, ds->x + n * CNN_INPUT_SIZE);
      ds->y[n] = (guint8) convolve_sample_get_label (sample);
      n++;
    }
  return ds;
}

/* The samples of ds (counts: value · 16, exact for the CSV's values) */
static GPtrArray *
samples_of (const CnnDataset *ds)
{
  GPtrArray *items = g_ptr_array_new_full ((guint) ds->n, g_object_unref);

  for (gsize i = 0; i < ds->n; i++)
    g_ptr_array_add (items, convolve_sample_new_from_input (ds->x + i * CNN_INPUT_SIZE, ds->y[i]));
  return items;
}

/* Writes items as the file; the list does not change */
static gboolean
write_items (ConvolveSamples  *self,
             GPtrArray        *items,
             GError          **error)
{
  g_autoptr (CnnDataset) ds = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (GError) local = NULL;

  /* never a file the loader would refuse (and move aside) next time */
  if (items->len > CNN_LIMIT_CSV_ROWS)
    {
      g_set_error (error, CNN_ERROR, CNN_ERROR_LIMIT,
                   _("At most %d samples can be kept"), CNN_LIMIT_CSV_ROWS);
      return FALSE;
    }

  if (self->blocked)
    {
      g_set_error_literal (error, CONVOLVE_SAMPLES_ERROR, CONVOLVE_SAMPLES_ERROR_BLOCKED,
                           _("Your samples file could not be read, nor moved aside; it is not "
                             "changed"));
      return FALSE;
    }

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not make the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  ds = dataset_of (items, CONVOLVE_SAMPLE_N_LABELS);
  if (!cnn_dataset_save_csv (ds, self->path, &local))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local),
                                  _("Could not save your samples: "));
      return FALSE;
    }
  return TRUE;
}

/* items (owned) become the list: removed items at position replaced by
 * added ones */
static void
adopt (ConvolveSamples *self,
       GPtrArray       *items,
       guint            position,
       guint            removed,
       guint            added)
{
  guint old_n = self->items->len;

  g_ptr_array_unref (self->items);
  self->items = items;
  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (items->len != old_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static GPtrArray *
copy_items (GPtrArray *items)
{
  GPtrArray *copy = g_ptr_array_new_full (items->len + 1, g_object_unref);

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (items, i)));
  return copy;
}

/* ---- loading -------------------------------------------------------------- */

static gboolean
refuse_unreadable (ConvolveSamples  *self,
                   const char       *why,
                   GError          **error)
{
  g_autofree char *aside = convolve_file_move_aside (self->path);
  g_autofree char *name = g_path_get_basename (aside != NULL ? aside : self->path);

  if (aside != NULL)
    {
      self->blocked = FALSE;
      /* Translators: why the file could not be read, then its new name */
      g_set_error (error, CONVOLVE_SAMPLES_ERROR, CONVOLVE_SAMPLES_ERROR_BROKEN,
                   _("Your samples could not be read (%s); the file was kept as “%s”"),
                   why, name);
    }
  else
    {
      self->blocked = TRUE;
      g_set_error (error, CONVOLVE_SAMPLES_ERROR, CONVOLVE_SAMPLES_ERROR_BLOCKED,
                   _("Your samples file “%s” could not be read (%s) and is left as it is"),
                   name, why);
    }
  return FALSE;
}

gboolean
convolve_samples_load (ConvolveSamples  *self,
                       GError          **error)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GError) local = NULL;
  g_autoptr (CnnDataset) ds = NULL;
  guint old_n;

  g_return_val_if_fail (CONVOLVE_IS_SAMPLES (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  old_n = self->items->len;
  file = g_file_new_for_path (self->path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local);
  self->blocked = FALSE;
  if (info == NULL && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      /* none yet */
      adopt (self, g_ptr_array_new_with_free_func (g_object_unref), 0, old_n, 0);
      return TRUE;
    }
  /* every sample removed: an empty file (the parser wants one row) */
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR
      && g_file_info_get_size (info) == 0)
    {
      adopt (self, g_ptr_array_new_with_free_func (g_object_unref), 0, old_n, 0);
      return TRUE;
    }
  if (info != NULL)
    ds = cnn_dataset_load_csv (file, NULL, &local);

  /* what is in the list now is not in the file: start empty either way */
  adopt (self, ds != NULL ? samples_of (ds) : g_ptr_array_new_with_free_func (g_object_unref),
         0, old_n, ds != NULL ? (guint) ds->n : 0);
  if (ds != NULL)
    return TRUE;
  return refuse_unreadable (self, local->message, error);
}

/* ---- changes -------------------------------------------------------------- */

gboolean
convolve_samples_insert (ConvolveSamples  *self,
                         guint             position,
                         ConvolveSample   *sample,
                         GError          **error)
{
  g_autoptr (GPtrArray) items = NULL;

  g_return_val_if_fail (CONVOLVE_IS_SAMPLES (self), FALSE);
  g_return_val_if_fail (CONVOLVE_IS_SAMPLE (sample), FALSE);
  g_return_val_if_fail (position <= self->items->len, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  items = copy_items (self->items);
  g_ptr_array_insert (items, (gint) position, g_object_ref (sample));
  if (!write_items (self, items, error))
    return FALSE;
  adopt (self, g_steal_pointer (&items), position, 0, 1);
  return TRUE;
}

gboolean
convolve_samples_add (ConvolveSamples  *self,
                      const guint8     *counts,
                      int               label,
                      GError          **error)
{
  g_autoptr (ConvolveSample) sample = NULL;

  g_return_val_if_fail (CONVOLVE_IS_SAMPLES (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);
  g_return_val_if_fail (label >= 0 && label < CONVOLVE_SAMPLE_N_LABELS, FALSE);

  sample = convolve_sample_new (counts, label);
  g_return_val_if_fail (sample != NULL, FALSE);
  return convolve_samples_insert (self, self->items->len, sample, error);
}

gboolean
convolve_samples_add_input (ConvolveSamples  *self,
                            const float      *input,
                            int               label,
                            GError          **error)
{
  g_autoptr (ConvolveSample) sample = NULL;

  g_return_val_if_fail (CONVOLVE_IS_SAMPLES (self), FALSE);
  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (label >= 0 && label < CONVOLVE_SAMPLE_N_LABELS, FALSE);

  sample = convolve_sample_new_from_input (input, label);
  return convolve_samples_insert (self, self->items->len, sample, error);
}

gboolean
convolve_samples_remove (ConvolveSamples  *self,
                         guint             position,
                         ConvolveSample  **removed,
                         GError          **error)
{
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (ConvolveSample) sample = NULL;

  g_return_val_if_fail (CONVOLVE_IS_SAMPLES (self), FALSE);
  g_return_val_if_fail (position < self->items->len, FALSE);
  g_return_val_if_fail (removed == NULL || *removed == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  sample = g_object_ref (g_ptr_array_index (self->items, position));
  items = copy_items (self->items);
  g_ptr_array_remove_index (items, position);
  if (!write_items (self, items, error))
    return FALSE;
  adopt (self, g_steal_pointer (&items), position, 1, 0);
  if (removed != NULL)
    *removed = g_steal_pointer (&sample);
  return TRUE;
}

gboolean
convolve_samples_relabel (ConvolveSamples  *self,
                          guint             position,
                          int               label,
                          GError          **error)
{
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (ConvolveSample) relabelled = NULL;
  ConvolveSample *sample;

  g_return_val_if_fail (CONVOLVE_IS_SAMPLES (self), FALSE);
  g_return_val_if_fail (position < self->items->len, FALSE);
  g_return_val_if_fail (label >= 0 && label < CONVOLVE_SAMPLE_N_LABELS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  sample = g_ptr_array_index (self->items, position);
  if (convolve_sample_get_label (sample) == label)
    return TRUE;

  /* written with a stand-in; the sample itself keeps its identity (a row
   * showing it just updates) */
  items = copy_items (self->items);
  relabelled = convolve_sample_new (convolve_sample_get_counts (sample), label);
  g_ptr_array_index (items, position) = g_object_ref (relabelled);
  g_object_unref (sample);
  if (!write_items (self, items, error))
    return FALSE;
  convolve_sample_set_label (sample, label);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
  return TRUE;
}

gboolean
convolve_samples_import (ConvolveSamples  *self,
                         GFile            *file,
                         GCancellable     *cancellable,
                         guint            *n_added,
                         GError          **error)
{
  g_autoptr (CnnDataset) ds = NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GPtrArray) added = NULL;
  guint old_n;

  g_return_val_if_fail (CONVOLVE_IS_SAMPLES (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_added != NULL)
    *n_added = 0;
  /* the engine's parser: a bad line or value names line and column */
  ds = cnn_dataset_load_csv (file, cancellable, error);
  if (ds == NULL)
    return FALSE;

  old_n = self->items->len;
  added = samples_of (ds);
  items = copy_items (self->items);
  for (guint i = 0; i < added->len; i++)
    g_ptr_array_add (items, g_object_ref (g_ptr_array_index (added, i)));
  if (!write_items (self, items, error))
    return FALSE;
  adopt (self, g_steal_pointer (&items), old_n, 0, added->len);
  if (n_added != NULL)
    *n_added = added->len;
  return TRUE;
}

gboolean
convolve_samples_export (ConvolveSamples  *self,
                         GFile            *file,
                         GError          **error)
{
  g_autoptr (CnnDataset) ds = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (CONVOLVE_IS_SAMPLES (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->items->len == 0)
    {
      g_set_error_literal (error, CONVOLVE_SAMPLES_ERROR, CONVOLVE_SAMPLES_ERROR_EMPTY,
                           _("There are no samples to export"));
      return FALSE;
    }
  /* the file chooser portal gives a local path too */
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Samples can only be exported to a local file"));
      return FALSE;
    }
  ds = dataset_of (self->items, CONVOLVE_SAMPLE_N_LABELS);
  return cnn_dataset_save_csv (ds, path, error);
}

CnnDataset *
convolve_samples_to_dataset (ConvolveSamples *self,
                             int              n_classes)
{
  g_return_val_if_fail (CONVOLVE_IS_SAMPLES (self), NULL);
  g_return_val_if_fail (n_classes > 0 && n_classes <= 256, NULL);

  return dataset_of (self->items, n_classes);
}
