/* test-samples.c — the user's samples: the list is what the file holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Add, relabel, remove and undo, each seen by a new store reading the
 * file; import a good CSV and refuse a bad one without a change; export;
 * an unreadable file moved aside and never overwritten; a change that
 * cannot be written not made; and a writer killed at random moments
 * leaving the old file or the new one, never anything else. No display.
 */
#include "config.h"

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "convolve-samples.h"
#include "test-tmpdir.h"

static char *tmpdir;
static char *self_exe;

/* A row of counts: i-th value (i + seed) % 17 */
static void
counts_for (int     seed,
            guint8 *counts)
{
  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    counts[i] = (guint8) ((i + seed) % 17);
}

static char *
new_path (const char *name)
{
  return g_build_filename (tmpdir, name, "samples.csv", NULL);
}

static char *
contents_of (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* The CSV line the shipped format holds for counts_for (seed) and label */
static char *
line_for (int seed,
          int label)
{
  GString *s = g_string_new (NULL);
  guint8 counts[CNN_INPUT_SIZE];

  counts_for (seed, counts);
  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    g_string_append_printf (s, "%u,", counts[i]);
  g_string_append_printf (s, "%d\n", label);
  return g_string_free (s, FALSE);
}

static ConvolveSamples *
open_store (const char *path)
{
  g_autoptr (GError) error = NULL;
  ConvolveSamples *store = convolve_samples_new (path);

  g_assert_true (convolve_samples_load (store, &error));
  g_assert_no_error (error);
  return store;
}

static void
assert_sample (ConvolveSamples *store,
               guint            position,
               int              seed,
               int              label)
{
  g_autoptr (ConvolveSample) sample = g_list_model_get_item (G_LIST_MODEL (store), position);
  guint8 counts[CNN_INPUT_SIZE];

  g_assert_nonnull (sample);
  counts_for (seed, counts);
  g_assert_cmpmem (convolve_sample_get_counts (sample), CNN_INPUT_SIZE, counts, CNN_INPUT_SIZE);
  g_assert_cmpint (convolve_sample_get_label (sample), ==, label);
}

typedef struct {
  guint calls;
  guint position, removed, added;
} Changes;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *c)
{
  c->calls++;
  c->position = position;
  c->removed = removed;
  c->added = added;
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           int        *count)
{
  (*count)++;
}

static void
assert_changed (Changes *c,
                guint    calls,
                guint    position,
                guint    removed,
                guint    added)
{
  g_assert_cmpuint (c->calls, ==, calls);
  g_assert_cmpuint (c->position, ==, position);
  g_assert_cmpuint (c->removed, ==, removed);
  g_assert_cmpuint (c->added, ==, added);
}

/* ---- changes, each on disk ---------------------------------------------------- */

static void
test_add_relabel_remove_undo (void)
{
  g_autofree char *path = new_path ("edit");
  g_autoptr (ConvolveSamples) store = open_store (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (ConvolveSample) removed = NULL;
  Changes changes = { 0 };
  guint8 counts[CNN_INPUT_SIZE];
  int label_notes = 0;

  g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed), &changes);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (store)) == CONVOLVE_TYPE_SAMPLE);
  /* nothing written before the first change */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  for (int i = 0; i < 3; i++)
    {
      counts_for (i, counts);
      g_assert_true (convolve_samples_add (store, counts, i + 4, &error));
      g_assert_no_error (error);
      assert_changed (&changes, i + 1, i, 0, 1);
    }

  /* the file is the shipped CSV format, line for line */
  {
    g_autofree char *text = contents_of (path);
    g_autofree char *a = line_for (0, 4);
    g_autofree char *b = line_for (1, 5);
    g_autofree char *c = line_for (2, 6);
    g_autofree char *want = g_strconcat (a, b, c, NULL);

    g_assert_cmpstr (text, ==, want);
  }

  /* relabel: the sample itself is told, the list too */
  {
    g_autoptr (ConvolveSample) second = g_list_model_get_item (G_LIST_MODEL (store), 1);

    g_signal_connect (second, "notify::label", G_CALLBACK (on_notify), &label_notes);
    g_assert_true (convolve_samples_relabel (store, 1, 9, &error));
    g_assert_no_error (error);
    g_assert_cmpint (label_notes, ==, 1);
    g_assert_cmpint (convolve_sample_get_label (second), ==, 9);
    assert_changed (&changes, 4, 1, 1, 1);
  }

  /* remove the middle one, then undo: back in its place */
  g_assert_true (convolve_samples_remove (store, 1, &removed, &error));
  g_assert_no_error (error);
  assert_changed (&changes, 5, 1, 1, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  {
    g_autoptr (ConvolveSamples) reread = open_store (path);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reread)), ==, 2);
    assert_sample (reread, 0, 0, 4);
    assert_sample (reread, 1, 2, 6);
  }
  g_assert_true (convolve_samples_insert (store, 1, removed, &error));
  g_assert_no_error (error);
  assert_changed (&changes, 6, 1, 0, 1);

  /* a new store (a restart) reads it all back */
  {
    g_autoptr (ConvolveSamples) reread = open_store (path);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reread)), ==, 3);
    assert_sample (reread, 0, 0, 4);
    assert_sample (reread, 1, 1, 9);
    assert_sample (reread, 2, 2, 6);
  }

  /* every sample removed: an empty file, read back as no samples */
  for (int i = 0; i < 3; i++)
    g_assert_true (convolve_samples_remove (store, 0, NULL, &error));
  {
    g_autofree char *text = contents_of (path);
    g_autoptr (ConvolveSamples) reread = open_store (path);

    g_assert_cmpstr (text, ==, "");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reread)), ==, 0);
  }
}

/* What the grid gives (0..1) is stored as the nearest count */
static void
test_add_input (void)
{
  g_autofree char *path = new_path ("input");
  g_autoptr (ConvolveSamples) store = open_store (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (ConvolveSample) sample = NULL;
  g_autoptr (CnnDataset) ds = NULL;
  float input[CNN_INPUT_SIZE] = { 0 };

  input[0] = 0.49f / 16;   /* 0 */
  input[1] = 0.51f / 16;   /* 1 */
  input[2] = 7.5f / 16;    /* 8: halves round up, as the engine writes */
  input[3] = 1.0f;         /* 16 */
  input[4] = 1.7f;         /* 16 */
  input[5] = -0.3f;        /* 0 */
  input[6] = 37.0f / 256;  /* the grid's k/256: 2.3125 → 2 */
  g_assert_true (convolve_samples_add_input (store, input, 7, &error));
  g_assert_no_error (error);

  sample = g_list_model_get_item (G_LIST_MODEL (store), 0);
  g_assert_cmpmem (convolve_sample_get_counts (sample), 7, "\0\1\x08\x10\x10\0\2", 7);

  /* for training: value / 16, and only the labels that fit */
  ds = convolve_samples_to_dataset (store, 10);
  g_assert_cmpuint (ds->n, ==, 1);
  g_assert_cmpint (ds->y[0], ==, 7);
  g_assert_cmpfloat (ds->x[2], ==, 0.5f);
  g_assert_cmpfloat (ds->x[3], ==, 1.0f);
  g_clear_pointer (&ds, cnn_dataset_free);
  ds = convolve_samples_to_dataset (store, 2);
  g_assert_cmpuint (ds->n, ==, 0);
  g_assert_cmpint (ds->n_classes, ==, 2);
}

/* ---- import and export --------------------------------------------------------- */

static char *
write_text (const char *name,
            const char *text)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (tmpdir, name, NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_import_export (void)
{
  g_autofree char *path = new_path ("import");
  g_autoptr (ConvolveSamples) store = open_store (path);
  g_autoptr (GError) error = NULL;
  g_autofree char *l0 = line_for (10, 1);
  g_autofree char *l1 = line_for (11, 2);
  g_autofree char *l2 = line_for (12, 3);
  g_autofree char *good_text = g_strconcat (l0, l1, NULL);
  g_autofree char *good = write_text ("good.csv", good_text);
  g_autoptr (GFile) good_file = g_file_new_for_path (good);
  g_autofree char *bad_text = NULL;
  g_autofree char *bad = NULL;
  g_autoptr (GFile) bad_file = NULL;
  g_autofree char *before = NULL;
  g_autofree char *out = g_build_filename (tmpdir, "exported.csv", NULL);
  g_autoptr (GFile) out_file = g_file_new_for_path (out);
  Changes changes = { 0 };
  guint8 counts[CNN_INPUT_SIZE];
  guint n = 99;

  counts_for (0, counts);
  g_assert_true (convolve_samples_add (store, counts, 0, &error));
  g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed), &changes);

  g_assert_true (convolve_samples_import (store, good_file, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  assert_changed (&changes, 1, 1, 0, 2);
  assert_sample (store, 1, 10, 1);
  assert_sample (store, 2, 11, 2);

  /* line 2, column 4 holds a 17: refused whole, nothing changes */
  {
    g_auto (GStrv) fields = g_strsplit (l2, ",", -1);
    g_autofree char *joined = NULL;

    g_free (fields[3]);
    fields[3] = g_strdup ("17");
    joined = g_strjoinv (",", fields);
    bad_text = g_strconcat (l2, joined, NULL);
  }
  bad = write_text ("bad.csv", bad_text);
  bad_file = g_file_new_for_path (bad);
  before = contents_of (path);
  n = 99;
  g_assert_false (convolve_samples_import (store, bad_file, NULL, &n, &error));
  g_assert_error (error, CNN_ERROR, CNN_ERROR_CSV);
  g_assert_nonnull (strstr (error->message, "line 2, column 4"));
  g_clear_error (&error);
  g_assert_cmpuint (n, ==, 0);
  assert_changed (&changes, 1, 1, 0, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);
  {
    g_autofree char *after = contents_of (path);

    g_assert_cmpstr (after, ==, before);
  }

  /* a missing file: GIO's error, nothing changes */
  {
    g_autofree char *missing = g_build_filename (tmpdir, "missing.csv", NULL);
    g_autoptr (GFile) none = g_file_new_for_path (missing);

    g_assert_false (convolve_samples_import (store, none, NULL, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* export: the same file as the store's own */
  g_assert_true (convolve_samples_export (store, out_file, &error));
  g_assert_no_error (error);
  {
    g_autofree char *exported = contents_of (out);
    g_autofree char *kept = contents_of (path);

    g_assert_cmpstr (exported, ==, kept);
  }

  /* nothing to export */
  {
    g_autofree char *empty_path = new_path ("import-empty");
    g_autoptr (ConvolveSamples) empty = open_store (empty_path);

    g_assert_false (convolve_samples_export (empty, out_file, &error));
    g_assert_error (error, CONVOLVE_SAMPLES_ERROR, CONVOLVE_SAMPLES_ERROR_EMPTY);
    g_clear_error (&error);
  }
}

/* No more samples than the loader reads back: an import past
 * CNN_LIMIT_CSV_ROWS is refused and changes nothing */
static void
test_limit (void)
{
  g_autofree char *path = new_path ("limit");
  g_autoptr (ConvolveSamples) store = open_store (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) csv = g_string_new (NULL);
  g_autofree char *line = line_for (5, 5);
  g_autofree char *big = g_build_filename (tmpdir, "limit.csv", NULL);
  g_autoptr (GFile) big_file = g_file_new_for_path (big);
  g_autofree char *before = NULL;
  guint8 counts[CNN_INPUT_SIZE];

  counts_for (1, counts);
  g_assert_true (convolve_samples_add (store, counts, 1, &error));
  before = contents_of (path);
  for (int i = 0; i < CNN_LIMIT_CSV_ROWS; i++)
    g_string_append (csv, line);
  g_file_set_contents (big, csv->str, (gssize) csv->len, &error);
  g_assert_no_error (error);

  g_assert_false (convolve_samples_import (store, big_file, NULL, NULL, &error));
  g_assert_error (error, CNN_ERROR, CNN_ERROR_LIMIT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  {
    g_autofree char *after = contents_of (path);

    g_assert_cmpstr (after, ==, before);
  }
}

/* ---- files that cannot be read or written ---------------------------------------- */

static char *
find_aside (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "samples.csv.broken-"))
      return g_build_filename (dir, name, NULL);
  return NULL;
}

static void
test_broken_file_kept (void)
{
  g_autofree char *path = new_path ("broken");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr (ConvolveSamples) store = convolve_samples_new (path);
  g_autoptr (GError) error = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *kept = NULL;
  static const char garbage[] = "these are not samples\n1,2,3\n";
  guint8 counts[CNN_INPUT_SIZE];

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, garbage, -1, &error);
  g_assert_no_error (error);

  g_assert_false (convolve_samples_load (store, &error));
  g_assert_error (error, CONVOLVE_SAMPLES_ERROR, CONVOLVE_SAMPLES_ERROR_BROKEN);
  g_assert_nonnull (strstr (error->message, "samples.csv.broken-"));
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

  /* moved aside, every byte kept */
  aside = find_aside (dir);
  g_assert_nonnull (aside);
  kept = contents_of (aside);
  g_assert_cmpstr (kept, ==, garbage);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* the store carries on with a new file; the old one is left alone */
  counts_for (3, counts);
  g_assert_true (convolve_samples_add (store, counts, 3, &error));
  g_assert_no_error (error);
  {
    g_autofree char *still = contents_of (aside);

    g_assert_cmpstr (still, ==, garbage);
  }
  {
    g_autoptr (ConvolveSamples) reread = open_store (path);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reread)), ==, 1);
  }
}

/* A file that can be neither read nor moved (its "folder" is a file):
 * every change is refused, and nothing changes */
static void
test_blocked (void)
{
  g_autofree char *not_a_dir = write_text ("plain-file", "x");
  g_autofree char *path = g_build_filename (not_a_dir, "samples.csv", NULL);
  g_autoptr (ConvolveSamples) store = convolve_samples_new (path);
  g_autoptr (GError) error = NULL;
  guint8 counts[CNN_INPUT_SIZE];

  g_assert_false (convolve_samples_load (store, &error));
  g_assert_error (error, CONVOLVE_SAMPLES_ERROR, CONVOLVE_SAMPLES_ERROR_BLOCKED);
  g_clear_error (&error);

  counts_for (1, counts);
  g_assert_false (convolve_samples_add (store, counts, 1, &error));
  g_assert_error (error, CONVOLVE_SAMPLES_ERROR, CONVOLVE_SAMPLES_ERROR_BLOCKED);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
}

/* A change that cannot be written is not made: the list stays as it was,
 * no signal. (The folder is replaced by a file after loading, so no
 * file can be written there, even as root.) */
static void
test_unwritable (void)
{
  g_autofree char *path = new_path ("unwritable");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr (ConvolveSamples) store = open_store (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (ConvolveSample) removed = NULL;
  g_autofree char *l0 = line_for (20, 2);
  g_autofree char *csv = write_text ("unwritable.csv", l0);
  g_autoptr (GFile) csv_file = g_file_new_for_path (csv);
  Changes changes = { 0 };
  guint8 counts[CNN_INPUT_SIZE];
  guint n = 99;

  for (int i = 0; i < 2; i++)
    {
      counts_for (i, counts);
      g_assert_true (convolve_samples_add (store, counts, i, &error));
      g_assert_no_error (error);
    }
  test_tmpdir_remove (dir);
  g_file_set_contents (dir, "not a folder", -1, &error);
  g_assert_no_error (error);
  g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed), &changes);

  counts_for (5, counts);
  g_assert_false (convolve_samples_add (store, counts, 5, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (convolve_samples_relabel (store, 1, 7, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (convolve_samples_remove (store, 0, &removed, &error));
  g_assert_nonnull (error);
  g_assert_null (removed);
  g_clear_error (&error);
  g_assert_false (convolve_samples_import (store, csv_file, NULL, &n, &error));
  g_assert_nonnull (error);
  g_assert_cmpuint (n, ==, 0);
  g_clear_error (&error);

  g_assert_cmpuint (changes.calls, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  assert_sample (store, 0, 0, 0);
  assert_sample (store, 1, 1, 1);
}

/* ---- a kill during a save ----------------------------------------------------- */

#define KILL_SAMPLES 3000
#define KILL_ROUNDS 30

/* The child: rewrites the file for ever (sample 0's label 1, 2, 1, 2…),
 * saying "w" after each write */
static int
run_writer (const char *path)
{
  g_autoptr (ConvolveSamples) store = convolve_samples_new (path);
  g_autoptr (GError) error = NULL;

  if (!convolve_samples_load (store, &error))
    {
      fprintf (stderr, "writer: %s\n", error->message);
      return 1;
    }
  for (int label = 2;; label = 3 - label)
    {
      if (!convolve_samples_relabel (store, 0, label, &error))
        {
          fprintf (stderr, "writer: %s\n", error->message);
          return 1;
        }
      fputs ("w\n", stdout);
      fflush (stdout);
    }
}

static void
test_kill_during_save (void)
{
  g_autofree char *path = new_path ("kill");
  g_autoptr (ConvolveSamples) store = open_store (path);
  g_autoptr (GError) error = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  guint8 counts[CNN_INPUT_SIZE];
  guint n_old = 0, n_new = 0, writes_seen = 0, n_reads = 0;

  /* the old file: sample 0 labelled 1; the new one: labelled 2 */
  {
    g_autoptr (GString) csv = g_string_new (NULL);
    g_autofree char *csv_path = g_build_filename (tmpdir, "kill-seed.csv", NULL);
    g_autoptr (GFile) csv_file = g_file_new_for_path (csv_path);

    for (int i = 0; i < KILL_SAMPLES; i++)
      {
        g_autofree char *line = line_for (i, i == 0 ? 1 : i % 10);

        g_string_append (csv, line);
      }
    g_file_set_contents (csv_path, csv->str, (gssize) csv->len, &error);
    g_assert_no_error (error);
    g_assert_true (convolve_samples_import (store, csv_file, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  old_text = contents_of (path);
  g_assert_true (convolve_samples_relabel (store, 0, 2, &error));
  new_text = contents_of (path);
  g_assert_true (convolve_samples_relabel (store, 0, 1, &error));
  g_assert_cmpstr (old_text, !=, new_text);
  counts_for (0, counts);

  for (int round = 0; round < KILL_ROUNDS; round++)
    {
      const char *argv[] = { self_exe, "--writer", path, NULL };
      g_autofree char *text = NULL;
      GPid pid;
      int out_fd, status;
      guint want = (guint) g_test_rand_int_range (1, 3), seen = 0;
      gboolean child_gone = FALSE;

      g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);

      /* A state, not a time: the file is read over and over while the
       * writer does one or two whole writes (each read, like the file
       * after the kill, must be the old file or the new one: a reader
       * never sees a write half done either); then the writer is killed
       * somewhere in the next 0–3 ms, inside a write or between two. */
      while (seen < want && !child_gone)
        {
          g_autofree char *now = contents_of (path);
          struct pollfd poll_fd = { out_fd, POLLIN, 0 };

          if (!g_str_equal (now, old_text) && !g_str_equal (now, new_text))
            g_error ("round %d: a reader saw neither the old file nor the new one (%zu bytes)",
                     round, strlen (now));
          n_reads++;
          if (poll (&poll_fd, 1, 0) > 0)
            {
              char buf[64];
              gssize n = read (out_fd, buf, sizeof buf);

              child_gone = n <= 0;
              for (gssize i = 0; i < n; i++)
                seen += buf[i] == '\n';
            }
        }
      writes_seen += seen;
      g_usleep (g_test_rand_int_range (0, 3000));
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      close (out_fd);
      g_assert_false (child_gone);
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);

      text = contents_of (path);
      if (g_str_equal (text, old_text))
        n_old++;
      else if (g_str_equal (text, new_text))
        n_new++;
      else
        g_error ("round %d: the file is neither the old one nor the new one (%zu bytes)",
                 round, strlen (text));
    }
  g_test_message ("%d kills: %u left the old file, %u the new one; %u writes, %u reads "
                  "while they ran", KILL_ROUNDS, n_old, n_new, writes_seen, n_reads);

  /* and the survivor reads as a store, no file moved aside */
  {
    g_autoptr (ConvolveSamples) reread = open_store (path);
    g_autofree char *dir = g_path_get_dirname (path);
    g_autofree char *aside = find_aside (dir);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (reread)), ==, KILL_SAMPLES);
    g_assert_null (aside);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (argc == 3 && g_str_equal (argv[1], "--writer"))
    return run_writer (argv[2]);

  g_test_init (&argc, &argv, NULL);
  self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_assert_nonnull (self_exe);
  tmpdir = test_tmpdir_new ("test-samples-XXXXXX");

  g_test_add_func ("/samples/add-relabel-remove-undo", test_add_relabel_remove_undo);
  g_test_add_func ("/samples/add-input", test_add_input);
  g_test_add_func ("/samples/import-export", test_import_export);
  g_test_add_func ("/samples/limit", test_limit);
  g_test_add_func ("/samples/broken-file-kept", test_broken_file_kept);
  g_test_add_func ("/samples/blocked", test_blocked);
  g_test_add_func ("/samples/unwritable", test_unwritable);
  g_test_add_func ("/samples/kill-during-save", test_kill_during_save);

  status = g_test_run ();
  test_tmpdir_remove (tmpdir);
  g_free (tmpdir);
  g_free (self_exe);
  return status;
}
