/* cnn-preset.c — the shipped networks and the built-in split
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cnn-preset.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cnn-error.h"
#include "cnn-net.h"

static const CnnPreset presets[] = {
  { "digits", N_("Digits 0–9"), CNN_SPEC_DIGITS, 10 },
  { "zero-or-one", N_("Zero or One"), CNN_SPEC_ZERO_OR_ONE, 2 },
};

const CnnPreset *
cnn_presets (guint *n)
{
  if (n != NULL)
    *n = G_N_ELEMENTS (presets);
  return presets;
}

const CnnPreset *
cnn_preset_lookup (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_strcmp0 (presets[i].id, id) == 0)
      return &presets[i];
  return NULL;
}

const CnnPreset *
cnn_preset_for_spec (const char *spec)
{
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_strcmp0 (presets[i].spec, spec) == 0)
      return &presets[i];
  return NULL;
}

gboolean
cnn_dataset_builtin_split (int          n_classes,
                           CnnSplit     split,
                           CnnDataset **train,
                           CnnDataset **test,
                           GError     **error)
{
  g_autoptr(CnnDataset) all = NULL;
  g_autoptr(CnnDataset) subset = NULL;
  const CnnDataset *ds;
  gsize n_test;

  g_return_val_if_fail (train != NULL && test != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_classes != 10 && n_classes != 2)
    {
      g_set_error (error, CNN_ERROR, CNN_ERROR_DATA,
                   _("The network has %d outputs; the built-in data needs 10 (digits) or 2 (zero or one)"),
                   n_classes);
      return FALSE;
    }
  all = cnn_dataset_load_builtin (error);
  if (all == NULL)
    return FALSE;
  if (n_classes == 2)
    subset = cnn_dataset_zero_or_one (all);
  ds = subset != NULL ? subset : all;

  /* The same 20 % test fraction for the subset as for the whole set
   * (360 of 1,797); computed from the real size so a different built-in
   * file still splits sensibly. */
  n_test = ds->n * CNN_DEFAULT_TEST_SIZE / MAX (all->n, 1);
  if (split == CNN_SPLIT_HEAD)
    cnn_dataset_split_head (ds, ds->n - n_test, train, test);
  else
    cnn_dataset_split_stratified (ds, n_test, CNN_DEFAULT_SPLIT_SEED, train, test);
  return TRUE;
}

gboolean
cnn_dataset_builtin_split_extra (int                n_classes,
                                 CnnSplit           split,
                                 const CnnDataset  *extra,
                                 guint              repeat,
                                 CnnDataset       **train,
                                 CnnDataset       **test,
                                 gsize             *n_used,
                                 GError           **error)
{
  g_autoptr(CnnDataset) builtin = NULL;
  g_autoptr(CnnDataset) test_half = NULL;
  CnnDataset *out;
  gsize used = 0, row;

  g_return_val_if_fail (train != NULL && test != NULL, FALSE);
  g_return_val_if_fail (repeat >= 1, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_used != NULL)
    *n_used = 0;
  if (repeat > CNN_EXTRA_REPEAT_MAX)
    {
      g_set_error (error, CNN_ERROR, CNN_ERROR_DATA,
                   _("Extra samples can be repeated at most %d times, not %u"),
                   CNN_EXTRA_REPEAT_MAX, repeat);
      return FALSE;
    }
  if (!cnn_dataset_builtin_split (n_classes, split, &builtin, &test_half, error))
    return FALSE;

  for (gsize i = 0; extra != NULL && i < extra->n; i++)
    used += extra->y[i] < n_classes;
  if (used > (G_MAXSIZE / (CNN_INPUT_SIZE * sizeof (float)) - builtin->n) / repeat)
    {
      g_set_error_literal (error, CNN_ERROR, CNN_ERROR_DATA, _("Too many extra samples"));
      return FALSE;
    }

  /* the built-in rows, then each usable extra row repeat times in a row
   * (the trainer shuffles every epoch, so where they sit does not matter) */
  out = cnn_dataset_new (builtin->n + used * repeat, builtin->n_classes);
  if (builtin->n > 0)
    {
      memcpy (out->x, builtin->x, builtin->n * CNN_INPUT_SIZE * sizeof (float));
      memcpy (out->y, builtin->y, builtin->n);
    }
  row = builtin->n;
  for (gsize i = 0; extra != NULL && i < extra->n; i++)
    {
      if (extra->y[i] >= n_classes)
        continue;
      for (guint r = 0; r < repeat; r++, row++)
        {
          memcpy (out->x + row * CNN_INPUT_SIZE, extra->x + i * CNN_INPUT_SIZE,
                  CNN_INPUT_SIZE * sizeof (float));
          out->y[row] = extra->y[i];
        }
    }

  *train = out;
  *test = g_steal_pointer (&test_half);
  if (n_used != NULL)
    *n_used = used;
  return TRUE;
}
