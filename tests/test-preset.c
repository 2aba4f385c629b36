/* test-preset.c — the built-in split, with the user's samples or without
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cnn.h"

/* extra: n samples, sample i all (i + 1) / 16 with label labels[i] */
static CnnDataset *
make_extra (const guint8 *labels,
            gsize         n)
{
  CnnDataset *ds = cnn_dataset_new (n, 10);

  for (gsize i = 0; i < n; i++)
    {
      for (int k = 0; k < CNN_INPUT_SIZE; k++)
        ds->x[i * CNN_INPUT_SIZE + k] = (float) (i + 1) / 16.0f;
      ds->y[i] = labels[i];
    }
  return ds;
}

static void
assert_same (const CnnDataset *a,
             const CnnDataset *b)
{
  g_assert_cmpuint (a->n, ==, b->n);
  g_assert_cmpint (a->n_classes, ==, b->n_classes);
  g_assert_cmpmem (a->x, a->n * CNN_INPUT_SIZE * sizeof (float), b->x, b->n * CNN_INPUT_SIZE * sizeof (float));
  g_assert_cmpmem (a->y, a->n, b->y, b->n);
}

/* The training half, then each usable extra sample repeat times; the test
 * half untouched */
static void
test_split_extra (void)
{
  static const guint8 labels[] = { 7, 1, 9, 0 };
  g_autoptr (CnnDataset) extra = make_extra (labels, G_N_ELEMENTS (labels));
  g_autoptr (GError) error = NULL;
  gsize used = 99;

  for (int n_classes = 10; n_classes >= 2; n_classes -= 8)
    for (int split = CNN_SPLIT_STRATIFIED; split <= CNN_SPLIT_HEAD; split++)
      {
        g_autoptr (CnnDataset) train = NULL;
        g_autoptr (CnnDataset) test = NULL;
        g_autoptr (CnnDataset) plain_train = NULL;
        g_autoptr (CnnDataset) plain_test = NULL;
        gsize row;

        g_assert_true (cnn_dataset_builtin_split (n_classes, split, &plain_train, &plain_test, &error));
        g_assert_true (cnn_dataset_builtin_split_extra (n_classes, split, extra, 3, &train, &test,
                                                        &used, &error));
        g_assert_no_error (error);
        assert_same (test, plain_test);

        /* 10 classes: all four; 2: the 1 and the 0 */
        g_assert_cmpuint (used, ==, n_classes == 10 ? 4 : 2);
        g_assert_cmpuint (train->n, ==, plain_train->n + used * 3);
        g_assert_cmpint (train->n_classes, ==, n_classes);
        g_assert_cmpmem (train->x, plain_train->n * CNN_INPUT_SIZE * sizeof (float),
                         plain_train->x, plain_train->n * CNN_INPUT_SIZE * sizeof (float));
        g_assert_cmpmem (train->y, plain_train->n, plain_train->y, plain_train->n);

        row = plain_train->n;
        for (gsize i = 0; i < G_N_ELEMENTS (labels); i++)
          {
            if (labels[i] >= n_classes)
              continue;
            for (int r = 0; r < 3; r++, row++)
              {
                g_assert_cmpint (train->y[row], ==, labels[i]);
                g_assert_cmpmem (train->x + row * CNN_INPUT_SIZE, CNN_INPUT_SIZE * sizeof (float),
                                 extra->x + i * CNN_INPUT_SIZE, CNN_INPUT_SIZE * sizeof (float));
              }
          }
        g_assert_cmpuint (row, ==, train->n);
      }
}

/* No extra samples, or none that fit: the built-in split as it is */
static void
test_split_no_extra (void)
{
  static const guint8 nines[] = { 9, 9 };
  g_autoptr (CnnDataset) extra = make_extra (nines, 2);
  g_autoptr (CnnDataset) empty = cnn_dataset_new (0, 10);
  g_autoptr (CnnDataset) plain_train = NULL;
  g_autoptr (CnnDataset) plain_test = NULL;
  g_autoptr (GError) error = NULL;
  const CnnDataset *none[] = { NULL, empty, extra };

  g_assert_true (cnn_dataset_builtin_split (2, CNN_SPLIT_STRATIFIED, &plain_train, &plain_test, &error));
  for (guint k = 0; k < G_N_ELEMENTS (none); k++)
    {
      g_autoptr (CnnDataset) train = NULL;
      g_autoptr (CnnDataset) test = NULL;
      gsize used = 99;

      g_assert_true (cnn_dataset_builtin_split_extra (2, CNN_SPLIT_STRATIFIED, none[k],
                                                      CNN_EXTRA_REPEAT_MAX, &train, &test, &used, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (used, ==, 0);
      assert_same (train, plain_train);
      assert_same (test, plain_test);
    }
}

static void
test_split_extra_refused (void)
{
  static const guint8 labels[] = { 3 };
  g_autoptr (CnnDataset) extra = make_extra (labels, 1);
  g_autoptr (GError) error = NULL;
  CnnDataset *train = NULL, *test = NULL;

  g_assert_false (cnn_dataset_builtin_split_extra (10, CNN_SPLIT_STRATIFIED, extra,
                                                   CNN_EXTRA_REPEAT_MAX + 1, &train, &test, NULL, &error));
  g_assert_error (error, CNN_ERROR, CNN_ERROR_DATA);
  g_clear_error (&error);
  g_assert_false (cnn_dataset_builtin_split_extra (3, CNN_SPLIT_STRATIFIED, extra, 1, &train, &test,
                                                   NULL, &error));
  g_assert_error (error, CNN_ERROR, CNN_ERROR_DATA);
  g_assert_null (train);
  g_assert_null (test);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/preset/split-extra", test_split_extra);
  g_test_add_func ("/preset/split-no-extra", test_split_no_extra);
  g_test_add_func ("/preset/split-extra-refused", test_split_extra_refused);

  return g_test_run ();
}
