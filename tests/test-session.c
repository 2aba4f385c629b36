/* test-session.c — the session and the autosave slots, without GTK
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "convolve-autosave-private.h"
#include "convolve-session.h"
#include "test-tmpdir.h"

#define SIDE 128

static CnnNet *
new_net (const char *spec,
         guint64     seed)
{
  g_autoptr (GError) error = NULL;
  CnnNet *net = cnn_net_new (spec, &error);
  CnnRng rng;

  g_assert_no_error (error);
  cnn_rng_init (&rng, seed);
  cnn_net_init_weights (net, &rng);
  return net;
}

/* A bar of ink, x0..x1 × y0..y1 in the 128-pixel bitmap */
static guint8 *
bar (int x0,
     int x1,
     int y0,
     int y1)
{
  guint8 *ink = g_malloc0 (SIDE * SIDE);

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      ink[y * SIDE + x] = 1;
  return ink;
}

typedef struct
{
  guint changed;
  guint weights_changed;
  guint notify_dirty;
  guint notify_top;
} Counts;

static void
count_changed (ConvolveSession *session, Counts *c)
{
  c->changed++;
}

static void
count_weights (ConvolveSession *session, Counts *c)
{
  c->weights_changed++;
}

static void
count_dirty (ConvolveSession *session, GParamSpec *pspec, Counts *c)
{
  c->notify_dirty++;
}

static void
count_top (ConvolveSession *session, GParamSpec *pspec, Counts *c)
{
  c->notify_top++;
}

static void
connect_counts (ConvolveSession *s, Counts *c)
{
  g_signal_connect (s, "changed", G_CALLBACK (count_changed), c);
  g_signal_connect (s, "weights-changed", G_CALLBACK (count_weights), c);
  g_signal_connect (s, "notify::dirty", G_CALLBACK (count_dirty), c);
  g_signal_connect (s, "notify::top-class", G_CALLBACK (count_top), c);
}

/* One forward pass per change, its results the engine's own, and an
 * empty drawing answers nothing */
static void
test_session_pass (void)
{
  g_autoptr (ConvolveSession) s = convolve_session_new ();
  g_autoptr (CnnNet) net = new_net (CNN_SPEC_DIGITS, 3);
  g_autoptr (CnnWorkspace) ws = cnn_workspace_new (net);
  g_autofree guint8 *empty = g_malloc0 (SIDE * SIDE);
  g_autofree guint8 *ink = bar (60, 70, 10, 110);
  float expect_input[CNN_INPUT_SIZE];
  const float *probs;
  CnnActivations acts;
  Counts c = { 0 };

  connect_counts (s, &c);
  g_assert_null (convolve_session_get_net (s));
  convolve_session_set_net (s, net, NULL);
  g_assert_true (convolve_session_get_net (s) == net);
  g_assert_cmpuint (c.changed, ==, 1);
  g_assert_true (convolve_session_get_empty (s));
  g_assert_cmpint (convolve_session_get_top_class (s), ==, -1);

  convolve_session_set_drawing (s, empty, SIDE);
  g_assert_cmpuint (c.changed, ==, 2);
  g_assert_cmpint (convolve_session_get_top_class (s), ==, -1);

  convolve_session_set_drawing (s, ink, SIDE);
  g_assert_cmpuint (c.changed, ==, 3);
  g_assert_false (convolve_session_get_empty (s));
  /* normalised: the thin bar fills the frame's height */
  cnn_ink_normalize (ink, SIDE, expect_input);
  g_assert_cmpmem (convolve_session_get_input (s), sizeof expect_input,
                   expect_input, sizeof expect_input);
  probs = cnn_net_forward (net, ws, expect_input);
  g_assert_cmpmem (convolve_session_get_probabilities (s), sizeof (float) * 10,
                   probs, sizeof (float) * 10);
  g_assert_cmpint (convolve_session_get_top_class (s), ==, cnn_argmax (probs, 10));
  g_assert_cmpuint (c.notify_top, >=, 1);

  convolve_session_get_activations (s, &acts);
  g_assert_cmpint (acts.n_slots, ==, net->n_layers + 1);
  g_assert_null (acts.grads);
  g_assert_cmpmem (cnn_activations_values (&acts, -1), sizeof expect_input,
                   expect_input, sizeof expect_input);
  g_assert_cmpmem (cnn_activations_values (&acts, 0), sizeof (float) * 8 * 8 * 8,
                   cnn_workspace_output (ws, 0), sizeof (float) * 8 * 8 * 8);

  /* raw: the bar where it was drawn */
  convolve_session_set_normalize (s, FALSE);
  g_assert_cmpuint (c.changed, ==, 4);
  cnn_ink_count (ink, SIDE, expect_input);
  g_assert_cmpmem (convolve_session_get_input (s), sizeof expect_input,
                   expect_input, sizeof expect_input);
  g_assert_cmpfloat (expect_input[4 * 8 + 0], ==, 0.0f);
  g_assert_cmpfloat (expect_input[4 * 8 + 3], >, 0.0f);
  /* no change, no pass */
  convolve_session_set_normalize (s, FALSE);
  g_assert_cmpuint (c.changed, ==, 4);
}

/* The saliency is the top class score's input gradient, peak ±1 */
static void
test_session_saliency (void)
{
  g_autoptr (ConvolveSession) s = convolve_session_new ();
  g_autoptr (CnnNet) net = new_net (CNN_SPEC_DIGITS, 4);
  g_autoptr (CnnNet) copy = cnn_net_copy (net);
  g_autoptr (CnnWorkspace) ws = cnn_workspace_new (copy);
  g_autofree guint8 *ink = bar (20, 100, 50, 64);
  float onehot[10] = { 0 };
  const float *map, *grad;
  float peak = 0.0f;
  int top;

  convolve_session_set_net (s, net, NULL);
  convolve_session_set_drawing (s, ink, SIDE);
  g_assert_null (convolve_session_get_saliency_map (s));
  convolve_session_set_saliency (s, TRUE);
  map = convolve_session_get_saliency_map (s);
  g_assert_nonnull (map);

  top = cnn_argmax (cnn_net_forward (copy, ws, convolve_session_get_input (s)), 10);
  g_assert_cmpint (top, ==, convolve_session_get_top_class (s));
  onehot[top] = 1.0f;
  cnn_net_backward_from_logits (copy, ws, onehot, NULL, TRUE);
  grad = cnn_workspace_input_grad (ws);
  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    peak = MAX (peak, fabsf (grad[i]));
  g_assert_cmpfloat (peak, >, 0.0f);
  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    g_assert_cmpfloat_with_epsilon (map[i], grad[i] / peak, 1e-6);

  /* the probabilities are still the forward pass's */
  g_assert_cmpfloat_with_epsilon (convolve_session_get_probabilities (s)[top],
                                  cnn_net_forward (copy, ws, convolve_session_get_input (s))[top],
                                  1e-7);
}

/* Dirty means "differs from what was opened or saved", no more; the same
 * weights handed over again are no change */
static void
test_session_weights (void)
{
  g_autoptr (ConvolveSession) s = convolve_session_new ();
  g_autoptr (CnnNet) net = new_net (CNN_SPEC_DIGITS, 5);
  g_autoptr (CnnNet) other = new_net (CNN_SPEC_DIGITS, 6);
  g_autoptr (CnnNet) small = new_net (CNN_SPEC_ZERO_OR_ONE, 6);
  g_autofree float *orig = g_memdup2 (net->params, sizeof (float) * net->n_params);
  g_autoptr (GFile) file = g_file_new_for_path ("/nowhere/model.cnvm");
  Counts c = { 0 };

  connect_counts (s, &c);
  convolve_session_set_net (s, net, NULL);
  g_assert_false (convolve_session_get_dirty (s));
  g_assert_cmpstr (convolve_session_get_slot (s), ==, "digits");

  /* the same numbers: nothing happens */
  g_assert_true (convolve_session_set_weights (s, orig, net->n_params, 1.0f, NULL));
  g_assert_cmpuint (c.weights_changed, ==, 0);
  g_assert_cmpuint (c.changed, ==, 1);
  g_assert_false (convolve_session_get_dirty (s));

  /* another shape: refused, nothing changes */
  g_assert_false (convolve_session_set_weights (s, small->params, small->n_params, 1.0f, NULL));
  g_assert_cmpuint (c.weights_changed, ==, 0);

  /* new numbers are written into the net shown, in place */
  g_assert_true (convolve_session_set_weights (s, other->params, other->n_params, 1.0f, NULL));
  g_assert_cmpuint (c.weights_changed, ==, 1);
  g_assert_cmpuint (c.changed, ==, 2);
  g_assert_true (convolve_session_get_net (s) == net);
  g_assert_cmpmem (net->params, sizeof (float) * net->n_params,
                   other->params, sizeof (float) * net->n_params);
  g_assert_true (convolve_session_get_dirty (s));
  g_assert_true (convolve_session_weights_equal (s, other));
  g_assert_cmpuint (c.notify_dirty, ==, 1);

  /* back to what it was: not dirty any more */
  g_assert_true (convolve_session_set_weights (s, orig, net->n_params, 1.0f, NULL));
  g_assert_false (convolve_session_get_dirty (s));
  g_assert_cmpuint (c.notify_dirty, ==, 2);

  /* a new temperature alone (the fit at a run's end) is a change too */
  g_assert_true (convolve_session_set_weights (s, orig, net->n_params, 1.5f, NULL));
  g_assert_cmpuint (c.weights_changed, ==, 3);
  g_assert_cmpfloat (net->temperature, ==, 1.5f);
  g_assert_true (convolve_session_get_dirty (s));
  g_assert_true (convolve_session_set_weights (s, orig, net->n_params, 1.0f, NULL));
  g_assert_false (convolve_session_get_dirty (s));

  /* saved: a file of its own, the baseline moves */
  g_assert_true (convolve_session_set_weights (s, other->params, other->n_params, 1.0f, NULL));
  g_assert_true (convolve_session_get_dirty (s));
  convolve_session_mark_saved (s, file);
  g_assert_false (convolve_session_get_dirty (s));
  g_assert_true (convolve_session_get_file (s) == file);
  g_assert_cmpstr (convolve_session_get_slot (s), ==, "file:file:///nowhere/model.cnvm");
  g_assert_cmpstr (convolve_session_get_title (s), ==, "model.cnvm");
  g_assert_true (convolve_session_set_weights (s, orig, net->n_params, 1.0f, NULL));
  g_assert_true (convolve_session_get_dirty (s));
}

/* Which network it is: a preset by its spec, another spec by itself */
static void
test_session_slots (void)
{
  g_autoptr (ConvolveSession) s = convolve_session_new ();
  g_autoptr (CnnNet) zero = new_net ("conv3x3x4-valid relu pool2 flatten dense2", 1);
  g_autoptr (CnnNet) custom = new_net ("conv3x3x6 relu pool2 dense10", 1);

  convolve_session_set_net (s, zero, NULL);
  g_assert_cmpstr (convolve_session_get_slot (s), ==, "zero-or-one");
  g_assert_cmpstr (convolve_session_get_title (s), ==, "Zero or One");
  convolve_session_set_net (s, custom, NULL);
  g_assert_cmpstr (convolve_session_get_slot (s), ==,
                   "spec:conv3x3x6 relu pool2 dense10 softmax");
  g_assert_cmpstr (convolve_session_get_title (s), ==, "Custom network");
}

/* Shift+arrows with normalisation on: the normalised input moves, the
 * ink does not; off, the session leaves it to the caller */
static void
test_session_nudge (void)
{
  g_autoptr (ConvolveSession) s = convolve_session_new ();
  g_autoptr (CnnNet) net = new_net (CNN_SPEC_DIGITS, 3);
  g_autofree guint8 *empty = g_malloc0 (SIDE * SIDE);
  g_autofree guint8 *ink = bar (60, 70, 10, 110);
  float centred[CNN_INPUT_SIZE], expect[CNN_INPUT_SIZE];
  int dx, dy;

  convolve_session_set_net (s, net, NULL);
  convolve_session_set_drawing (s, ink, SIDE);
  cnn_ink_normalize (ink, SIDE, centred);

  g_assert_true (convolve_session_nudge (s, 1, 0));
  g_assert_true (convolve_session_nudge (s, 1, -1));
  convolve_session_get_offset (s, &dx, &dy);
  g_assert_cmpint (dx, ==, 2);
  g_assert_cmpint (dy, ==, -1);
  cnn_shift_image (centred, expect, 2, -1);
  g_assert_cmpmem (convolve_session_get_input (s), sizeof expect, expect, sizeof expect);
  /* a new stroke keeps the offset */
  convolve_session_set_drawing (s, ink, SIDE);
  g_assert_cmpmem (convolve_session_get_input (s), sizeof expect, expect, sizeof expect);

  /* never further than MAX_OFFSET */
  for (int i = 0; i < 10; i++)
    convolve_session_nudge (s, -1, 0);
  convolve_session_get_offset (s, &dx, NULL);
  g_assert_cmpint (dx, ==, -CONVOLVE_SESSION_MAX_OFFSET);

  /* cleared: centred again */
  convolve_session_set_drawing (s, empty, SIDE);
  convolve_session_get_offset (s, &dx, &dy);
  g_assert_cmpint (dx, ==, 0);
  g_assert_cmpint (dy, ==, 0);

  /* without normalising, the ink moves (the caller's job) */
  convolve_session_set_drawing (s, ink, SIDE);
  convolve_session_nudge (s, 1, 1);
  convolve_session_set_normalize (s, FALSE);
  convolve_session_get_offset (s, &dx, &dy);
  g_assert_cmpint (dx, ==, 0);
  g_assert_cmpint (dy, ==, 0);
  g_assert_false (convolve_session_nudge (s, 1, 0));
  cnn_ink_count (ink, SIDE, expect);
  g_assert_cmpmem (convolve_session_get_input (s), sizeof expect, expect, sizeof expect);
}

/* ---- autosave ---- */

static void
test_autosave_round_trip (void)
{
  g_autofree char *dir = test_tmpdir_new ("convolve-autosave-XXXXXX");
  g_autofree char *sub = g_build_filename (dir, "networks", NULL);
  g_autoptr (ConvolveAutosave) store = convolve_autosave_new (sub);
  g_autoptr (CnnNet) a = new_net (CNN_SPEC_DIGITS, 1);
  g_autoptr (CnnNet) b = new_net (CNN_SPEC_ZERO_OR_ONE, 2);
  g_autoptr (CnnNet) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path_a = convolve_autosave_path (store, "digits");
  g_autofree char *path_s = convolve_autosave_path (store, "spec:conv3x3x8-same relu dense10 softmax");
  g_autofree char *path_f = convolve_autosave_path (store, "file:file:///home/x/My%20model.cnvm");
  GStatBuf st;

  /* names a file system takes, one per slot */
  g_assert_true (g_str_has_suffix (path_a, "/networks/digits.cnvm"));
  g_assert_true (g_str_has_prefix (strrchr (path_s, '/'), "/spec-"));
  g_assert_true (g_str_has_prefix (strrchr (path_f, '/'), "/file-"));
  g_assert_cmpstr (path_s, !=, path_f);

  /* nothing saved: no network, no error */
  g_assert_null (convolve_autosave_load (store, "digits", &error));
  g_assert_no_error (error);

  g_assert_true (convolve_autosave_save (store, "digits", a, &error));
  g_assert_no_error (error);
  g_assert_true (convolve_autosave_save (store, "zero-or-one", b, &error));
  back = convolve_autosave_load (store, "digits", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->spec, ==, a->spec);
  g_assert_cmpmem (back->params, sizeof (float) * a->n_params, a->params,
                   sizeof (float) * a->n_params);

  /* the same weights are not written again (the file keeps its mtime
   * marker: we replace its contents by hand and see them survive) */
  g_assert_true (g_file_set_contents (path_a, "marker", -1, NULL));
  g_assert_true (convolve_autosave_save (store, "digits", a, &error));
  {
    g_autofree char *text = NULL;

    g_assert_true (g_file_get_contents (path_a, &text, NULL, NULL));
    g_assert_cmpstr (text, ==, "marker");
  }
  /* a real change is */
  a->params[0] += 1.0f;
  g_assert_true (convolve_autosave_save (store, "digits", a, &error));
  g_assert_cmpint (g_stat (path_a, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 100);

  test_tmpdir_remove (dir);
}

/* An unreadable autosave is moved aside, never overwritten */
static void
test_autosave_broken (void)
{
  g_autofree char *dir = test_tmpdir_new ("convolve-autosave-XXXXXX");
  g_autoptr (ConvolveAutosave) store = convolve_autosave_new (dir);
  g_autoptr (CnnNet) a = new_net (CNN_SPEC_DIGITS, 1);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = convolve_autosave_path (store, "digits");
  g_autoptr (GDir) listing = NULL;
  const char *name;
  int n_broken = 0;

  g_assert_true (g_file_set_contents (path, "CNVLVMDL but not a model", -1, NULL));
  g_assert_null (convolve_autosave_load (store, "digits", &error));
  g_assert_error (error, CONVOLVE_AUTOSAVE_ERROR, CONVOLVE_AUTOSAVE_ERROR_BROKEN);
  g_assert_nonnull (strstr (error->message, "digits.cnvm.broken-"));
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "digits.cnvm.broken-"))
      {
        g_autofree char *kept = g_build_filename (dir, name, NULL);
        g_autofree char *text = NULL;

        g_assert_true (g_file_get_contents (kept, &text, NULL, NULL));
        g_assert_cmpstr (text, ==, "CNVLVMDL but not a model");
        n_broken++;
      }
  g_assert_cmpint (n_broken, ==, 1);

  /* the slot is free again */
  g_assert_true (convolve_autosave_save (store, "digits", a, &error));
  g_assert_no_error (error);
  test_tmpdir_remove (dir);
}

/* A folder that cannot be written: the save fails with the reason */
static void
test_autosave_read_only (void)
{
  g_autofree char *dir = test_tmpdir_new ("convolve-autosave-XXXXXX");
  g_autoptr (ConvolveAutosave) store = convolve_autosave_new (dir);
  g_autoptr (CnnNet) a = new_net (CNN_SPEC_DIGITS, 1);
  g_autoptr (GError) error = NULL;

  if (geteuid () == 0)
    {
      /* root writes anywhere: a folder that is a file fails for everyone */
      g_autofree char *file = g_build_filename (dir, "plain-file", NULL);
      g_autoptr (ConvolveAutosave) blocked = NULL;

      g_assert_true (g_file_set_contents (file, "x", -1, NULL));
      blocked = convolve_autosave_new (file);
      g_assert_false (convolve_autosave_save (blocked, "digits", a, &error));
      g_assert_nonnull (error);
      test_tmpdir_remove (dir);
      return;
    }
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
  g_assert_false (convolve_autosave_save (store, "digits", a, &error));
  g_assert_nonnull (error);
  g_chmod (dir, 0700);
  test_tmpdir_remove (dir);
}

typedef struct
{
  gboolean done;
  gboolean ok;
  GError  *error;
} AsyncResult;

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  AsyncResult *r = user_data;

  r->ok = convolve_autosave_save_finish (CONVOLVE_AUTOSAVE (source), result, &r->error);
  r->done = TRUE;
}

/* a bounded wait for the write's callback: only reached when it never comes */
static void
wait_saved (AsyncResult *r)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!r->done)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
}

static CnnNet *
load_path (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  CnnNet *net = cnn_model_load (file, NULL, &error);

  g_assert_no_error (error);
  return net;
}

/* Written in a thread: the weights as they were when asked, in the order
 * asked, a save() never overwritten by an older save_async(), and a
 * failure reported and retried */
static void
test_autosave_async (void)
{
  g_autofree char *dir = test_tmpdir_new ("convolve-autosave-XXXXXX");
  g_autoptr (ConvolveAutosave) store = convolve_autosave_new (dir);
  g_autoptr (CnnNet) a = new_net (CNN_SPEC_DIGITS, 1);
  g_autofree float *first = g_memdup2 (a->params, sizeof (float) * a->n_params);
  g_autofree char *path = convolve_autosave_path (store, "digits");
  g_autoptr (GError) error = NULL;
  AsyncResult r1 = { 0 }, r2 = { 0 }, r3 = { 0 };

  /* copied when asked: a change right after is not what is written */
  convolve_autosave_save_async (store, "digits", a, on_saved, &r1);
  a->params[0] += 1.0f;
  wait_saved (&r1);
  g_assert_no_error (r1.error);
  g_assert_true (r1.ok);
  {
    g_autoptr (CnnNet) back = load_path (path);

    g_assert_cmpmem (back->params, sizeof (float) * a->n_params, first, sizeof (float) * a->n_params);
  }

  /* an async write, overtaken by a save() of newer weights before it
   * starts: the newer stay */
  convolve_autosave_pause_background (store, TRUE);
  convolve_autosave_save_async (store, "digits", a, on_saved, &r2);
  a->params[1] += 1.0f;
  g_assert_true (convolve_autosave_save (store, "digits", a, &error));
  g_assert_no_error (error);
  convolve_autosave_pause_background (store, FALSE);
  wait_saved (&r2);
  g_assert_true (r2.ok);
  {
    g_autoptr (CnnNet) back = load_path (path);

    g_assert_cmpmem (back->params, sizeof (float) * a->n_params, a->params, sizeof (float) * a->n_params);
  }

  /* save() of the weights an unfinished async write holds is on disk when
   * it returns (the way out of the app must not depend on the thread) */
  a->params[2] += 1.0f;
  g_assert_true (g_file_set_contents (path, "marker", -1, NULL));
  convolve_autosave_save_async (store, "digits", a, on_saved, &r3);
  g_assert_true (convolve_autosave_save (store, "digits", a, &error));
  {
    g_autoptr (CnnNet) back = load_path (path);

    g_assert_cmpmem (back->params, sizeof (float) * a->n_params, a->params, sizeof (float) * a->n_params);
  }
  wait_saved (&r3);
  g_assert_true (r3.ok);
  test_tmpdir_remove (dir);

  /* a folder that cannot be made: the error comes back, and the same
   * weights are tried again next time */
  {
    g_autofree char *parent = test_tmpdir_new ("convolve-autosave-XXXXXX");
    g_autofree char *file = g_build_filename (parent, "plain-file", NULL);
    g_autoptr (ConvolveAutosave) blocked = NULL;
    AsyncResult r4 = { 0 };

    g_assert_true (g_file_set_contents (file, "x", -1, NULL));
    blocked = convolve_autosave_new (file);
    convolve_autosave_save_async (blocked, "digits", a, on_saved, &r4);
    wait_saved (&r4);
    g_assert_false (r4.ok);
    g_assert_nonnull (r4.error);
    g_clear_error (&r4.error);
    g_assert_false (convolve_autosave_save (blocked, "digits", a, &error));
    g_assert_nonnull (error);
    test_tmpdir_remove (parent);
  }
}

static void
count_start (ConvolveSession *session, guint *n)
{
  (*n)++;
}

/* The weights a run started from: a new network's own, kept while
 * training changes the weights, replaced by set_start() (a reset) */
static void
test_session_start (void)
{
  g_autoptr (ConvolveSession) s = convolve_session_new ();
  g_autoptr (CnnNet) net = new_net (CNN_SPEC_DIGITS, 5);
  g_autoptr (CnnNet) other = new_net (CNN_SPEC_DIGITS, 6);
  g_autoptr (CnnNet) third = new_net (CNN_SPEC_DIGITS, 7);
  g_autoptr (CnnNet) small = new_net (CNN_SPEC_ZERO_OR_ONE, 6);
  g_autofree float *orig = g_memdup2 (net->params, sizeof (float) * net->n_params);
  gsize n = net->n_params * sizeof (float);
  guint changes = 0;

  g_assert_null (convolve_session_get_start (s));
  g_signal_connect (s, "start-changed", G_CALLBACK (count_start), &changes);
  convolve_session_set_net (s, net, NULL);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpmem (convolve_session_get_start (s), n, orig, n);

  /* training: the weights move, the start stays */
  g_assert_true (convolve_session_set_weights (s, other->params, other->n_params, 1.0f, NULL));
  g_assert_cmpmem (convolve_session_get_start (s), n, orig, n);
  g_assert_cmpuint (changes, ==, 1);

  /* a reset: the weights the next run starts from */
  convolve_session_set_start (s, third->params, third->n_params);
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpmem (convolve_session_get_start (s), n, third->params, n);
  g_assert_cmpmem (net->params, n, other->params, n);

  /* a new network: its own weights */
  convolve_session_set_net (s, small, NULL);
  g_assert_cmpuint (changes, ==, 3);
  g_assert_cmpmem (convolve_session_get_start (s), small->n_params * sizeof (float),
                   small->params, small->n_params * sizeof (float));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/pass", test_session_pass);
  g_test_add_func ("/session/saliency", test_session_saliency);
  g_test_add_func ("/session/weights", test_session_weights);
  g_test_add_func ("/session/start", test_session_start);
  g_test_add_func ("/session/slots", test_session_slots);
  g_test_add_func ("/session/nudge", test_session_nudge);
  g_test_add_func ("/autosave/round-trip", test_autosave_round_trip);
  g_test_add_func ("/autosave/broken", test_autosave_broken);
  g_test_add_func ("/autosave/read-only", test_autosave_read_only);
  g_test_add_func ("/autosave/async", test_autosave_async);

  return g_test_run ();
}
