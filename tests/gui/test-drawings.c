/* test-drawings.c — the shipped model reads a new user's handwriting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The UCI digits come from 43 writers; a person trying the app is not one
 * of them. tests/data/user-drawings.txt holds digits drawn as pen
 * strokes in the grid's cell units; each is rasterised by the grid model
 * with the default pen, normalised as the window does, and classified by
 * the shipped "Digits 0–9" model. The product asks for at least 9 in 10.
 *
 * tests/data/stroke-drawings.txt is a second, larger set made the way
 * people draw with a mouse, in five groups (plain, slanted, variant shapes,
 * small, big), frozen before the training was changed to read them: a
 * check, never a tuning set. The shipped model must read at least 95 % of
 * it, at least 10 in 12 of every group, and never be more than 95 % sure
 * of a wrong answer; the first-start example "1" must be read as 1 with at
 * least 90 %; and on the built-in test split it must score at least 0.985
 * with an expected calibration error of at most 0.03.
 *
 * CONVOLVE_TEST_MODEL=FILE.cnvm evaluates another model file instead (to
 * compare candidates before shipping one).
 */
#include "config.h"

#include <gio/gio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cnn.h"
#include "convolve-grid-model.h"

static void
draw (ConvolveGridModel *model,
      const char        *strokes)
{
  g_auto (GStrv) parts = g_strsplit (strokes, ";", -1);

  for (guint s = 0; parts[s] != NULL; s++)
    {
      g_auto (GStrv) points = g_strsplit (g_strstrip (parts[s]), " ", -1);

      for (guint p = 0; points[p] != NULL; p++)
        {
          double x, y;

          g_assert_cmpint (sscanf (points[p], "%lf,%lf", &x, &y), ==, 2);
          if (p == 0)
            convolve_grid_model_begin_stroke (model, x, y, FALSE);
          else
            convolve_grid_model_stroke_to (model, x, y);
        }
      convolve_grid_model_end_stroke (model);
    }
}

static CnnNet *
load_shipped (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("/io/github/convolve/Convolve/models/%s.cnvm", name);
  g_autoptr (GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  CnnNet *net;

  g_assert_no_error (error);
  net = cnn_model_deserialize (bytes, &error);
  g_assert_no_error (error);
  return net;
}

static CnnNet *
load_model (void)
{
  g_autoptr (GError) error = NULL;
  const char *path = g_getenv ("CONVOLVE_TEST_MODEL");
  g_autoptr (GFile) file = NULL;
  CnnNet *net;

  if (path == NULL)
    return load_shipped ("digits");
  file = g_file_new_for_path (path);
  net = cnn_model_load (file, NULL, &error);
  g_assert_no_error (error);
  return net;
}

static void
test_user_drawings (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "user-drawings.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CnnNet) net = load_model ();
  g_autoptr (CnnWorkspace) ws = cnn_workspace_new (net);
  g_auto (GStrv) lines = NULL;
  guint n = 0, correct = 0, per_digit[10] = { 0 };

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr (ConvolveGridModel) model = convolve_grid_model_new ();
      float input[CNN_INPUT_SIZE];
      const float *probs;
      const char *colon;
      int digit, best = 0;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      colon = strchr (lines[i], ':');
      g_assert_nonnull (colon);
      digit = atoi (lines[i]);
      g_assert_cmpint (digit, >=, 0);
      g_assert_cmpint (digit, <=, 9);

      draw (model, colon + 1);
      g_assert_false (convolve_grid_model_is_empty (model));
      convolve_grid_model_get_normalized (model, input);
      probs = cnn_net_forward (net, ws, input);
      for (int c = 1; c < net->n_classes; c++)
        if (probs[c] > probs[best])
          best = c;

      n++;
      per_digit[digit]++;
      if (best == digit)
        correct++;
      else
        g_test_message ("line %u: a %d read as %d (%.0f %%)", i + 1, digit, best, 100.0 * probs[best]);
    }

  g_test_message ("%u of %u user drawings classified right (%.0f %%)", correct, n, 100.0 * correct / n);
  for (int d = 0; d < 10; d++)
    g_assert_cmpuint (per_digit[d], >=, 3);
  g_assert_cmpuint (correct * 10, >=, n * 9);
}

static const char *const stroke_groups[] = { "plain", "slanted", "variant", "small", "big" };
#define N_GROUPS G_N_ELEMENTS (stroke_groups)

typedef struct {
  guint n, correct;
  guint per_digit[10];
} GroupScore;

static void
test_stroke_drawings (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "stroke-drawings.txt", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CnnNet) net = load_model ();
  g_autoptr (CnnWorkspace) ws = cnn_workspace_new (net);
  g_auto (GStrv) lines = NULL;
  GroupScore score[N_GROUPS] = { 0 };
  guint n = 0, correct = 0;
  float worst_wrong = 0.0f;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr (ConvolveGridModel) model = convolve_grid_model_new ();
      g_auto (GStrv) head = NULL;
      float input[CNN_INPUT_SIZE];
      const float *probs;
      const char *colon;
      guint group;
      int digit, best;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      /* "<digit> <group>: strokes" */
      colon = strchr (lines[i], ':');
      g_assert_nonnull (colon);
      {
        g_autofree char *tag = g_strndup (lines[i], colon - lines[i]);

        head = g_strsplit (tag, " ", -1);
      }
      g_assert_cmpuint (g_strv_length (head), ==, 2);
      digit = atoi (head[0]);
      g_assert_cmpint (digit, >=, 0);
      g_assert_cmpint (digit, <=, 9);
      for (group = 0; group < N_GROUPS; group++)
        if (g_str_equal (head[1], stroke_groups[group]))
          break;
      g_assert_cmpuint (group, <, N_GROUPS);

      draw (model, colon + 1);
      g_assert_false (convolve_grid_model_is_empty (model));
      convolve_grid_model_get_normalized (model, input);
      probs = cnn_net_forward (net, ws, input);
      best = cnn_argmax (probs, net->n_classes);

      n++;
      score[group].n++;
      score[group].per_digit[digit]++;
      if (best == digit)
        {
          correct++;
          score[group].correct++;
        }
      else
        {
          worst_wrong = MAX (worst_wrong, probs[best]);
          g_test_message ("line %u (%s): a %d read as %d (%.1f %%; %d: %.1f %%)", i + 1,
                          stroke_groups[group], digit, best, 100.0 * probs[best],
                          digit, 100.0 * probs[digit]);
        }
    }

  for (guint g = 0; g < N_GROUPS; g++)
    g_test_message ("%-8s %2u of %2u", stroke_groups[g], score[g].correct, score[g].n);
  g_test_message ("stroke drawings: %u of %u right (%.1f %%); most confident wrong answer %.1f %%",
                  correct, n, 100.0 * correct / n, 100.0 * worst_wrong);

  /* the set is what it says: at least 60 drawings, every digit in every group */
  g_assert_cmpuint (n, >=, 60);
  for (guint g = 0; g < N_GROUPS; g++)
    {
      g_assert_cmpuint (score[g].n, >=, 12);
      for (int d = 0; d < 10; d++)
        g_assert_cmpuint (score[g].per_digit[d], >=, 1);
    }

  /* the targets: 95 % overall, 10 in 12 (or as many in proportion) in
   * every group, and no wrong answer shown as near-certain */
  g_assert_cmpuint (correct * 100, >=, n * 95);
  for (guint g = 0; g < N_GROUPS; g++)
    g_assert_cmpuint (score[g].correct * 12, >=, score[g].n * 10);
  g_assert_cmpfloat (worst_wrong, <=, 0.95f);
}

/* The "1" the window draws at first start (draw_first_digit in
 * app/convolve-window.c), read the way the window reads it. */
static void
test_first_digit (void)
{
  g_autoptr (ConvolveGridModel) model = convolve_grid_model_new ();
  g_autoptr (CnnNet) net = load_model ();
  g_autoptr (CnnWorkspace) ws = cnn_workspace_new (net);
  float input[CNN_INPUT_SIZE];
  const float *probs;

  draw (model, "4.5,1.0 4.2,4.0 3.8,7.0");
  convolve_grid_model_get_normalized (model, input);
  probs = cnn_net_forward (net, ws, input);
  g_test_message ("the first-start 1: %.1f %% 1 (top: %d at %.1f %%)", 100.0 * probs[1],
                  cnn_argmax (probs, net->n_classes), 100.0 * probs[cnn_argmax (probs, net->n_classes)]);
  g_assert_cmpint (cnn_argmax (probs, net->n_classes), ==, 1);
  g_assert_cmpfloat (probs[1], >=, 0.9f);
}

/* The shipped models on the built-in test split: the digits model's
 * accuracy and calibration, and the record they were made with
 * (build-aux/make-models); the dense-only contrast model is what it says. */
static void
test_shipped_models (void)
{
  g_autoptr (CnnNet) digits = load_model ();
  g_autoptr (CnnNet) dense = load_shipped ("dense-only");
  g_autoptr (CnnNet) zero_or_one = load_shipped ("zero-or-one");
  g_autoptr (CnnDataset) train = NULL;
  g_autoptr (CnnDataset) test = NULL;
  g_autoptr (CnnEvaluation) eval = NULL;
  g_autoptr (CnnEvaluation) dense_eval = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (cnn_dataset_builtin_split (10, CNN_SPLIT_STRATIFIED, &train, &test, &error));
  g_assert_no_error (error);
  eval = cnn_evaluate (digits, test);
  dense_eval = cnn_evaluate (dense, test);
  g_test_message ("digits: accuracy %.4f, ECE %.4f, T %.3f; dense-only: accuracy %.4f, ECE %.4f",
                  eval->accuracy, eval->ece, digits->temperature, dense_eval->accuracy, dense_eval->ece);
  g_assert_cmpfloat (eval->accuracy, >=, 0.985);
  g_assert_cmpfloat (eval->ece, <=, 0.03);

  g_assert_cmpstr (digits->spec, ==, CNN_SPEC_DIGITS);
  g_assert_true (digits->has_record);
  g_assert_cmpint (digits->record.augment, ==, CNN_AUGMENT_FULL);
  g_assert_cmpuint (digits->record.n_validation, >, 0);
  g_assert_cmpfloat (digits->record.test_accuracy, ==, (float) eval->accuracy);

  g_assert_cmpstr (dense->spec, ==, "dense10 softmax");
  g_assert_true (dense->has_record);
  g_assert_cmpint (dense->record.epochs, ==, digits->record.epochs);
  g_assert_cmpint (dense->record.augment, ==, digits->record.augment);
  g_assert_cmpstr (dense->record.data, ==, digits->record.data);
  /* a plain dense layer reads digits, just not as well as the CNN */
  g_assert_cmpfloat (dense_eval->accuracy, >=, 0.85);
  g_assert_cmpfloat (dense_eval->accuracy, <, eval->accuracy);

  g_assert_cmpint (zero_or_one->n_classes, ==, 2);
  g_assert_true (zero_or_one->has_record);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/drawings/user", test_user_drawings);
  g_test_add_func ("/drawings/strokes", test_stroke_drawings);
  g_test_add_func ("/drawings/first-digit", test_first_digit);
  g_test_add_func ("/drawings/shipped-models", test_shipped_models);
  return g_test_run ();
}
