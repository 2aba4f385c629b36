/* convolve-cli-bench.c — `convolve-cli bench`: the speed figures of the engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three measurements, each repeated and reported as the median (the median
 * shrugs off the odd run disturbed by another process):
 *   forward_us_median           one 8×8 image through the default network,
 *                               every activation kept (what the live view
 *                               does on each pen movement), µs per image
 *   train_samples_per_s_median  forward + backward + Adam update, batch 32,
 *                               no augmentation, one thread, whole epochs
 *   train_full_augment_samples_per_s_median
 *                               the same with the full augmentation of
 *                               cnn-augment.h (each sample distorted at
 *                               32×32 before its forward pass)
 *   time_to_97_s_median         the default network from fresh weights with
 *                               the default configuration until the test
 *                               accuracy after an epoch reaches 0.97;
 *                               repeat r uses seed r + 1
 * Lines starting with '#' are for people; the "key: value" lines are the
 * interface (build-aux/bench-compare parses them).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "convolve-cli.h"

#define TARGET_ACCURACY 0.97

/* Sink for the forward results, so the timed loop has an observable effect. */
static volatile float bench_sink;

static double
now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec * 1e-9;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Sorts values in place. */
static double
median (double *values,
        int     n)
{
  if (n == 0)
    return INFINITY;
  qsort (values, (size_t) n, sizeof (double), compare_doubles);
  return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

static CnnNet *
new_digits_net (guint64 seed)
{
  CnnNet *net = cnn_net_new (CNN_SPEC_DIGITS, NULL);

  g_assert (net != NULL); /* a constant spec */
  cnn_net_init_weights_from_seed (net, seed);
  return net;
}

/* µs per image over n_images forwards, cycling through the test images. */
static double
bench_forward (const CnnNet     *net,
               CnnWorkspace     *ws,
               const CnnDataset *images,
               int               n_images)
{
  float acc = 0.0f;
  double t0, t1;

  t0 = now_s ();
  for (int i = 0; i < n_images; i++)
    {
      const float *probs = cnn_net_forward (net, ws, images->x + (gsize) (i % images->n) * CNN_INPUT_SIZE);

      acc += probs[0];
    }
  t1 = now_s ();
  bench_sink = acc;
  return (t1 - t0) * 1e6 / n_images;
}

/* Runs steps until n_epochs epochs completed; returns the seconds. */
static gboolean
run_epochs (CnnTrainer  *trainer,
            int          n_epochs,
            double      *seconds,
            GError     **error)
{
  CnnTrainProgress progress = { 0 };
  int done = 0;
  double t0 = now_s ();

  while (done < n_epochs)
    {
      if (!cnn_trainer_step (trainer, &progress, error))
        return FALSE;
      if (progress.epoch_done)
        done++;
    }
  *seconds = now_s () - t0;
  return TRUE;
}

/* One run of the default training until the target accuracy: the clock
 * covers the network's creation, the trainer's and every step, including
 * the test evaluation at the end of each epoch (the torch reference does
 * the same work). *epochs is −1 when the run ends without reaching it. */
static gboolean
bench_time_to_target (const CnnDataset  *train,
                      const CnnDataset  *test,
                      guint64            seed,
                      double            *seconds,
                      int               *epochs,
                      GError           **error)
{
  g_autoptr(CnnNet) net = NULL;
  g_autoptr(CnnTrainer) trainer = NULL;
  CnnTrainConfig config;
  CnnTrainProgress progress = { 0 };
  double t0 = now_s ();

  net = new_digits_net (seed);
  cnn_train_config_init_default (&config);
  config.seed = seed;
  trainer = cnn_trainer_new (net, train, test, &config, error);
  if (trainer == NULL)
    return FALSE;

  *epochs = -1;
  while (!cnn_trainer_finished (trainer))
    {
      if (!cnn_trainer_step (trainer, &progress, error))
        return FALSE;
      if (progress.epoch_done && progress.test_accuracy >= TARGET_ACCURACY)
        {
          *epochs = progress.epoch;
          break;
        }
    }
  *seconds = now_s () - t0;
  return TRUE;
}

int
cli_command_bench (int    argc,
                   char **argv)
{
  g_autofree char *repeats_s = NULL;
  gboolean quick = FALSE;
  const GOptionEntry entries[] = {
    { "repeats", 'r', 0, G_OPTION_ARG_STRING, &repeats_s, "Repeats of each measurement (default 7, 3 with --quick)", "N" },
    { "quick", 'q', 0, G_OPTION_ARG_NONE, &quick, "Shorter runs: a smoke test, not a measurement", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnDataset) train = NULL;
  g_autoptr(CnnDataset) test = NULL;
  g_autoptr(CnnNet) net = NULL;
  g_autoptr(CnnWorkspace) ws = NULL;
  g_autoptr(CnnTrainer) trainer = NULL;
  g_autoptr(CnnNet) full_net = NULL;
  g_autoptr(CnnTrainer) full_trainer = NULL;
  g_autofree char *cpu = NULL;
  g_autofree double *forward_us = NULL;
  g_autofree double *throughput = NULL;
  g_autofree double *full_throughput = NULL;
  g_autofree double *to_target_s = NULL;
  g_autofree double *to_target_epochs = NULL;
  CnnTrainConfig config;
  int repeats;
  int n_forwards, n_epochs;
  int reached = 0;
  double seconds;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context, "Measure inference and training speed.");
  g_option_context_set_description (context,
    "Prints the medians over the repeats as \"key: value\" lines:\n"
    "  forward_us_median           one image through the default network, in µs\n"
    "  train_samples_per_s_median  forward+backward+update, batch 32, one thread\n"
    "  train_full_augment_samples_per_s_median  the same, full augmentation\n"
    "  time_to_97_s_median         default training until 97 % test accuracy\n"
    "Lines starting with '#' describe the run.");
  if (!cli_parse_options (context, "bench", &argc, &argv))
    return CLI_EXIT_USAGE;
  if (argc > 1)
    {
      cli_error ("unexpected argument “%s”", argv[1]);
      return CLI_EXIT_USAGE;
    }

  repeats = quick ? 3 : 7;
  if (repeats_s != NULL)
    {
      gint64 v;

      if (!g_ascii_string_to_signed (repeats_s, 10, 1, 1000, &v, &error))
        {
          cli_error ("--repeats: %s", error->message);
          return CLI_EXIT_USAGE;
        }
      repeats = (int) v;
    }
  n_forwards = quick ? 2000 : 20000;
  n_epochs = quick ? 2 : 10;

  if (!cnn_dataset_builtin_split (10, CNN_SPLIT_STRATIFIED, &train, &test, &error))
    {
      cli_error ("builtin data: %s", error->message);
      return CLI_EXIT_FAILURE;
    }

  cpu = cli_cpu_model ();
  printf ("# convolve-cli %s bench%s\n", PACKAGE_VERSION, quick ? " (quick)" : "");
  printf ("# machine: %s, %d logical CPUs\n", cpu != NULL ? cpu : "unknown CPU", g_get_num_processors ());
  printf ("# network: %s\n", CNN_SPEC_DIGITS);
  printf ("# data: builtin digits, %" G_GSIZE_FORMAT " train / %" G_GSIZE_FORMAT " test (stratified)\n",
          train->n, test->n);
  printf ("# repeats: %d; forward: %d images per repeat; throughput: %d epochs per repeat\n",
          repeats, n_forwards, n_epochs);
  fflush (stdout);

  forward_us = g_new (double, repeats);
  throughput = g_new (double, repeats);
  full_throughput = g_new (double, repeats);
  to_target_s = g_new (double, repeats);
  to_target_epochs = g_new (double, repeats);

  /* (a) forward latency; one untimed pass warms caches and branch predictors */
  net = new_digits_net (1);
  ws = cnn_workspace_new (net);
  bench_forward (net, ws, test, MIN (n_forwards, 1000));
  for (int r = 0; r < repeats; r++)
    forward_us[r] = bench_forward (net, ws, test, n_forwards);

  /* (b) training throughput: no test set (no evaluation inside the timed
   * epochs), and more epochs than will ever run so the trainer never
   * finishes. Plain and fully augmented repeats alternate, so a busy
   * moment of the machine falls on both alike. */
  cnn_train_config_init_default (&config);
  config.augment = CNN_AUGMENT_NONE;
  config.batch_size = 32;
  config.epochs = G_MAXINT / 2;
  trainer = cnn_trainer_new (net, train, NULL, &config, &error);
  if (trainer == NULL || !run_epochs (trainer, 1, &seconds, &error))
    {
      cli_error ("training: %s", error->message);
      return CLI_EXIT_FAILURE;
    }
  {
    full_net = new_digits_net (1);
    config.augment = CNN_AUGMENT_FULL;
    full_trainer = cnn_trainer_new (full_net, train, NULL, &config, &error);
    if (full_trainer == NULL || !run_epochs (full_trainer, 1, &seconds, &error))
      {
        cli_error ("training: %s", error->message);
        return CLI_EXIT_FAILURE;
      }
    for (int r = 0; r < repeats; r++)
      {
        if (!run_epochs (trainer, n_epochs, &seconds, &error))
          {
            cli_error ("training: %s", error->message);
            return CLI_EXIT_FAILURE;
          }
        throughput[r] = (double) cnn_trainer_n_train (trainer) * n_epochs / seconds;
        if (!run_epochs (full_trainer, n_epochs, &seconds, &error))
          {
            cli_error ("training: %s", error->message);
            return CLI_EXIT_FAILURE;
          }
        full_throughput[r] = (double) cnn_trainer_n_train (full_trainer) * n_epochs / seconds;
      }
  }

  /* (c) time to 97 % */
  for (int r = 0; r < repeats; r++)
    {
      int epochs;

      if (!bench_time_to_target (train, test, (guint64) r + 1, &seconds, &epochs, &error))
        {
          cli_error ("training: %s", error->message);
          return CLI_EXIT_FAILURE;
        }
      if (epochs > 0)
        {
          to_target_s[reached] = seconds;
          to_target_epochs[reached] = epochs;
          reached++;
        }
      else
        fprintf (stderr, "convolve-cli: bench: seed %d did not reach %.2f test accuracy\n",
                 r + 1, TARGET_ACCURACY);
    }

  /* median() sorts: afterwards [0] is the smallest, [repeats − 1] the largest */
  printf ("forward_us_median: %.3f\n", median (forward_us, repeats));
  printf ("forward_us_min: %.3f\n", forward_us[0]);
  printf ("train_samples_per_s_median: %.0f\n", median (throughput, repeats));
  printf ("train_samples_per_s_max: %.0f\n", throughput[repeats - 1]);
  printf ("train_full_augment_samples_per_s_median: %.0f\n", median (full_throughput, repeats));
  printf ("train_full_augment_samples_per_s_max: %.0f\n", full_throughput[repeats - 1]);
  /* "inf" when no run reached the target: still a float to a parser */
  if (reached > 0)
    {
      printf ("time_to_97_s_median: %.3f\n", median (to_target_s, reached));
      printf ("time_to_97_epochs_median: %g\n", median (to_target_epochs, reached));
    }
  else
    {
      printf ("time_to_97_s_median: inf\n");
      printf ("time_to_97_epochs_median: inf\n");
    }
  printf ("time_to_97_reached: %d/%d\n", reached, repeats);
  return CLI_EXIT_OK;
}
