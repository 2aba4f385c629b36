/* convolve-cli.c — the engine on the command line: train, eval, classify, bench
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scripts parse what this prints on stdout, so those formats are fixed:
 *   train     "test accuracy: 0.9861"
 *   eval      "accuracy: 0.9861", "ece: 0.0123", the confusion matrix, then
 *             "class 4 precision 0.9722 recall 0.9459" per class
 *   classify  "<class> <p0> <p1> …" per CSV row or image, 4 decimals
 *   bench     "key: value" lines (see convolve-cli-bench.c)
 *   invariance, filters: see convolve-cli-lessons.c
 * Progress and errors go to stderr, errors as "convolve-cli: message".
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <unistd.h>

#include "convolve-cli.h"
#include "convolve-image.h"

void
cli_error (const char *format,
           ...)
{
  va_list args;

  fflush (stdout);
  fputs ("convolve-cli: ", stderr);
  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
}

gboolean
cli_parse_options (GOptionContext   *context,
                   const char       *command,
                   int              *argc,
                   char           ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("convolve-cli %s", command);

  /* --help prints "Usage: <prgname> [OPTION…]" */
  g_set_prgname (prgname);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      cli_error ("%s", error->message);
      fprintf (stderr, "Try 'convolve-cli %s --help' for more information.\n", command);
      return FALSE;
    }
  return TRUE;
}

int
cli_usage_error (const char *command,
                 const char *message)
{
  cli_error ("%s", message);
  fprintf (stderr, "Try 'convolve-cli %s --help' for more information.\n", command);
  return CLI_EXIT_USAGE;
}

char *
cli_cpu_model (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  /* x86 says "model name"; some ARM kernels "Hardware" or "Model" */
  static const char *const keys[] = { "model name", "Model", "Hardware", "cpu model" };

  if (!g_file_get_contents ("/proc/cpuinfo", &text, NULL, NULL))
    return NULL;

  lines = g_strsplit (text, "\n", -1);
  for (gsize k = 0; k < G_N_ELEMENTS (keys); k++)
    for (gsize i = 0; lines[i] != NULL; i++)
      {
        const char *colon = strchr (lines[i], ':');
        g_autofree char *key = NULL;

        if (colon == NULL)
          continue;
        key = g_strstrip (g_strndup (lines[i], colon - lines[i]));
        if (g_str_equal (key, keys[k]))
          return g_strstrip (g_strdup (colon + 1));
      }
  return NULL;
}

/* ---- small parsers for option values ---------------------------------- */

static gboolean
parse_int_option (const char *name,
                  const char *text,
                  gint64      min,
                  gint64      max,
                  gint64     *out)
{
  g_autoptr(GError) error = NULL;

  if (!g_ascii_string_to_signed (text, 10, min, max, out, &error))
    {
      cli_error ("--%s: %s", name, error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_double_option (const char *name,
                     const char *text,
                     double      min,
                     gboolean    min_inclusive,
                     double     *out)
{
  char *end = NULL;
  double v;

  errno = 0;
  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || errno != 0 || !isfinite (v))
    {
      cli_error ("--%s: “%s” is not a number", name, text);
      return FALSE;
    }
  if (min_inclusive ? v < min : v <= min)
    {
      cli_error ("--%s: %s must be %s %g", name, text, min_inclusive ? "at least" : "greater than", min);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

gboolean
cli_parse_split (const char *split,
                 CnnSplit   *kind)
{
  if (split == NULL || g_str_equal (split, "stratified"))
    *kind = CNN_SPLIT_STRATIFIED;
  else if (g_str_equal (split, "head"))
    *kind = CNN_SPLIT_HEAD;
  else
    return FALSE;
  return TRUE;
}

/* Loads a labelled CSV and fits its labels to n_classes outputs: a
 * two-class network takes only the 0s and 1s, as it was trained. */
CnnDataset *
cli_load_labelled_csv (const char  *path,
                       int          n_classes,
                       GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(CnnDataset) ds = NULL;
  int max_label = -1;

  ds = cnn_dataset_load_csv (file, NULL, error);
  if (ds == NULL)
    return NULL;

  if (n_classes == 2 && ds->n_classes > 2)
    {
      CnnDataset *subset = cnn_dataset_zero_or_one (ds);

      cnn_dataset_free (ds);
      ds = subset;
    }

  for (gsize i = 0; i < ds->n; i++)
    max_label = MAX (max_label, (int) ds->y[i]);
  if (max_label >= n_classes)
    {
      g_set_error (error, CNN_ERROR, CNN_ERROR_DATA,
                   "label %d does not fit a network with %d classes",
                   max_label, n_classes);
      return NULL;
    }
  if (ds->n == 0)
    {
      g_set_error (error, CNN_ERROR, CNN_ERROR_DATA, "no usable samples");
      return NULL;
    }
  ds->n_classes = n_classes;
  return g_steal_pointer (&ds);
}

CnnDataset *
cli_load_test_data (const char   *csv,
                    CnnSplit      split,
                    const CnnNet *net)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CnnDataset) train = NULL;
  CnnDataset *test = NULL;

  if (csv != NULL)
    {
      test = cli_load_labelled_csv (csv, net->n_classes, &error);
      if (test == NULL)
        cli_error ("%s: %s", csv, error->message);
      return test;
    }
  if (!cnn_dataset_builtin_split (net->n_classes, split, &train, &test, &error))
    {
      cli_error ("builtin data: %s", error->message);
      return NULL;
    }
  if (test->n_classes > net->n_classes)
    {
      cli_error ("the model has %d classes, the builtin digits %d: use --csv",
                 net->n_classes, test->n_classes);
      cnn_dataset_free (test);
      return NULL;
    }
  test->n_classes = net->n_classes;
  return test;
}

/* ---- train -------------------------------------------------------------- */

static int
command_train (int    argc,
               char **argv)
{
  g_autofree char *spec = NULL;
  g_autofree char *preset = NULL;
  g_autofree char *epochs_s = NULL;
  g_autofree char *optimizer_s = NULL;
  g_autofree char *lr_s = NULL;
  g_autofree char *batch_s = NULL;
  g_autofree char *wd_s = NULL;
  g_autofree char *seed_s = NULL;
  g_autofree char *split = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *repeat_s = NULL;
  g_autofree char *output = NULL;
  g_autofree char *augment_s = NULL;
  g_autofree char *smoothing_s = NULL;
  g_autofree char *validation_s = NULL;
  gboolean no_augment = FALSE;
  gboolean freeze_classic = FALSE;
  const GOptionEntry entries[] = {
    { "spec", 0, 0, G_OPTION_ARG_STRING, &spec, "Network spec (overrides the preset's)", "SPEC" },
    { "preset", 0, 0, G_OPTION_ARG_STRING, &preset, "Data and network: digits (default) or zero-or-one", "NAME" },
    { "epochs", 0, 0, G_OPTION_ARG_STRING, &epochs_s, "Epochs (default 30)", "N" },
    { "optimizer", 0, 0, G_OPTION_ARG_STRING, &optimizer_s, "sgd (with momentum) or adam (default)", "NAME" },
    { "lr", 0, 0, G_OPTION_ARG_STRING, &lr_s, "Learning rate (default 0.02, decayed to 0 over the epochs)", "X" },
    { "batch", 0, 0, G_OPTION_ARG_STRING, &batch_s, "Mini-batch size (default 32)", "N" },
    { "weight-decay", 0, 0, G_OPTION_ARG_STRING, &wd_s, "L2 weight decay (default 0)", "X" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_s, "Seed of the weights, shuffling and augmentation (default 1)", "N" },
    { "augment", 0, 0, G_OPTION_ARG_STRING, &augment_s, "Augmentation: none, shift (shift or stretch on 8×8) or full (rotate, scale, shear, warp and re-stroke at 32×32; default)", "MODE" },
    { "no-augment", 0, 0, G_OPTION_ARG_NONE, &no_augment, "The same as --augment none", NULL },
    { "label-smoothing", 0, 0, G_OPTION_ARG_STRING, &smoothing_s, "Label smoothing ε, 0 to below 1 (default 0: off)", "X" },
    { "validation", 0, 0, G_OPTION_ARG_STRING, &validation_s, "Fraction of the training data held out to fit the temperature (default 0.05; 0: none, temperature 1)", "X" },
    { "split", 0, 0, G_OPTION_ARG_STRING, &split, "Train/test split: stratified (default) or head", "KIND" },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, "Extra training samples (64 values 0..16 and a label per line)", "FILE" },
    { "repeat", 0, 0, G_OPTION_ARG_STRING, &repeat_s, "Each --csv sample counts this many times (1..100, default 1)", "N" },
    { "freeze-classic", 0, 0, G_OPTION_ARG_NONE, &freeze_classic, "Train the network's classic variant: its first layer 12 filters frozen to the classic 3×3 bank (sobel-x … identity), biases learned", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Where to save the trained model (required)", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnNet) net = NULL;
  g_autoptr(CnnDataset) train = NULL;
  g_autoptr(CnnDataset) test = NULL;
  g_autoptr(CnnTrainer) trainer = NULL;
  CnnTrainConfig config;
  CnnTrainProgress progress = { 0 };
  CnnSplit kind = CNN_SPLIT_STRATIFIED;
  const char *net_spec;
  g_autofree char *csv_name = NULL;
  gint64 repeat = 1;
  gint64 v;
  double d;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context, "Train a network on the builtin digits and save it.");
  g_option_context_set_description (context,
    "Trains on the builtin UCI digits (the zero-or-one preset: only the 0s and 1s)\n"
    "and reports the accuracy on the held-out test split.");
  if (!cli_parse_options (context, "train", &argc, &argv))
    return CLI_EXIT_USAGE;
  if (argc > 1)
    return cli_usage_error ("train", "unexpected argument");
  if (output == NULL)
    return cli_usage_error ("train", "missing --output FILE");

  cnn_train_config_init_default (&config);

  if (preset != NULL && cnn_preset_lookup (preset) == NULL)
    return cli_usage_error ("train", "--preset must be digits or zero-or-one");
  if (!cli_parse_split (split, &kind))
    return cli_usage_error ("train", "--split must be stratified or head");
  if (optimizer_s != NULL && !cnn_optimizer_kind_from_string (optimizer_s, &config.optimizer))
    return cli_usage_error ("train", "--optimizer must be sgd or adam");
  if (epochs_s != NULL)
    {
      if (!parse_int_option ("epochs", epochs_s, 1, 100000, &v))
        return CLI_EXIT_USAGE;
      config.epochs = (int) v;
    }
  if (batch_s != NULL)
    {
      if (!parse_int_option ("batch", batch_s, 1, 4096, &v))
        return CLI_EXIT_USAGE;
      config.batch_size = (int) v;
    }
  if (repeat_s != NULL && !parse_int_option ("repeat", repeat_s, 1, CNN_EXTRA_REPEAT_MAX, &repeat))
    return CLI_EXIT_USAGE;
  if (seed_s != NULL)
    {
      guint64 u;

      if (!g_ascii_string_to_unsigned (seed_s, 10, 0, G_MAXUINT64, &u, &error))
        {
          cli_error ("--seed: %s", error->message);
          return CLI_EXIT_USAGE;
        }
      config.seed = u;
    }
  if (lr_s != NULL)
    {
      if (!parse_double_option ("lr", lr_s, 0.0, FALSE, &d))
        return CLI_EXIT_USAGE;
      config.lr = (float) d;
    }
  if (wd_s != NULL)
    {
      if (!parse_double_option ("weight-decay", wd_s, 0.0, TRUE, &d))
        return CLI_EXIT_USAGE;
      config.weight_decay = (float) d;
    }
  if (augment_s != NULL && !cnn_augment_from_string (augment_s, &config.augment))
    return cli_usage_error ("train", "--augment must be none, shift or full");
  if (no_augment)
    {
      if (augment_s != NULL && config.augment != CNN_AUGMENT_NONE)
        return cli_usage_error ("train", "--no-augment and --augment disagree");
      config.augment = CNN_AUGMENT_NONE;
    }
  if (smoothing_s != NULL)
    {
      if (!parse_double_option ("label-smoothing", smoothing_s, 0.0, TRUE, &d))
        return CLI_EXIT_USAGE;
      if (d >= 1.0)
        return cli_usage_error ("train", "--label-smoothing must be below 1");
      config.label_smoothing = (float) d;
    }
  if (validation_s != NULL)
    {
      if (!parse_double_option ("validation", validation_s, 0.0, TRUE, &d))
        return CLI_EXIT_USAGE;
      if (d >= 1.0)
        return cli_usage_error ("train", "--validation must be below 1");
      config.validation = (float) d;
    }

  net_spec = spec != NULL ? spec : cnn_preset_lookup (preset != NULL ? preset : CNN_PRESET_DEFAULT)->spec;
  net = cnn_net_new (net_spec, &error);
  if (net == NULL)
    {
      cli_error ("--spec: %s", error->message);
      return CLI_EXIT_FAILURE;
    }
  if (freeze_classic)
    {
      /* cnn-classic.h: the first layer becomes conv3x3x12, frozen to the bank */
      CnnNet *variant = cnn_classic_variant_new (net, &error);

      if (variant == NULL)
        {
          cli_error ("--freeze-classic: %s", error->message);
          return CLI_EXIT_FAILURE;
        }
      cnn_net_unref (net);
      net = variant;
      fprintf (stderr, "network %s, layer 0 frozen to the classic filters\n", net->spec);
    }
  /* The task is the network's: a two-output spec means the zero-or-one data. */
  if (preset != NULL && net->n_classes != cnn_preset_lookup (preset)->n_classes)
    {
      cli_error ("the network has %d outputs but the %s data has %d classes",
                 net->n_classes, preset, cnn_preset_lookup (preset)->n_classes);
      return CLI_EXIT_FAILURE;
    }
  if (!cnn_dataset_builtin_split (net->n_classes, kind,
                                  &train, &test, &error))
    {
      cli_error ("builtin data: %s", error->message);
      return CLI_EXIT_FAILURE;
    }

  if (csv != NULL)
    {
      g_autoptr(CnnDataset) extra = cli_load_labelled_csv (csv, net->n_classes, &error);
      g_autofree char *base = NULL;

      if (extra == NULL)
        {
          cli_error ("%s: %s", csv, error->message);
          return CLI_EXIT_FAILURE;
        }
      /* the same training set the window makes of the user's samples */
      g_clear_pointer (&train, cnn_dataset_free);
      g_clear_pointer (&test, cnn_dataset_free);
      if (!cnn_dataset_builtin_split_extra (net->n_classes, kind,
                                            extra, (guint) repeat, &train, &test, NULL, &error))
        {
          cli_error ("%s: %s", csv, error->message);
          return CLI_EXIT_FAILURE;
        }
      base = g_path_get_basename (csv);
      csv_name = repeat > 1 ? g_strdup_printf ("%s ×%d", base, (int) repeat) : g_steal_pointer (&base);
    }
  else if (repeat_s != NULL)
    return cli_usage_error ("train", "--repeat needs --csv");

  /* for the model's training record */
  g_snprintf (config.data, sizeof config.data, "UCI digits%s, %s split%s%s",
              net->n_classes == 2 ? " (0s and 1s)" : "",
              kind == CNN_SPLIT_HEAD ? "head" : "stratified",
              csv != NULL ? " + " : "",
              csv != NULL ? csv_name : "");
  if (freeze_classic)
    g_strlcat (config.data, ", layer 0 frozen to classic filters", sizeof config.data);

  cnn_net_init_weights_from_seed (net, config.seed);
  if (freeze_classic)
    cnn_classic_set_bank (net, 0);

  trainer = cnn_trainer_new (net, train, test, &config, &error);
  if (trainer == NULL)
    {
      cli_error ("%s", error->message);
      return CLI_EXIT_FAILURE;
    }
  if (freeze_classic)
    cnn_trainer_freeze (trainer, net->layers[0].w_offset, net->layers[0].n_weights);

  while (!cnn_trainer_finished (trainer))
    {
      if (!cnn_trainer_step (trainer, &progress, &error))
        {
          cli_error ("epoch %d: %s", progress.epoch, error->message);
          return CLI_EXIT_FAILURE;
        }
      if (progress.epoch_done)
        fprintf (stderr, "epoch %d/%d  loss %.4f  train %.4f  test %.4f\n",
                 progress.epoch, config.epochs, progress.epoch_loss,
                 progress.train_accuracy, progress.test_accuracy);
    }
  /* the temperature, fitted on the held-out part of the training data */
  fprintf (stderr, "temperature %.4f (fitted on %" G_GSIZE_FORMAT " held-out samples)\n",
           cnn_trainer_finish (trainer), cnn_trainer_n_validation (trainer));

  if (!cnn_model_save (net, output, &error))
    {
      cli_error ("%s: %s", output, error->message);
      return CLI_EXIT_FAILURE;
    }

  printf ("test accuracy: %.4f\n", cnn_accuracy (net, NULL, test));
  return CLI_EXIT_OK;
}

/* ---- eval --------------------------------------------------------------- */

CnnNet *
cli_load_model (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  CnnNet *net = cnn_model_load (file, NULL, &error);

  if (net == NULL)
    cli_error ("%s: %s", path, error->message);
  return net;
}

static int
n_digits (guint v)
{
  int n = 1;

  while (v >= 10)
    {
      v /= 10;
      n++;
    }
  return n;
}

static void
print_confusion (const CnnEvaluation *eval)
{
  const char *corner = "true\\pred";
  int k = eval->n_classes;
  int width = n_digits ((guint) MAX (k - 1, 0));
  int first = (int) strlen (corner);

  for (int i = 0; i < k * k; i++)
    width = MAX (width, n_digits (eval->confusion[i]));
  width += 1;

  printf ("%*s", first, corner);
  for (int p = 0; p < k; p++)
    printf (" %*d", width, p);
  putchar ('\n');
  for (int t = 0; t < k; t++)
    {
      printf ("%*d", first, t);
      for (int p = 0; p < k; p++)
        printf (" %*u", width, eval->confusion[t * k + p]);
      putchar ('\n');
    }
}

static int
command_eval (int    argc,
              char **argv)
{
  g_autofree char *csv = NULL;
  g_autofree char *split = NULL;
  const GOptionEntry entries[] = {
    CLI_TEST_DATA_OPTIONS (csv, split),
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("MODEL");
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnNet) net = NULL;
  g_autoptr(CnnDataset) test = NULL;
  g_autoptr(CnnEvaluation) eval = NULL;
  CnnSplit kind = CNN_SPLIT_STRATIFIED;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context, "Test a model: accuracy, calibration and confusion matrix.");
  g_option_context_set_description (context,
    "Prints the accuracy, the expected calibration error (ece: the top class's\n"
    "probability against how often it is right, in 10 bins), then the\n"
    "confusion matrix: one row per true class,\n"
    "one column per predicted class, then one line per class:\n"
    "\"class C precision P recall R\" (nan when there is nothing to count).\n"
    "The default data is the builtin stratified\n"
    "test split (only the 0s and 1s for a two-class model).");
  if (!cli_parse_options (context, "eval", &argc, &argv))
    return CLI_EXIT_USAGE;
  if (argc < 2)
    return cli_usage_error ("eval", "missing MODEL");
  if (argc > 2)
    return cli_usage_error ("eval", "unexpected argument");
  if (!cli_parse_split (split, &kind))
    return cli_usage_error ("eval", "--split must be stratified or head");
  if (csv != NULL && split != NULL)
    return cli_usage_error ("eval", "--csv and --split do not go together");

  net = cli_load_model (argv[1]);
  if (net == NULL)
    return CLI_EXIT_FAILURE;

  test = cli_load_test_data (csv, kind, net);
  if (test == NULL)
    return CLI_EXIT_FAILURE;

  eval = cnn_evaluate (net, test);
  printf ("accuracy: %.4f\n", eval->accuracy);
  printf ("ece: %.4f\n", eval->ece);
  print_confusion (eval);
  /* per class; "nan" when no digit is (recall) or is predicted (precision) that class */
  for (int c = 0; c < eval->n_classes; c++)
    printf ("class %d precision %.4f recall %.4f\n", c,
            cnn_evaluation_precision (eval, c), cnn_evaluation_recall (eval, c));
  return CLI_EXIT_OK;
}

/* ---- classify ----------------------------------------------------------- */

/* The rows of path ("-": standard input): 64 values 0..16 with an
 * optional 65th (a label, checked like every label of the data format,
 * then ignored); blank lines are skipped. The one row grammar of the
 * engine (cnn-csv.h), streamed: a line is refused once it passes
 * CNN_LIMIT_LINE_BYTES, before the rest of it is read, and the file past
 * CNN_LIMIT_CSV_BYTES or CNN_LIMIT_CSV_ROWS rows. Returns [n_rows][64]
 * scaled to 0..1, or NULL with an error naming the line and the column. */
static float *
read_rows (const char  *path,
           gsize       *n_rows,
           GError     **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(CnnCsvReader) reader = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (float));

  if (g_str_equal (path, "-"))
    stream = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

      stream = G_INPUT_STREAM (g_file_read (file, NULL, error));
      if (stream == NULL)
        return NULL;
    }

  reader = cnn_csv_reader_new (stream, CNN_CSV_LABEL_OPTIONAL, CNN_LIMIT_CSV_BYTES);
  for (;;)
    {
      float row[CNN_INPUT_SIZE];
      int label;
      CnnCsvRead read = cnn_csv_reader_next (reader, row, &label, NULL, error);

      if (read == CNN_CSV_READ_ERROR)
        return NULL;
      if (read == CNN_CSV_READ_END)
        break;
      if (read == CNN_CSV_READ_BLANK)
        continue;
      if (rows->len / CNN_INPUT_SIZE >= CNN_LIMIT_CSV_ROWS)
        {
          g_set_error (error, CNN_ERROR, CNN_ERROR_LIMIT,
                       "more than %d rows, the limit for one file", CNN_LIMIT_CSV_ROWS);
          return NULL;
        }
      g_array_append_vals (rows, row, CNN_INPUT_SIZE);
    }

  if (rows->len == 0)
    {
      g_set_error (error, CNN_ERROR, CNN_ERROR_CSV, "no rows");
      return NULL;
    }
  *n_rows = rows->len / CNN_INPUT_SIZE;
  return (float *) g_array_free (g_steal_pointer (&rows), FALSE);
}

static void
print_prediction (CnnNet       *net,
                  CnnWorkspace *ws,
                  const float  *input)
{
  const float *probs = cnn_net_forward (net, ws, input);
  int best = cnn_argmax (probs, net->n_classes);

  printf ("%d", best);
  for (int c = 0; c < net->n_classes; c++)
    printf (" %.4f", probs[c]);
  putchar ('\n');
}

/* One line per row of a CSV file ("-": standard input) */
static gboolean
classify_csv (CnnNet        *net,
              CnnWorkspace  *ws,
              const char    *path,
              GError       **error)
{
  g_autofree float *x = NULL;
  gsize n = 0;

  x = read_rows (path, &n, error);
  if (x == NULL)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    print_prediction (net, ws, x + i * CNN_INPUT_SIZE);
  return TRUE;
}

/* TRUE when the file's first bytes are an image GdkPixbuf reads: by its
 * content, whatever its name. An unreadable file is not one (the CSV path
 * then says why). */
static gboolean
is_image_file (const char *path)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  guint8 head[4096];
  gsize got = 0;

  if (g_str_equal (path, "-"))
    return FALSE;
  file = g_file_new_for_commandline_arg (path);
  in = g_file_read (file, NULL, NULL);
  if (in == NULL
      || !g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &got, NULL, NULL))
    return FALSE;
  return convolve_image_sniff (head, got);
}

/* One line for an image, read as the window reads one */
static gboolean
classify_image (CnnNet        *net,
                CnnWorkspace  *ws,
                const char    *path,
                GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(ConvolveImage) image = convolve_image_load (file, NULL, error);

  if (image == NULL)
    return FALSE;
  print_prediction (net, ws, convolve_image_get_values (image));
  return TRUE;
}

static int
command_classify (int    argc,
                  char **argv)
{
  const GOptionEntry entries[] = { { NULL } };
  g_autoptr(GOptionContext) context = g_option_context_new ("MODEL FILE…");
  g_autoptr(CnnNet) net = NULL;
  g_autoptr(CnnWorkspace) ws = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context, "Classify digits: the rows of CSV files, and images.");
  g_option_context_set_description (context,
    "Each FILE is a CSV file or an image (PNG, JPEG, SVG, WebP, anything\n"
    "GdkPixbuf reads), told apart by its content, not its name. A CSV row\n"
    "(\"-\" reads standard input) holds 64 values 0..16, row-major from the\n"
    "top left, optionally followed by a label 0..9, which is ignored. An image is\n"
    "made 8×8 as the data set was: ink told from paper by the border, an Otsu\n"
    "threshold, the ink's box scaled to 32×32 and counted in 4×4 blocks.\n"
    "Prints one line per row or image, in the order given: the predicted\n"
    "class, then the probability of every class. A bad file stops there:\n"
    "the lines before it stand, the file is named on stderr, exit status 1.");
  if (!cli_parse_options (context, "classify", &argc, &argv))
    return CLI_EXIT_USAGE;
  if (argc < 3)
    return cli_usage_error ("classify", "expected MODEL FILE…");

  net = cli_load_model (argv[1]);
  if (net == NULL)
    return CLI_EXIT_FAILURE;

  ws = cnn_workspace_new (net);
  for (int i = 2; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = is_image_file (argv[i])
        ? classify_image (net, ws, argv[i], &error)
        : classify_csv (net, ws, argv[i], &error);

      if (!ok)
        {
          cli_error ("%s: %s", argv[i], error->message);
          return CLI_EXIT_FAILURE;
        }
    }
  return CLI_EXIT_OK;
}

/* ---- main --------------------------------------------------------------- */

typedef struct {
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "train",    command_train,     "Train a network on the builtin digits and save the model" },
  { "eval",     command_eval,      "Test a model: accuracy and confusion matrix" },
  { "classify", command_classify,  "Classify the rows of CSV files, and images" },
  { "bench",    cli_command_bench, "Measure inference and training speed" },
  { "samples",  cli_command_samples, "List, import and export your own labelled samples" },
  { "invariance", cli_command_invariance, "Test a model on shifted digits: accuracy per shift" },
  { "filters",  cli_command_filters, "Match a model's first-layer filters to classic ones" },
};

static void
print_help (FILE *out)
{
  fputs ("Usage:\n"
         "  convolve-cli COMMAND [OPTION...]\n"
         "\n"
         "Train, test and run the small convolutional networks of Convolve.\n"
         "\n"
         "Commands:\n", out);
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fputs ("\n"
         "Options:\n"
         "  -h, --help     Show this help\n"
         "  --version      Show the version\n"
         "\n"
         "Run 'convolve-cli COMMAND --help' for the options of a command.\n", out);
}

int
main (int    argc,
      char **argv)
{
  const char *name;

  /* Messages in the user's language and encoding, but numbers always with
   * a '.', since scripts parse them. */
  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");
  g_set_prgname ("convolve-cli");

  if (argc < 2)
    {
      print_help (stderr);
      return CLI_EXIT_USAGE;
    }

  name = argv[1];
  if (g_str_equal (name, "--help") || g_str_equal (name, "-h"))
    {
      print_help (stdout);
      return CLI_EXIT_OK;
    }
  if (g_str_equal (name, "--version"))
    {
      printf ("convolve-cli %s\n", PACKAGE_VERSION);
      return CLI_EXIT_OK;
    }
  if (g_str_equal (name, "help"))
    {
      if (argc < 3)
        {
          print_help (stdout);
          return CLI_EXIT_OK;
        }
      /* "help train" is "train --help" */
      for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
        if (g_str_equal (argv[2], commands[i].name))
          {
            char *help_argv[] = { argv[2], (char *) "--help", NULL };

            return commands[i].run (2, help_argv);
          }
      cli_error ("unknown command “%s”", argv[2]);
      return CLI_EXIT_USAGE;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (name, commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  if (name[0] == '-')
    cli_error ("unknown option “%s”", name);
  else
    cli_error ("unknown command “%s”", name);
  fputs ("Try 'convolve-cli --help' for more information.\n", stderr);
  return CLI_EXIT_USAGE;
}
