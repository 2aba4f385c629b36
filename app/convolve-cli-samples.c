/* convolve-cli-samples.c — `convolve-cli samples`: the app's own samples
 * file, from a script
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same store the window uses (convolve-samples.h): every change is
 * written atomically, a file that cannot be read is moved aside and never
 * overwritten. Fixed stdout formats:
 *   list    one line per sample, "INDEX LABEL", INDEX 0-based in file order
 *   import  "added N, M in all"
 *   export  nothing
 * The file's path and the number of samples go to stderr for list.
 */
#include "config.h"

#include <stdio.h>

#include <gio/gio.h>

#include "convolve-cli.h"
#include "convolve-samples.h"

int
cli_command_samples (int    argc,
                     char **argv)
{
  g_autofree char *path = NULL;
  const GOptionEntry entries[] = {
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &path, "The samples file (default: the app's, $XDG_DATA_HOME/convolve/samples.csv)", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("list | import FILE.csv… | export FILE.csv");
  g_autoptr(ConvolveSamples) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *action;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context, "List, import and export your own labelled samples.");
  g_option_context_set_description (context,
    "The samples Convolve keeps for you (Add to Samples in the window), in the\n"
    "shipped CSV format: 64 values 0..16 and a label 0..9 per line.\n"
    "  list              one line per sample: \"INDEX LABEL\"\n"
    "  import FILE.csv…  appends every sample of each file; a bad file is\n"
    "                    refused whole (line and column named) and adds nothing\n"
    "  export FILE.csv   writes every sample to FILE.csv\n"
    "Train on them with 'convolve-cli train --csv FILE --repeat N'.");
  if (!cli_parse_options (context, "samples", &argc, &argv))
    return CLI_EXIT_USAGE;
  if (argc < 2)
    return cli_usage_error ("samples", "missing list, import or export");
  action = argv[1];
  if (g_str_equal (action, "list") && argc != 2)
    return cli_usage_error ("samples", "list takes no argument");
  if (g_str_equal (action, "import") && argc < 3)
    return cli_usage_error ("samples", "import: missing FILE.csv");
  if (g_str_equal (action, "export") && argc != 3)
    return cli_usage_error ("samples", "export takes one FILE.csv");
  if (!g_str_equal (action, "list") && !g_str_equal (action, "import")
      && !g_str_equal (action, "export"))
    return cli_usage_error ("samples", "expected list, import or export");

  store = convolve_samples_new (path);
  if (!convolve_samples_load (store, &error))
    {
      cli_error ("%s: %s", convolve_samples_get_path (store), error->message);
      return CLI_EXIT_FAILURE;
    }

  if (g_str_equal (action, "list"))
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

      fprintf (stderr, "%s: %u sample%s\n", convolve_samples_get_path (store), n, n == 1 ? "" : "s");
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ConvolveSample) sample = g_list_model_get_item (G_LIST_MODEL (store), i);

          printf ("%u %d\n", i, convolve_sample_get_label (sample));
        }
      return CLI_EXIT_OK;
    }

  if (g_str_equal (action, "import"))
    {
      guint added = 0;

      /* each file whole or not at all; the ones before a bad one stay */
      for (int i = 2; i < argc; i++)
        {
          g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
          guint n = 0;

          if (!convolve_samples_import (store, file, NULL, &n, &error))
            {
              if (added > 0)
                printf ("added %u, %u in all\n", added, g_list_model_get_n_items (G_LIST_MODEL (store)));
              cli_error ("%s: %s", argv[i], error->message);
              return CLI_EXIT_FAILURE;
            }
          added += n;
        }
      printf ("added %u, %u in all\n", added, g_list_model_get_n_items (G_LIST_MODEL (store)));
      return CLI_EXIT_OK;
    }

  {
    g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[2]);

    if (!convolve_samples_export (store, file, &error))
      {
        cli_error ("%s: %s", argv[2], error->message);
        return CLI_EXIT_FAILURE;
      }
  }
  return CLI_EXIT_OK;
}
