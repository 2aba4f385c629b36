/* convolve-cli-lessons.c — `convolve-cli invariance` and `filters`: the two
 * lessons of CNNs, measured on a model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fixed stdout formats (scripts and the README rely on them):
 *   invariance  25 lines "DX DY ACCURACY", DX and DY in −2..2 written with
 *               an ASCII '-', DY outer and DX inner, both ascending,
 *               ACCURACY with 4 decimals; no header. The "0 0" line is
 *               `convolve-cli eval`'s accuracy on the same data.
 *   filters     one line per kernel of the first conv layer,
 *               "LAYER FILTER CLASSIC SIMILARITY": the layer's 0-based
 *               index in the spec, the filter's 0-based index, the id of
 *               the most similar classic filter (cnn-classic.h) and the
 *               signed cosine with it, 4 decimals.
 */
#include "config.h"

#include <stdio.h>

#include <gio/gio.h>

#include "convolve-cli.h"

/* ---- invariance --------------------------------------------------------- */

int
cli_command_invariance (int    argc,
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
  double accuracy[CNN_N_SHIFTS];
  CnnSplit kind = CNN_SPLIT_STRATIFIED;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context, "Test a model on its test data shifted by -2..2 cells.");
  g_option_context_set_description (context,
    "Shifts every test digit by -2..2 cells in x (right) and y (down), filling\n"
    "with blank cells, and prints the accuracy of each shift: 25 lines\n"
    "\"DX DY ACCURACY\", DY outer and DX inner, both ascending, no header.\n"
    "The \"0 0\" line is the accuracy 'convolve-cli eval' prints. The default\n"
    "data is the builtin stratified test split (only the 0s and 1s for a\n"
    "two-class model).");
  if (!cli_parse_options (context, "invariance", &argc, &argv))
    return CLI_EXIT_USAGE;
  if (argc < 2)
    return cli_usage_error ("invariance", "missing MODEL");
  if (argc > 2)
    return cli_usage_error ("invariance", "unexpected argument");
  if (!cli_parse_split (split, &kind))
    return cli_usage_error ("invariance", "--split must be stratified or head");
  if (csv != NULL && split != NULL)
    return cli_usage_error ("invariance", "--csv and --split do not go together");

  net = cli_load_model (argv[1]);
  if (net == NULL)
    return CLI_EXIT_FAILURE;

  /* the same data as `eval`, so the 0 0 line is its accuracy */
  test = cli_load_test_data (csv, kind, net);
  if (test == NULL)
    return CLI_EXIT_FAILURE;

  cnn_invariance_accuracy (net, NULL, test, accuracy);
  for (int i = 0; i < CNN_N_SHIFTS; i++)
    printf ("%d %d %.4f\n", cnn_shift_dx (i), cnn_shift_dy (i), accuracy[i]);
  return CLI_EXIT_OK;
}

/* ---- filters ------------------------------------------------------------ */

int
cli_command_filters (int    argc,
                     char **argv)
{
  const GOptionEntry entries[] = { { NULL } };
  g_autoptr(GOptionContext) context = g_option_context_new ("MODEL");
  g_autoptr(CnnNet) net = NULL;
  const CnnLayer *l = NULL;
  int layer = -1;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context, "Compare a model's first-layer filters with classic ones.");
  g_option_context_set_description (context,
    "For every kernel of the first convolution, prints \"LAYER FILTER CLASSIC\n"
    "SIMILARITY\": the layer's index in the spec and the filter's (both from\n"
    "0), the most similar of 12 classic 3x3 filters by the size of the cosine\n"
    "(sobel-x, sobel-y, prewitt-x, prewitt-y, laplacian, box, sharpen,\n"
    "gabor-0, gabor-45, gabor-90, gabor-135, identity) and the signed cosine:\n"
    "-0.97 is a Sobel x with its sign flipped.");
  if (!cli_parse_options (context, "filters", &argc, &argv))
    return CLI_EXIT_USAGE;
  if (argc < 2)
    return cli_usage_error ("filters", "missing MODEL");
  if (argc > 2)
    return cli_usage_error ("filters", "unexpected argument");

  net = cli_load_model (argv[1]);
  if (net == NULL)
    return CLI_EXIT_FAILURE;

  for (int i = 0; i < net->n_layers && layer < 0; i++)
    if (net->layers[i].kind == CNN_LAYER_CONV)
      layer = i;
  if (layer < 0)
    {
      cli_error ("%s: the network (%s) has no convolution", argv[1], net->spec);
      return CLI_EXIT_FAILURE;
    }
  l = &net->layers[layer];
  /* before the first conv only ReLUs and pools: one input channel */
  if (l->k != CNN_CLASSIC_SIZE || l->in.c != 1)
    {
      cli_error ("%s: the first convolution's kernels are %d×%d, the classic filters 3×3",
                 argv[1], l->k, l->k);
      return CLI_EXIT_FAILURE;
    }

  for (int f = 0; f < l->out.c; f++)
    {
      float kernel[CNN_CLASSIC_TAPS];
      double similarity = 0.0;
      int match;

      cnn_conv_kernel (net, net->params, layer, f, 0, kernel);
      match = cnn_classic_match (kernel, &similarity);
      /* a kernel of zeros resembles nothing: "none 0.0000" */
      printf ("%d %d %s %.4f\n", layer, f, match >= 0 ? cnn_classic_id (match) : "none",
              similarity);
    }
  return CLI_EXIT_OK;
}
