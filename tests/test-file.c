/* test-file.c — atomic saves through links, stale temporary files, kill -9
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utime.h>

#include "cnn.h"
#include "test-tmpdir.h"

#define TMPDIR_TEMPLATE "convolve-test-file-XXXXXX"

/* Two models of ~2 MB (so a save takes long enough to be interrupted),
 * the same in the writer subprocess and in the test. */
#define KILL_SPEC "dense4096 dense64 dense10"

static CnnNet *
make_net (const char *spec,
          guint64     seed)
{
  CnnNet *net = cnn_net_new (spec, NULL);
  CnnRng rng;

  g_assert_nonnull (net);
  cnn_rng_init (&rng, seed);
  cnn_net_init_weights (net, &rng);
  return net;
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static gboolean
is_link (const char *path)
{
  GStatBuf st;

  return g_lstat (path, &st) == 0 && S_ISLNK (st.st_mode);
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* ---- saving through symbolic links -------------------------------------- */

static void
test_save_through_link (void)
{
  g_autofree char *dir = test_tmpdir_new (TMPDIR_TEMPLATE);
  g_autofree char *real_dir = g_build_filename (dir, "real", NULL);
  g_autofree char *link_dir = g_build_filename (dir, "links", NULL);
  g_autofree char *target = g_build_filename (real_dir, "model.cnvm", NULL);
  g_autofree char *link = g_build_filename (link_dir, "model.cnvm", NULL);
  g_autofree char *chain = g_build_filename (link_dir, "chain.cnvm", NULL);
  g_autoptr(CnnNet) a = make_net (CNN_SPEC_ZERO_OR_ONE, 1);
  g_autoptr(CnnNet) b = make_net (CNN_SPEC_ZERO_OR_ONE, 2);
  g_autoptr(GBytes) bytes_b = cnn_model_serialize (b);
  g_autoptr(GBytes) bytes_a = cnn_model_serialize (a);
  g_autoptr(GBytes) on_disk = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (real_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (link_dir, 0700), ==, 0);
  g_assert_true (cnn_model_save (a, target, &error));
  /* a relative link, and a link to that link */
  g_assert_cmpint (symlink ("../real/model.cnvm", link), ==, 0);
  g_assert_cmpint (symlink ("model.cnvm", chain), ==, 0);

  g_assert_true (cnn_model_save (b, link, &error));
  g_assert_no_error (error);
  g_assert_true (is_link (link));
  on_disk = read_file (target);
  g_assert_true (g_bytes_equal (on_disk, bytes_b));
  g_clear_pointer (&on_disk, g_bytes_unref);

  g_assert_true (cnn_model_save (a, chain, &error));
  g_assert_true (is_link (chain) && is_link (link));
  on_disk = read_file (target);
  g_assert_true (g_bytes_equal (on_disk, bytes_a));

  /* no temporary file left in either folder */
  g_assert_cmpuint (count_entries (real_dir), ==, 1);
  g_assert_cmpuint (count_entries (link_dir), ==, 2);

  test_tmpdir_remove (dir);
}

/* A dangling link names the file to create; a loop of links is an error
 * and writes nothing. */
static void
test_save_dangling_and_loop (void)
{
  g_autofree char *dir = test_tmpdir_new (TMPDIR_TEMPLATE);
  g_autofree char *link = g_build_filename (dir, "new.csv", NULL);
  g_autofree char *target = g_build_filename (dir, "made-by-save.csv", NULL);
  g_autofree char *loop_a = g_build_filename (dir, "a.cnvm", NULL);
  g_autofree char *loop_b = g_build_filename (dir, "b.cnvm", NULL);
  g_autoptr(CnnDataset) ds = cnn_dataset_new (2, 10);
  g_autoptr(CnnDataset) back = NULL;
  g_autoptr(CnnNet) net = make_net (CNN_SPEC_ZERO_OR_ONE, 1);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  ds->x[3] = 1.0f;
  ds->y[1] = 7;
  g_assert_cmpint (symlink ("made-by-save.csv", link), ==, 0);
  g_assert_true (cnn_dataset_save_csv (ds, link, &error));
  g_assert_no_error (error);
  g_assert_true (is_link (link));
  file = g_file_new_for_path (target);
  back = cnn_dataset_load_csv (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->n, ==, 2);
  g_assert_cmpuint (back->y[1], ==, 7);
  g_assert_cmpfloat (back->x[3], ==, 1.0f);

  g_assert_cmpint (symlink ("b.cnvm", loop_a), ==, 0);
  g_assert_cmpint (symlink ("a.cnvm", loop_b), ==, 0);
  g_assert_false (cnn_model_save (net, loop_a, &error));
  g_assert_nonnull (error);
  g_assert_true (is_link (loop_a) && is_link (loop_b));
  g_assert_cmpuint (count_entries (dir), ==, 4);

  test_tmpdir_remove (dir);
}

/* ---- stale temporary files ---------------------------------------------- */

/* last modified age_s seconds ago */
static void
age_file (const char *dir,
          const char *name,
          gint64      age_s)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  struct utimbuf times;

  times.actime = times.modtime = (time_t) (g_get_real_time () / G_USEC_PER_SEC - age_s);
  g_assert_cmpint (utime (path, &times), ==, 0);
}

static void
make_file (const char *dir,
           const char *name,
           gint64      age_s)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, "x", 1, NULL));
  age_file (dir, name, age_s);
}

static gboolean
exists (const char *dir,
        const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GStatBuf st;

  return g_lstat (path, &st) == 0;
}

static void
test_stale_temps (void)
{
  g_autofree char *dir = test_tmpdir_new (TMPDIR_TEMPLATE);
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  g_autofree char *link = g_build_filename (dir, "old.cnvm.Link01", NULL);
  g_autofree char *subdir_temp = g_build_filename (dir, "dir.cnvm.Dir001", NULL);
  g_autoptr(GError) error = NULL;
  static const char *const removed[] = { "current.cnvm.AbC123", "samples.csv.z9Y8x7", "a.b.cnvm.000000" };
  static const char *const kept[] = {
    "current.cnvm", "samples.csv",     /* the files themselves */
    "notes.txt.AbC123",                /* not ours */
    "current.cnvm.AbC12",              /* five characters: not mkstemp's */
    "current.cnvm.AbC1234",
    "current.cnvm.AbC-23",
    ".cnvm.AbC123",                    /* no name before the extension */
    "current.cnvm.broken-20260101-120000",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (removed); i++)
    make_file (dir, removed[i], 2 * CNN_FILE_STALE_TEMP_SECONDS);
  for (gsize i = 0; i < G_N_ELEMENTS (kept); i++)
    make_file (dir, kept[i], 2 * CNN_FILE_STALE_TEMP_SECONDS);
  /* a save in progress: young */
  make_file (dir, "current.cnvm.Young1", 0);
  /* a link and a folder of a temporary file's name are not ours */
  g_assert_cmpint (symlink ("current.cnvm", link), ==, 0);
  g_assert_cmpint (g_mkdir (subdir_temp, 0700), ==, 0);
  /* nor is anything below the folder */
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  make_file (sub, "deep.cnvm.AbC123", 2 * CNN_FILE_STALE_TEMP_SECONDS);

  g_assert_cmpint (cnn_file_remove_stale_temps (dir, &error), ==, G_N_ELEMENTS (removed));
  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (removed); i++)
    g_assert_false (exists (dir, removed[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (kept); i++)
    g_assert_true (exists (dir, kept[i]));
  g_assert_true (exists (dir, "current.cnvm.Young1"));
  g_assert_true (is_link (link));
  g_assert_true (g_file_test (subdir_temp, G_FILE_TEST_IS_DIR));
  g_assert_true (exists (sub, "deep.cnvm.AbC123"));

  /* nothing left to do */
  g_assert_cmpint (cnn_file_remove_stale_temps (dir, &error), ==, 0);

  test_tmpdir_remove (dir);

  g_assert_cmpint (cnn_file_remove_stale_temps (dir, &error), ==, -1);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

/* ---- a writer killed at random moments ---------------------------------- */

/* The subprocess: says it is ready, then saves the two models to path by
 * turns until it is killed. */
static int
run_writer (const char *path)
{
  g_autoptr(CnnNet) a = make_net (KILL_SPEC, 1);
  g_autoptr(CnnNet) b = make_net (KILL_SPEC, 2);

  if (write (STDOUT_FILENO, "R", 1) != 1)
    return 1;
  for (guint i = 0;; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!cnn_model_save (i % 2 == 0 ? b : a, path, &error))
        {
          g_printerr ("writer: %s\n", error->message);
          return 1;
        }
    }
}

/* 100 times: a writer replaces the model over and over and is killed with
 * SIGKILL after a random wait; every outcome is the old model or the new,
 * whole (the writer saves A and B by turns: each is the old one of the
 * next save), and a link stays a link. Half of the runs save through a link.
 * No time is asserted: the waits only spread the kills over the saves. */
static void
test_kill_writer (void)
{
  g_autofree char *dir = test_tmpdir_new (TMPDIR_TEMPLATE);
  g_autofree char *real_dir = g_build_filename (dir, "real", NULL);
  g_autofree char *target = g_build_filename (real_dir, "model.cnvm", NULL);
  g_autofree char *link = g_build_filename (dir, "link.cnvm", NULL);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(CnnNet) a = make_net (KILL_SPEC, 1);
  g_autoptr(CnnNet) b = make_net (KILL_SPEC, 2);
  g_autoptr(GBytes) bytes_a = cnn_model_serialize (a);
  g_autoptr(GBytes) bytes_b = cnn_model_serialize (b);
  g_autoptr(GError) error = NULL;
  guint n_a = 0, n_b = 0, n_temps;

  g_assert_nonnull (self);
  g_assert_cmpint (g_mkdir (real_dir, 0700), ==, 0);
  g_assert_cmpint (symlink ("real/model.cnvm", link), ==, 0);
  g_assert_true (cnn_model_save (a, target, &error));

  for (int run = 0; run < 100; run++)
    {
      const char *path = run % 2 == 0 ? target : link;
      const char *argv[] = { self, "--writer", path, NULL };
      g_autoptr(GBytes) on_disk = NULL;
      GPid pid;
      int out_fd, status;
      char ready;

      g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &pid, NULL, &out_fd, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (read (out_fd, &ready, 1), ==, 1);
      close (out_fd);
      /* 0–30 ms: a save of this model takes a few */
      g_usleep ((gulong) g_test_rand_int_range (0, 30000));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_spawn_close_pid (pid);
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);

      g_assert_true (is_link (link));
      on_disk = read_file (target);
      if (g_bytes_equal (on_disk, bytes_a))
        n_a++;
      else if (g_bytes_equal (on_disk, bytes_b))
        n_b++;
      else
        g_error ("run %d: the model file is neither the old nor the new one (%" G_GSIZE_FORMAT
                 " bytes)", run, g_bytes_get_size (on_disk));
    }

  /* the kills leave temporary files, in the target's folder only; they are
   * too young for the clean-up until they are a minute old */
  n_temps = count_entries (real_dir) - 1;
  g_test_message ("100 kills: %u times model A, %u times model B, %u temporary files left",
                  n_a, n_b, n_temps);
  g_assert_cmpuint (count_entries (dir), ==, 2);
  g_assert_cmpint (cnn_file_remove_stale_temps (real_dir, &error), ==, 0);
  {
    g_autoptr(GDir) d = g_dir_open (real_dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      if (!g_str_equal (name, "model.cnvm"))
        age_file (real_dir, name, 2 * CNN_FILE_STALE_TEMP_SECONDS);
  }
  g_assert_cmpint (cnn_file_remove_stale_temps (real_dir, &error), ==, (int) n_temps);
  g_assert_cmpuint (count_entries (real_dir), ==, 1);
  {
    g_autoptr(GFile) file = g_file_new_for_path (link);
    g_autoptr(CnnNet) loaded = cnn_model_load (file, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (cnn_net_same_shape (loaded, a));
  }

  test_tmpdir_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--writer"))
    return run_writer (argv[2]);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/file/save-through-link", test_save_through_link);
  g_test_add_func ("/file/save-dangling-and-loop", test_save_dangling_and_loop);
  g_test_add_func ("/file/stale-temps", test_stale_temps);
  g_test_add_func ("/file/kill-writer", test_kill_writer);

  return g_test_run ();
}
