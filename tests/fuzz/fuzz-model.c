/* fuzz-model.c — libFuzzer target: the model loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is a model file's bytes. Built twice: fuzz-model takes them as
 * they are (the magic, version, length and checksum checks), and
 * fuzz-model-checksum (FUZZ_FIX_CHECKSUM) first makes the last 32 bytes
 * the SHA-256 of the rest, so the fuzzer gets past the checksum to the
 * spec, the counts and the weights. A model that loads must be a sound
 * network that saves and loads again to the same network.
 */
#include "fuzz-common.h"

#include <math.h>

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnNet) net = NULL;

#ifdef FUZZ_FIX_CHECKSUM
  if (size >= 32)
    {
      g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
      guint8 *copy = g_memdup2 (data, size);
      gsize digest_len = 32;

      g_checksum_update (sha, copy, (gssize) size - 32);
      g_checksum_get_digest (sha, copy + size - 32, &digest_len);
      bytes = g_bytes_new_take (copy, size);
    }
  else
#endif
    bytes = g_bytes_new (data, size);

  net = cnn_model_deserialize (bytes, &error);
  g_assert ((net == NULL) != (error == NULL));
  if (net == NULL)
    {
      fuzz_check_error (error);
      g_assert (error->domain == CNN_ERROR);
      return 0;
    }

  g_assert (net->n_layers >= 2 && net->n_layers <= CNN_LIMIT_LAYERS);
  g_assert (net->n_params <= CNN_LIMIT_PARAMS);
  for (gsize i = 0; i < net->n_params; i++)
    g_assert (isfinite (net->params[i]));

  /* saved and loaded again: the same network, weights bit for bit */
  {
    g_autoptr(GBytes) again = cnn_model_serialize (net);
    g_autoptr(CnnNet) back = cnn_model_deserialize (again, NULL);

    g_assert (back != NULL);
    g_assert (cnn_net_same_shape (net, back));
    g_assert (memcmp (net->params, back->params, net->n_params * sizeof (float)) == 0);
  }
  return 0;
}
