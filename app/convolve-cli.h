/* convolve-cli.h — what the CLI's command files share (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cnn.h"

G_BEGIN_DECLS

/* Exit statuses: 1 for a failure (bad file, training diverged), 2 for a
 * command line that does not parse — the convention of grep and friends. */
#define CLI_EXIT_OK      0
#define CLI_EXIT_FAILURE 1
#define CLI_EXIT_USAGE   2

/* "convolve-cli: message" on stderr. */
void     cli_error (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* Parses a command's options; argv[0] is the command's name. On a usage
 * error prints it with a hint and returns FALSE (the caller exits with
 * CLI_EXIT_USAGE). --help prints and exits 0 inside GLib. */
gboolean cli_parse_options (GOptionContext *context, const char *command,
                            int *argc, char ***argv);

/* Prints message and the --help hint for command; returns CLI_EXIT_USAGE */
int      cli_usage_error (const char *command, const char *message);
/* --split: NULL or "stratified", or "head"; FALSE for anything else */
gboolean cli_parse_split (const char *split, CnnSplit *kind);
/* --csv FILE and --split KIND of the commands that test a model */
#define CLI_TEST_DATA_OPTIONS(csv, split) \
  { "csv", 0, 0, G_OPTION_ARG_FILENAME, &(csv), "Test on this file instead (64 values 0..16 and a label per line)", "FILE" }, \
  { "split", 0, 0, G_OPTION_ARG_STRING, &(split), "Builtin test split: stratified (default) or head", "KIND" }

/* "Intel(R) Xeon(R) …" from /proc/cpuinfo, or NULL. */
char    *cli_cpu_model (void);

/* A model file, or NULL after printing why. */
CnnNet  *cli_load_model (const char *path);
/* A labelled CSV fitted to a network of n_classes outputs (a two-class
 * network takes only the 0s and 1s), or NULL with error. */
CnnDataset *cli_load_labelled_csv (const char *path, int n_classes, GError **error);
/* What eval scores on: the rows of csv, else the built-in split for net's
 * classes; NULL after saying why on stderr */
CnnDataset *cli_load_test_data (const char *csv, CnnSplit split, const CnnNet *net);

/* `convolve-cli bench` (convolve-cli-bench.c); argv[0] is "bench". */
int      cli_command_bench (int argc, char **argv);
/* `convolve-cli invariance` and `filters` (convolve-cli-lessons.c). */
int      cli_command_invariance (int argc, char **argv);
int      cli_command_filters (int argc, char **argv);
/* `convolve-cli samples` (convolve-cli-samples.c). */
int      cli_command_samples (int argc, char **argv);

G_END_DECLS
