/* cnn-model.c — model files: the spec and the weights
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout is in cnn-model.h. Everything is written byte by byte in
 * little-endian order so a file saved on any machine loads on any other.
 *
 * Loading checks, in this order, and stops at the first failure:
 *   size ≤ CNN_LIMIT_MODEL_FILE_BYTES → CNN_ERROR_LIMIT (cnn_model_load reads
 *                         the header first, so a file that is not a model
 *                         or has another version says so however large)
 *   magic               → CNN_ERROR_MODEL_MAGIC
 *   version             → CNN_ERROR_MODEL_VERSION (1 and 2 are read)
 *   lengths fit the file → CNN_ERROR_MODEL_TRUNCATED (before the checksum, so
 *                         a file that is cut short says so, not "damaged";
 *                         bytes after the checksum are damage: CHECKSUM)
 *   SHA-256             → CNN_ERROR_MODEL_CHECKSUM
 *   spec                → CNN_ERROR_MODEL_MISMATCH: the file is intact, but
 *                         the network it describes cannot be built (e.g. a
 *                         layer this version does not know). Every error this
 *                         module raises itself is then a MODEL_* code, and
 *                         the spec parser's own message follows the prefix.
 *   parameter count     → CNN_ERROR_MODEL_MISMATCH, counted from the spec
 *                         before the network is built (cnn_spec_measure)
 *   NaN or ∞ weights    → CNN_ERROR_MODEL_MISMATCH: intact bytes that no
 *                         network could have learnt, so the weights do not
 *                         fit the network; cnn_model_save() refuses to write
 *                         them in the first place (CNN_ERROR_DIVERGED).
 *   temperature, record → CNN_ERROR_MODEL_MISMATCH (format 2): a temperature
 *                         that is not a positive number, a record that is
 *                         not text or has a value that cannot be read
 */
#include "config.h"

#include "cnn-model.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cnn-error.h"
#include "cnn-file.h"
#include "cnn-limits.h"

#define MAGIC_LEN 8
#define DIGEST_LEN 32
/* magic, version, spec length, (empty spec), parameter count, digest */
#define MIN_SIZE (MAGIC_LEN + 4 + 4 + 4 + DIGEST_LEN)

G_STATIC_ASSERT (sizeof (CNN_MODEL_MAGIC) - 1 == MAGIC_LEN);
G_STATIC_ASSERT (sizeof (float) == sizeof (guint32));

static void
append_u32 (GByteArray *out,
            guint32     v)
{
  guint8 b[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24 };

  g_byte_array_append (out, b, 4);
}

static guint32
read_u32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static gboolean
bits_are_finite (guint32 bits)
{
  /* an all-ones exponent is ∞ or NaN; bit test, so fast-math cannot fold it */
  return (bits & 0x7f800000u) != 0x7f800000u;
}

static gboolean
params_are_finite (const CnnNet *net)
{
  for (gsize i = 0; i < net->n_params; i++)
    {
      guint32 bits;

      memcpy (&bits, &net->params[i], 4);
      if (!bits_are_finite (bits))
        return FALSE;
    }
  return TRUE;
}

/* The shortest decimal that reads back as the same float: 0.02, not
 * 0.019999999552965164. */
static const char *
float_text (char  *buf,
            gsize  size,
            float  v)
{
  for (int digits = 1; digits <= 9; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, (int) size, format, (double) v);
      if ((float) g_ascii_strtod (buf, NULL) == v)
        break;
    }
  return buf;
}

/* The training record as text (see cnn-model.h). */
static GString *
record_to_text (const CnnTrainRecord *r)
{
  GString *s = g_string_new (NULL);
  char num[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *data = g_utf8_make_valid (r->data, -1);

  /* one line per value: a newline in the data description would start a
   * new key, so it becomes a space */
  g_strdelimit (data, "\n\r", ' ');
#define FLOAT(x) float_text (num, sizeof num, (x))
  g_string_append_printf (s, "optimizer=%s\n", cnn_optimizer_kind_to_string (r->optimizer));
  g_string_append_printf (s, "lr=%s\n", FLOAT (r->lr));
  g_string_append_printf (s, "lr-decay=%s\n", r->lr_decay ? "true" : "false");
  g_string_append_printf (s, "batch=%d\n", r->batch_size);
  g_string_append_printf (s, "epochs=%d\n", r->epochs);
  g_string_append_printf (s, "weight-decay=%s\n", FLOAT (r->weight_decay));
  g_string_append_printf (s, "augment=%s\n", cnn_augment_to_string (r->augment));
  g_string_append_printf (s, "label-smoothing=%s\n", FLOAT (r->label_smoothing));
  g_string_append_printf (s, "seed=%" G_GUINT64_FORMAT "\n", r->seed);
  g_string_append_printf (s, "train-samples=%u\n", r->n_train);
  g_string_append_printf (s, "validation-samples=%u\n", r->n_validation);
  g_string_append_printf (s, "test-accuracy=%s\n", FLOAT (r->test_accuracy));
  g_string_append_printf (s, "data=%s\n", data);
#undef FLOAT
  return s;
}

static gboolean
parse_float (const char *text,
             float      *out)
{
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);

  if (end == text || *end != '\0' || !isfinite (v))
    return FALSE;
  *out = (float) v;
  return TRUE;
}

static gboolean
parse_int (const char *text,
           gint64      min,
           gint64      max,
           gint64     *out)
{
  return g_ascii_string_to_signed (text, 10, min, max, out, NULL);
}

/* Reads the record written by record_to_text() into r (zeroed first). */
static gboolean
record_from_text (const char      *text,
                  gsize            len,
                  CnnTrainRecord  *r,
                  GError         **error)
{
  g_autofree char *copy = NULL;
  g_auto(GStrv) lines = NULL;

  memset (r, 0, sizeof *r);
  r->test_accuracy = -1.0f;
  if (!g_utf8_validate_len (text, len, NULL))
    goto bad;
  copy = g_strndup (text, len);
  lines = g_strsplit (copy, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *eq = strchr (line, '=');
      g_autofree char *key = NULL;
      const char *value;
      gint64 v = 0;
      guint64 u = 0;
      gboolean ok = TRUE;

      if (line[0] == '\0')
        continue;
      if (eq == NULL)
        goto bad;
      key = g_strndup (line, eq - line);
      value = eq + 1;

      if (g_str_equal (key, "optimizer"))
        ok = cnn_optimizer_kind_from_string (value, &r->optimizer);
      else if (g_str_equal (key, "lr"))
        ok = parse_float (value, &r->lr);
      else if (g_str_equal (key, "lr-decay"))
        {
          ok = g_str_equal (value, "true") || g_str_equal (value, "false");
          r->lr_decay = g_str_equal (value, "true");
        }
      else if (g_str_equal (key, "batch"))
        {
          ok = parse_int (value, 0, G_MAXINT, &v);
          r->batch_size = (int) v;
        }
      else if (g_str_equal (key, "epochs"))
        {
          ok = parse_int (value, 0, G_MAXINT, &v);
          r->epochs = (int) v;
        }
      else if (g_str_equal (key, "weight-decay"))
        ok = parse_float (value, &r->weight_decay);
      else if (g_str_equal (key, "augment"))
        ok = cnn_augment_from_string (value, &r->augment);
      else if (g_str_equal (key, "label-smoothing"))
        ok = parse_float (value, &r->label_smoothing);
      else if (g_str_equal (key, "seed"))
        {
          ok = g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT64, &u, NULL);
          r->seed = u;
        }
      else if (g_str_equal (key, "train-samples"))
        {
          ok = parse_int (value, 0, G_MAXUINT32, &v);
          r->n_train = (guint32) v;
        }
      else if (g_str_equal (key, "validation-samples"))
        {
          ok = parse_int (value, 0, G_MAXUINT32, &v);
          r->n_validation = (guint32) v;
        }
      else if (g_str_equal (key, "test-accuracy"))
        ok = parse_float (value, &r->test_accuracy);
      else if (g_str_equal (key, "data"))
        g_utf8_strncpy (r->data, value, g_utf8_strlen (value, sizeof r->data - 1));
      /* else: a key of a later version */

      if (!ok)
        goto bad;
    }
  return TRUE;

bad:
  g_set_error_literal (error, CNN_ERROR, CNN_ERROR_MODEL_MISMATCH,
                       _("The model file’s training record cannot be read"));
  return FALSE;
}

GBytes *
cnn_model_serialize (const CnnNet *net)
{
  g_autoptr(GChecksum) sha = NULL;
  g_autoptr(GString) record = NULL;
  GByteArray *out;
  gsize spec_len;
  guint8 digest[DIGEST_LEN];
  gsize digest_len = DIGEST_LEN;
  guint32 bits;

  g_return_val_if_fail (net != NULL, NULL);
  g_return_val_if_fail (net->spec != NULL, NULL);
  g_return_val_if_fail (net->n_params <= G_MAXUINT32, NULL);

  spec_len = strlen (net->spec);
  g_return_val_if_fail (spec_len <= G_MAXUINT32, NULL);

  out = g_byte_array_sized_new ((guint) (MIN_SIZE + spec_len + 4 * net->n_params));
  g_byte_array_append (out, (const guint8 *) CNN_MODEL_MAGIC, MAGIC_LEN);
  append_u32 (out, CNN_MODEL_VERSION);
  append_u32 (out, (guint32) spec_len);
  g_byte_array_append (out, (const guint8 *) net->spec, (guint) spec_len);
  append_u32 (out, (guint32) net->n_params);
  for (gsize i = 0; i < net->n_params; i++)
    {
      memcpy (&bits, &net->params[i], 4);
      append_u32 (out, bits);
    }
  /* format 2: the temperature and the training record */
  memcpy (&bits, &net->temperature, 4);
  append_u32 (out, bits);
  record = net->has_record ? record_to_text (&net->record) : g_string_new (NULL);
  append_u32 (out, (guint32) record->len);
  g_byte_array_append (out, (const guint8 *) record->str, (guint) record->len);

  sha = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (sha, out->data, out->len);
  g_checksum_get_digest (sha, digest, &digest_len);
  g_assert (digest_len == DIGEST_LEN);
  g_byte_array_append (out, digest, DIGEST_LEN);

  return g_byte_array_free_to_bytes (out);
}

static gboolean
truncated (GError **error)
{
  g_set_error_literal (error, CNN_ERROR, CNN_ERROR_MODEL_TRUNCATED,
                       _("The model file is cut short"));
  return FALSE;
}

CnnNet *
cnn_model_deserialize (GBytes  *bytes,
                       GError **error)
{
  g_autoptr(GChecksum) sha = NULL;
  g_autoptr(GError) spec_error = NULL;
  g_autoptr(CnnNet) net = NULL;
  g_autofree char *spec = NULL;
  CnnSpecSize spec_size;
  const guint8 *data, *p;
  gsize size;
  guint32 version, spec_len, n_params, record_len = 0;
  guint64 expected;
  guint8 digest[DIGEST_LEN];
  gsize digest_len = DIGEST_LEN;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &size);

  if (size > CNN_LIMIT_MODEL_FILE_BYTES)
    {
      cnn_file_set_limit_error (error, CNN_LIMIT_MODEL_FILE_BYTES, _("a model file"));
      return NULL;
    }

  /* A file shorter than the magic that starts like it (an empty file too)
   * is a model cut short; anything else that does not start with it is
   * some other file. */
  if (size > 0 && memcmp (data, CNN_MODEL_MAGIC, MIN (size, MAGIC_LEN)) != 0)
    {
      g_set_error_literal (error, CNN_ERROR, CNN_ERROR_MODEL_MAGIC,
                           _("The file is not a Convolve model"));
      return NULL;
    }
  if (size < MAGIC_LEN + 4)
    {
      truncated (error);
      return NULL;
    }

  version = read_u32 (data + MAGIC_LEN);
  if (version < 1 || version > CNN_MODEL_VERSION)
    {
      g_set_error (error, CNN_ERROR, CNN_ERROR_MODEL_VERSION,
                   _("The model file has format version %u; this version of Convolve reads versions 1 to %d"),
                   version, CNN_MODEL_VERSION);
      return NULL;
    }

  /* 64-bit sums: a hostile spec length or count cannot wrap around */
  if (size < MIN_SIZE)
    {
      truncated (error);
      return NULL;
    }
  spec_len = read_u32 (data + MAGIC_LEN + 4);
  if ((guint64) MIN_SIZE + spec_len > size)
    {
      truncated (error);
      return NULL;
    }
  p = data + MAGIC_LEN + 8 + spec_len;
  n_params = read_u32 (p);
  expected = (guint64) MIN_SIZE + spec_len + 4 * (guint64) n_params;
  if (version >= 2)
    {
      /* the temperature and the record's length follow the parameters */
      if (expected + 8 > size)
        {
          truncated (error);
          return NULL;
        }
      record_len = read_u32 (data + expected - DIGEST_LEN + 4);
      expected += 8 + (guint64) record_len;
    }
  if (expected > size)
    {
      truncated (error);
      return NULL;
    }

  sha = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (sha, data, (gssize) (expected - DIGEST_LEN));
  g_checksum_get_digest (sha, digest, &digest_len);
  if (expected != size ||
      memcmp (digest, data + expected - DIGEST_LEN, DIGEST_LEN) != 0)
    {
      g_set_error_literal (error, CNN_ERROR, CNN_ERROR_MODEL_CHECKSUM,
                           _("The model file is damaged (checksum mismatch)"));
      return NULL;
    }

  spec = g_strndup ((const char *) data + MAGIC_LEN + 8, spec_len);
  if (strlen (spec) != spec_len || !g_utf8_validate (spec, -1, NULL))
    {
      g_set_error_literal (error, CNN_ERROR, CNN_ERROR_MODEL_MISMATCH,
                           _("The model file’s network description is not text"));
      return NULL;
    }

  /* counted from the spec before anything of the network's size is
   * allocated: a small file cannot make the loader build a huge network */
  if (!cnn_spec_measure (spec, &spec_size, &spec_error))
    {
      g_set_error (error, CNN_ERROR, CNN_ERROR_MODEL_MISMATCH,
                   _("The model file’s network cannot be built: %s"),
                   spec_error->message);
      return NULL;
    }

  if (n_params != spec_size.n_params)
    {
      g_set_error (error, CNN_ERROR, CNN_ERROR_MODEL_MISMATCH,
                   _("The model file does not fit its network: it holds %u weights, the network has %lu"),
                   n_params, (unsigned long) spec_size.n_params);
      return NULL;
    }

  net = cnn_net_new (spec, error);
  if (net == NULL)
    return NULL;

  p += 4;
  for (guint32 i = 0; i < n_params; i++, p += 4)
    {
      guint32 bits = read_u32 (p);

      if (!bits_are_finite (bits))
        {
          g_set_error_literal (error, CNN_ERROR, CNN_ERROR_MODEL_MISMATCH,
                               _("The model file holds weights that are not numbers"));
          return NULL;
        }
      memcpy (&net->params[i], &bits, 4);
    }

  if (version >= 2)
    {
      guint32 bits = read_u32 (p);

      memcpy (&net->temperature, &bits, 4);
      if (!bits_are_finite (bits) || !(net->temperature > 0.0f))
        {
          g_set_error_literal (error, CNN_ERROR, CNN_ERROR_MODEL_MISMATCH,
                               _("The model file’s temperature is not a positive number"));
          return NULL;
        }
      if (record_len > 0)
        {
          if (!record_from_text ((const char *) p + 8, record_len, &net->record, error))
            return NULL;
          net->has_record = TRUE;
        }
    }

  return g_steal_pointer (&net);
}

gboolean
cnn_model_save (const CnnNet  *net,
                const char    *path,
                GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  const void *data;
  gsize len;

  g_return_val_if_fail (net != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* such a file could never be loaded again; say so now, not then */
  if (!params_are_finite (net))
    {
      g_set_error_literal (error, CNN_ERROR, CNN_ERROR_DIVERGED,
                           _("The model’s weights are not numbers (training diverged); it was not saved"));
      return FALSE;
    }

  bytes = cnn_model_serialize (net);
  data = g_bytes_get_data (bytes, &len);

  /* a temporary file renamed over the target (a link's target, not the
   * link), so an interrupted save leaves the old file intact */
  return cnn_file_replace_contents (path, data, len, error);
}

CnnNet *
cnn_model_load (GFile         *file,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint8 head[MAGIC_LEN + 4];
  gsize head_len = 0;
  guint64 size = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  in = g_file_read (file, cancellable, error);
  if (in == NULL)
    return NULL;

  /* The magic and the version first: a file that is not a model, or is
   * one of another version, is told so from 12 bytes however large it is.
   * The header alone is never a whole model: any other error of it (cut
   * short) is left for the whole file. */
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &head_len,
                                cancellable, error))
    return NULL;
  {
    g_autoptr(GBytes) head_bytes = g_bytes_new_static (head, head_len);
    g_autoptr(GError) head_error = NULL;
    CnnNet *none = cnn_model_deserialize (head_bytes, &head_error);

    g_clear_pointer (&none, cnn_net_unref);
    if (head_error != NULL && head_error->domain == CNN_ERROR
        && (head_error->code == CNN_ERROR_MODEL_MAGIC || head_error->code == CNN_ERROR_MODEL_VERSION))
      {
        g_propagate_error (error, g_steal_pointer (&head_error));
        return NULL;
      }
  }

  /* Then the size, from the file system when it knows (not for a pipe),
   * else while reading: nothing larger than a model can be is read. */
  info = g_file_input_stream_query_info (in, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
    size = (guint64) MAX (g_file_info_get_size (info), 0);

  bytes = cnn_file_read_bounded (G_INPUT_STREAM (in), head, head_len, size,
                                 CNN_LIMIT_MODEL_FILE_BYTES, _("a model file"),
                                 cancellable, error);
  if (bytes == NULL)
    return NULL;

  return cnn_model_deserialize (bytes, error);
}
