/* test-model.c — model files: round trip, and every way a file can be bad
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cnn-error.h"
#include "cnn-model.h"
#include "cnn-net.h"
#include "cnn-rng.h"
#include "test-tmpdir.h"

#define TMPDIR_TEMPLATE "convolve-test-model-XXXXXX"

static CnnNet *
make_net (const char *spec,
          guint64     seed)
{
  g_autoptr(GError) error = NULL;
  CnnNet *net = cnn_net_new (spec, &error);
  CnnRng rng;

  g_assert_no_error (error);
  g_assert_nonnull (net);
  cnn_rng_init (&rng, seed);
  cnn_net_init_weights (net, &rng);

  return net;
}

static void
put_u32 (GByteArray *a,
         guint32     v)
{
  guint8 b[4] = { v, v >> 8, v >> 16, v >> 24 };

  g_byte_array_append (a, b, 4);
}

/* The file layout of cnn-model.h, written out independently of the
 * engine's writer, with a correct checksum, so a test can make exactly one
 * thing wrong at a time. With record NULL: the format 1 layout (no
 * temperature, no record), as Convolve wrote before format 2; else the
 * format 2 tail: the temperature, the record's length and the record. */
static GBytes *
build_file_with (const char  *magic,
                 guint32      version,
                 const char  *spec,
                 guint32      n_params,
                 const float *params,
                 float        temperature,
                 const char  *record)
{
  GByteArray *a = g_byte_array_new ();
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize digest_len = sizeof digest;

  g_byte_array_append (a, (const guint8 *) magic, 8);
  put_u32 (a, version);
  put_u32 (a, (guint32) strlen (spec));
  g_byte_array_append (a, (const guint8 *) spec, (guint) strlen (spec));
  put_u32 (a, n_params);
  for (guint32 i = 0; i < n_params; i++)
    {
      guint32 bits;

      memcpy (&bits, &params[i], 4);
      put_u32 (a, bits);
    }
  if (record != NULL)
    {
      guint32 bits;

      memcpy (&bits, &temperature, 4);
      put_u32 (a, bits);
      put_u32 (a, (guint32) strlen (record));
      g_byte_array_append (a, (const guint8 *) record, (guint) strlen (record));
    }
  g_checksum_update (sha, a->data, a->len);
  g_checksum_get_digest (sha, digest, &digest_len);
  g_byte_array_append (a, digest, 32);

  return g_byte_array_free_to_bytes (a);
}

/* A format 1 file (or one claiming another version with that layout) */
static GBytes *
build_file (const char  *magic,
            guint32      version,
            const char  *spec,
            guint32      n_params,
            const float *params)
{
  return build_file_with (magic, version, spec, n_params, params, 1.0f, NULL);
}

/* bytes with one byte changed */
static GBytes *
with_byte (GBytes *bytes,
           gsize   offset,
           guint8  value)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  guint8 *copy = g_memdup2 (data, len);

  g_assert_cmpuint (offset, <, len);
  copy[offset] = value;
  return g_bytes_new_take (copy, len);
}

static void
assert_rejected (GBytes     *bytes,
                 CnnError    code,
                 const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnNet) net = cnn_model_deserialize (bytes, &error);

  g_assert_null (net);
  g_assert_error (error, CNN_ERROR, (int) code);
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("error “%s” does not contain “%s”", error->message, message_part);
}

static void
assert_same_net (const CnnNet *a,
                 const CnnNet *b)
{
  g_assert_cmpstr (a->spec, ==, b->spec);
  g_assert_cmpuint (a->n_params, ==, b->n_params);
  g_assert_cmpint (a->n_classes, ==, b->n_classes);
  g_assert_cmpmem (a->params, a->n_params * sizeof (float),
                   b->params, b->n_params * sizeof (float));
}

static void
test_roundtrip (void)
{
  g_autofree char *dir = test_tmpdir_new (TMPDIR_TEMPLATE);
  g_autofree char *path = g_build_filename (dir, "digits.cnvl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CnnNet) net = make_net (CNN_SPEC_DIGITS, 42);
  g_autoptr(CnnNet) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gboolean any_nonzero = FALSE;

  /* seeded weights, so the comparison below is not of two zero blobs */
  for (gsize i = 0; i < net->n_params; i++)
    any_nonzero |= net->params[i] != 0.0f;
  g_assert_true (any_nonzero);

  g_assert_true (cnn_model_save (net, path, &error));
  g_assert_no_error (error);

  loaded = cnn_model_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  assert_same_net (net, loaded);
  g_assert_true (cnn_net_same_shape (net, loaded));

  test_tmpdir_remove (dir);
}

static void
test_roundtrip_small (void)
{
  g_autoptr(CnnNet) net = make_net (CNN_SPEC_ZERO_OR_ONE, 7);
  g_autoptr(GBytes) bytes = cnn_model_serialize (net);
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnNet) loaded = cnn_model_deserialize (bytes, &error);
  g_autoptr(GBytes) again = NULL;

  g_assert_no_error (error);
  assert_same_net (net, loaded);
  g_assert_cmpint (loaded->n_classes, ==, 2);

  /* serialising the loaded net gives the same bytes back */
  again = cnn_model_serialize (loaded);
  g_assert_true (g_bytes_equal (bytes, again));
}

/* A record as a trainer leaves it, with a description that is not ASCII */
static void
fill_record (CnnNet *net)
{
  net->temperature = 1.375f;
  net->has_record = TRUE;
  net->record = (CnnTrainRecord) {
    .optimizer = CNN_OPTIMIZER_SGD,
    .lr = 0.05f,
    .lr_decay = TRUE,
    .batch_size = 16,
    .epochs = 12,
    .weight_decay = 1e-4f,
    .augment = CNN_AUGMENT_SHIFT,
    .label_smoothing = 0.1f,
    .seed = G_GUINT64_CONSTANT (18446744073709551615),
    .n_train = 1293,
    .n_validation = 144,
    .test_accuracy = 0.9861111f,
  };
  g_strlcpy (net->record.data, "UCI digits — stratified split + 12 of mine", sizeof net->record.data);
}

static const char expected_record[] =
  "optimizer=sgd\n"
  "lr=0.05\n"
  "lr-decay=true\n"
  "batch=16\n"
  "epochs=12\n"
  "weight-decay=0.0001\n"
  "augment=shift\n"
  "label-smoothing=0.1\n"
  "seed=18446744073709551615\n"
  "train-samples=1293\n"
  "validation-samples=144\n"
  "test-accuracy=0.9861111\n"
  "data=UCI digits — stratified split + 12 of mine\n";

static void
test_layout (void)
{
  g_autoptr(CnnNet) net = make_net (CNN_SPEC_DIGITS, 1);
  g_autoptr(GBytes) bytes = cnn_model_serialize (net);
  g_autoptr(GBytes) by_hand = build_file_with (CNN_MODEL_MAGIC, 2, net->spec,
                                               (guint32) net->n_params, net->params, 1.0f, "");
  g_autoptr(GBytes) with_record = NULL;
  g_autoptr(GBytes) with_record_by_hand = NULL;
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  gsize tail = 8 + 4 + 4 + strlen (net->spec) + 4 + 4 * net->n_params;

  /* exactly the documented layout, little-endian whatever the host:
   * format 2, temperature 1.0f (0x3f800000), no record (length 0) */
  g_assert_cmpint (CNN_MODEL_VERSION, ==, 2);
  g_assert_cmpuint (len, ==, tail + 4 + 4 + 32);
  g_assert_cmpmem (data, 8, "CNVLVMDL", 8);
  g_assert_cmpuint (data[8], ==, 2);
  g_assert_cmpuint (data[9] | data[10] | data[11], ==, 0);
  g_assert_cmpmem (data + tail, 8, "\0\0\x80\x3f\0\0\0\0", 8);
  g_assert_true (g_bytes_equal (bytes, by_hand));

  /* and the record as the header documents it */
  fill_record (net);
  with_record = cnn_model_serialize (net);
  with_record_by_hand = build_file_with (CNN_MODEL_MAGIC, 2, net->spec, (guint32) net->n_params,
                                         net->params, 1.375f, expected_record);
  g_assert_true (g_bytes_equal (with_record, with_record_by_hand));
}

/* temperature and record come back as they went */
static void
test_roundtrip_record (void)
{
  g_autoptr(CnnNet) net = make_net (CNN_SPEC_DIGITS, 5);
  g_autoptr(CnnNet) copy = NULL;
  g_autoptr(CnnNet) loaded = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  fill_record (net);
  /* cnn_net_copy carries them too */
  copy = cnn_net_copy (net);
  g_assert_cmpfloat (copy->temperature, ==, 1.375f);
  g_assert_true (copy->has_record);
  g_assert_cmpmem (&copy->record, sizeof copy->record, &net->record, sizeof net->record);

  bytes = cnn_model_serialize (copy);
  loaded = cnn_model_deserialize (bytes, &error);
  g_assert_no_error (error);
  assert_same_net (net, loaded);
  g_assert_cmpfloat (loaded->temperature, ==, 1.375f);
  g_assert_true (loaded->has_record);
  g_assert_cmpint (loaded->record.optimizer, ==, CNN_OPTIMIZER_SGD);
  g_assert_cmpfloat (loaded->record.lr, ==, 0.05f);
  g_assert_true (loaded->record.lr_decay);
  g_assert_cmpint (loaded->record.batch_size, ==, 16);
  g_assert_cmpint (loaded->record.epochs, ==, 12);
  g_assert_cmpfloat (loaded->record.weight_decay, ==, 1e-4f);
  g_assert_cmpint (loaded->record.augment, ==, CNN_AUGMENT_SHIFT);
  g_assert_cmpfloat (loaded->record.label_smoothing, ==, 0.1f);
  g_assert_cmpuint (loaded->record.seed, ==, G_MAXUINT64);
  g_assert_cmpuint (loaded->record.n_train, ==, 1293);
  g_assert_cmpuint (loaded->record.n_validation, ==, 144);
  g_assert_cmpfloat (loaded->record.test_accuracy, ==, 0.9861111f);
  g_assert_cmpstr (loaded->record.data, ==, net->record.data);

  /* fresh weights forget both: they were about the old ones */
  {
    CnnRng rng;

    cnn_rng_init (&rng, 1);
    cnn_net_init_weights (loaded, &rng);
    g_assert_cmpfloat (loaded->temperature, ==, 1.0f);
    g_assert_false (loaded->has_record);
  }
}

/* A format 1 file, as Convolve wrote before format 2 (made here, byte by
 * byte): it loads with temperature 1 and no record, and saving it again
 * writes format 2 with the same weights. */
static void
test_format_1 (void)
{
  g_autofree char *dir = test_tmpdir_new (TMPDIR_TEMPLATE);
  g_autofree char *old_path = g_build_filename (dir, "old.cnvm", NULL);
  g_autofree char *new_path = g_build_filename (dir, "new.cnvm", NULL);
  g_autoptr(GFile) old_file = g_file_new_for_path (old_path);
  g_autoptr(GFile) new_file = g_file_new_for_path (new_path);
  g_autoptr(CnnNet) net = make_net (CNN_SPEC_DIGITS, 9);
  g_autoptr(GBytes) v1 = build_file (CNN_MODEL_MAGIC, 1, net->spec, (guint32) net->n_params,
                                     net->params);
  g_autoptr(CnnNet) loaded = NULL;
  g_autoptr(CnnNet) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_cmpuint (g_bytes_get_size (v1), ==,
                    8 + 4 + 4 + strlen (net->spec) + 4 + 4 * net->n_params + 32);
  g_assert_true (g_file_set_contents (old_path, g_bytes_get_data (v1, NULL),
                                      (gssize) g_bytes_get_size (v1), &error));
  loaded = cnn_model_load (old_file, NULL, &error);
  g_assert_no_error (error);
  assert_same_net (net, loaded);
  g_assert_cmpfloat (loaded->temperature, ==, 1.0f);
  g_assert_false (loaded->has_record);

  g_assert_true (cnn_model_save (loaded, new_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (new_path, &contents, &len, &error));
  g_assert_cmpuint ((guint8) contents[8], ==, 2);
  g_assert_cmpuint (len, ==, g_bytes_get_size (v1) + 8);
  again = cnn_model_load (new_file, NULL, &error);
  g_assert_no_error (error);
  assert_same_net (net, again);
  g_assert_cmpfloat (again->temperature, ==, 1.0f);
  g_assert_false (again->has_record);

  test_tmpdir_remove (dir);
}

static void
test_bad_temperature (void)
{
  g_autoptr(CnnNet) net = make_net (CNN_SPEC_ZERO_OR_ONE, 3);
  const float bad[] = { 0.0f, -1.0f, NAN, INFINITY };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) file = build_file_with (CNN_MODEL_MAGIC, 2, net->spec, (guint32) net->n_params,
                                                net->params, bad[i], "");

      assert_rejected (file, CNN_ERROR_MODEL_MISMATCH, "temperature");
    }
}

static void
test_bad_record (void)
{
  g_autoptr(CnnNet) net = make_net (CNN_SPEC_ZERO_OR_ONE, 3);
  const char *bad[] = {
    "optimizer=adam\nno equals sign here\n",
    "augment=sideways\n",
    "optimizer=rmsprop\n",
    "lr=fast\n",
    "lr=inf\n",
    "batch=-3\n",
    "epochs=12.5\n",
    "lr-decay=yes\n",
    "seed=18446744073709551616\n",
    "data=\xff\xfe\n",
  };
  g_autoptr(GBytes) later = build_file_with (CNN_MODEL_MAGIC, 2, net->spec, (guint32) net->n_params,
                                             net->params, 0.9f,
                                             "optimizer=adam\nwarmup=5\nepochs=3\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnNet) loaded = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) file = build_file_with (CNN_MODEL_MAGIC, 2, net->spec, (guint32) net->n_params,
                                                net->params, 1.0f, bad[i]);

      g_autofree char *shown = g_strescape (bad[i], NULL);

      g_test_message ("record “%s”", shown);
      assert_rejected (file, CNN_ERROR_MODEL_MISMATCH, "training record");
    }

  /* a key this version does not know is one a later version added */
  loaded = cnn_model_deserialize (later, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (loaded->temperature, ==, 0.9f);
  g_assert_true (loaded->has_record);
  g_assert_cmpint (loaded->record.epochs, ==, 3);
  g_assert_cmpint (loaded->record.optimizer, ==, CNN_OPTIMIZER_ADAM);
  /* what it does not say is unknown */
  g_assert_cmpfloat (loaded->record.test_accuracy, ==, -1.0f);
}

static void
test_truncated (void)
{
  g_autoptr(CnnNet) net = make_net (CNN_SPEC_DIGITS, 3);
  g_autoptr(GBytes) bytes = cnn_model_serialize (net);
  gsize len;
  gsize params_start = 8 + 4 + 4 + strlen (net->spec) + 4;
  gsize tail = params_start + 4 * net->n_params;
  gsize cuts[] = {
    0, 4, 10, 20,
    8 + 4 + 4 + 5,                          /* in the spec */
    params_start - 2,                       /* in the parameter count */
    params_start + 4 * (net->n_params / 2) + 1,  /* in the params */
    tail + 2,                               /* in the temperature */
    tail + 6,                               /* in the record's length */
    tail + 8 + 20,                          /* in the record */
    0,                                      /* the checksum missing */
    0,                                      /* one byte short */
  };

  /* with a record, so there is one to cut into */
  g_clear_pointer (&bytes, g_bytes_unref);
  fill_record (net);
  bytes = cnn_model_serialize (net);
  len = g_bytes_get_size (bytes);
  cuts[G_N_ELEMENTS (cuts) - 2] = len - 32;
  cuts[G_N_ELEMENTS (cuts) - 1] = len - 1;

  for (gsize i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autoptr(GBytes) cut = g_bytes_new_from_bytes (bytes, 0, cuts[i]);

      g_test_message ("cut at %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT, cuts[i], len);
      assert_rejected (cut, CNN_ERROR_MODEL_TRUNCATED, "cut short");
    }
}

static void
test_truncated_file (void)
{
  g_autofree char *dir = test_tmpdir_new (TMPDIR_TEMPLATE);
  g_autofree char *path = g_build_filename (dir, "short.cnvl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CnnNet) net = make_net (CNN_SPEC_DIGITS, 3);
  g_autoptr(GBytes) bytes = cnn_model_serialize (net);
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnNet) loaded = NULL;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      (gssize) g_bytes_get_size (bytes) - 100, &error));
  loaded = cnn_model_load (file, NULL, &error);
  g_assert_null (loaded);
  g_assert_error (error, CNN_ERROR, CNN_ERROR_MODEL_TRUNCATED);

  test_tmpdir_remove (dir);
}

static void
test_magic (void)
{
  g_autoptr(CnnNet) net = make_net (CNN_SPEC_DIGITS, 3);
  g_autoptr(GBytes) bytes = cnn_model_serialize (net);
  g_autoptr(GBytes) bad = with_byte (bytes, 0, 'X');
  g_autoptr(GBytes) bad_last = with_byte (bytes, 7, 'l');
  g_autoptr(GBytes) text = g_bytes_new_static ("conv3x3x8 relu pool2 flatten dense10 softmax\n", 45);
  g_autoptr(GBytes) tiny = g_bytes_new_static ("PK", 2);
  g_autoptr(GBytes) other_magic = build_file ("CNVLVMDX", 1, net->spec,
                                              (guint32) net->n_params, net->params);

  assert_rejected (bad, CNN_ERROR_MODEL_MAGIC, "not a Convolve model");
  assert_rejected (bad_last, CNN_ERROR_MODEL_MAGIC, NULL);
  assert_rejected (text, CNN_ERROR_MODEL_MAGIC, NULL);
  /* too short to be a model, and not the start of one either */
  assert_rejected (tiny, CNN_ERROR_MODEL_MAGIC, NULL);
  /* a correct checksum does not make it ours */
  assert_rejected (other_magic, CNN_ERROR_MODEL_MAGIC, NULL);
}

static void
test_version (void)
{
  g_autoptr(CnnNet) net = make_net (CNN_SPEC_DIGITS, 3);
  g_autoptr(GBytes) future = build_file (CNN_MODEL_MAGIC, 7, net->spec,
                                         (guint32) net->n_params, net->params);
  g_autoptr(GBytes) zero = build_file (CNN_MODEL_MAGIC, 0, net->spec,
                                       (guint32) net->n_params, net->params);
  g_autoptr(GBytes) bytes = cnn_model_serialize (net);
  /* the version is checked before the checksum: a file from a newer
   * Convolve is reported as such even if its checksum works differently */
  g_autoptr(GBytes) patched = with_byte (bytes, 8, 3);
  /* …and before the lengths: a newer layout may be laid out differently */
  g_autoptr(GBytes) short_future = g_bytes_new_static ("CNVLVMDL\x07\0\0\0", 12);

  assert_rejected (future, CNN_ERROR_MODEL_VERSION, "version 7");
  assert_rejected (future, CNN_ERROR_MODEL_VERSION, "reads versions 1 to 2");
  assert_rejected (zero, CNN_ERROR_MODEL_VERSION, "version 0");
  assert_rejected (patched, CNN_ERROR_MODEL_VERSION, "version 3");
  assert_rejected (short_future, CNN_ERROR_MODEL_VERSION, "version 7");
}

static void
test_checksum (void)
{
  g_autoptr(CnnNet) net = make_net (CNN_SPEC_DIGITS, 3);
  g_autoptr(GBytes) bytes = cnn_model_serialize (net);
  gsize len = g_bytes_get_size (bytes);
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  gsize params_start = 8 + 4 + 4 + strlen (net->spec) + 4;
  gsize in_params = params_start + 4 * 100 + 2;
  gsize in_spec = 8 + 4 + 4 + 3;
  g_autoptr(GBytes) flipped = with_byte (bytes, in_params, data[in_params] ^ 0x01);
  g_autoptr(GBytes) spec_flipped = with_byte (bytes, in_spec, data[in_spec] ^ 0x20);
  g_autoptr(GBytes) sum_flipped = with_byte (bytes, len - 1, data[len - 1] ^ 0x80);
  g_autoptr(GByteArray) longer = g_byte_array_new ();
  g_autoptr(GBytes) longer_bytes = NULL;

  assert_rejected (flipped, CNN_ERROR_MODEL_CHECKSUM, "damaged");
  assert_rejected (spec_flipped, CNN_ERROR_MODEL_CHECKSUM, "checksum");
  assert_rejected (sum_flipped, CNN_ERROR_MODEL_CHECKSUM, NULL);

  /* bytes after the checksum are damage, not to be silently ignored */
  g_byte_array_append (longer, data, (guint) len);
  g_byte_array_append (longer, (const guint8 *) "\0", 1);
  longer_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&longer));
  assert_rejected (longer_bytes, CNN_ERROR_MODEL_CHECKSUM, NULL);
}

static void
test_mismatch (void)
{
  g_autoptr(CnnNet) net = make_net (CNN_SPEC_DIGITS, 3);
  g_autoptr(CnnNet) small = make_net (CNN_SPEC_ZERO_OR_ONE, 3);
  g_autoptr(GBytes) one_short = build_file (CNN_MODEL_MAGIC, 1, net->spec,
                                            (guint32) net->n_params - 1, net->params);
  /* the small net's weights filed under the big net's spec */
  g_autoptr(GBytes) swapped = build_file (CNN_MODEL_MAGIC, 1, net->spec,
                                          (guint32) small->n_params, small->params);
  g_autoptr(GBytes) no_params = build_file (CNN_MODEL_MAGIC, 1, net->spec, 0, NULL);
  g_autoptr(GBytes) good = build_file (CNN_MODEL_MAGIC, 1, net->spec,
                                       (guint32) net->n_params, net->params);
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnNet) loaded = NULL;

  assert_rejected (one_short, CNN_ERROR_MODEL_MISMATCH, NULL);
  assert_rejected (swapped, CNN_ERROR_MODEL_MISMATCH, NULL);
  assert_rejected (no_params, CNN_ERROR_MODEL_MISMATCH, NULL);

  /* the hand-built file is otherwise right: with the right count it loads */
  loaded = cnn_model_deserialize (good, &error);
  g_assert_no_error (error);
  assert_same_net (net, loaded);
}

static void
test_bad_spec (void)
{
  g_autoptr(GBytes) unknown = build_file (CNN_MODEL_MAGIC, 1,
                                          "conv3x3x8 banana dense10 softmax", 0, NULL);
  g_autoptr(GBytes) empty = build_file (CNN_MODEL_MAGIC, 1, "", 0, NULL);
  /* parses as tokens, but the shapes do not fit (no dense before softmax) */
  g_autoptr(GBytes) shapes = build_file (CNN_MODEL_MAGIC, 1, "conv3x3x8 relu softmax", 0, NULL);
  g_autoptr(GBytes) not_text = build_file (CNN_MODEL_MAGIC, 1, "dense10\xff", 0, NULL);
  const char nul_spec[] = "dense10\0softmax";
  g_autoptr(CnnNet) dense = make_net ("dense10", 1);
  GByteArray *a = g_byte_array_new ();
  g_autoptr(GBytes) with_nul = NULL;
  g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize digest_len = 32;

  assert_rejected (unknown, CNN_ERROR_MODEL_MISMATCH, "banana");
  assert_rejected (empty, CNN_ERROR_MODEL_MISMATCH, NULL);
  assert_rejected (shapes, CNN_ERROR_MODEL_MISMATCH, NULL);
  assert_rejected (not_text, CNN_ERROR_MODEL_MISMATCH, NULL);

  /* a NUL inside the spec must not cut it short quietly */
  g_byte_array_append (a, (const guint8 *) CNN_MODEL_MAGIC, 8);
  put_u32 (a, 1);
  put_u32 (a, sizeof nul_spec - 1);
  g_byte_array_append (a, (const guint8 *) nul_spec, sizeof nul_spec - 1);
  /* with the weights "dense10" alone would take, so only the NUL is wrong */
  put_u32 (a, (guint32) dense->n_params);
  for (gsize i = 0; i < dense->n_params; i++)
    put_u32 (a, 0);
  g_checksum_update (sha, a->data, a->len);
  g_checksum_get_digest (sha, digest, &digest_len);
  g_byte_array_append (a, digest, 32);
  with_nul = g_byte_array_free_to_bytes (a);
  assert_rejected (with_nul, CNN_ERROR_MODEL_MISMATCH, NULL);
}

static void
test_not_finite (void)
{
  g_autoptr(CnnNet) net = make_net (CNN_SPEC_ZERO_OR_ONE, 3);
  g_autofree float *params = g_memdup2 (net->params, net->n_params * sizeof (float));
  g_autoptr(GBytes) nan_file = NULL;
  g_autoptr(GBytes) inf_file = NULL;

  params[3] = NAN;
  nan_file = build_file (CNN_MODEL_MAGIC, 1, net->spec, (guint32) net->n_params, params);
  params[3] = 0.0f;
  params[net->n_params - 1] = -INFINITY;
  inf_file = build_file (CNN_MODEL_MAGIC, 1, net->spec, (guint32) net->n_params, params);

  assert_rejected (nan_file, CNN_ERROR_MODEL_MISMATCH, NULL);
  assert_rejected (inf_file, CNN_ERROR_MODEL_MISMATCH, NULL);
}

static void
test_failed_load_keeps_net (void)
{
  g_autofree char *dir = test_tmpdir_new (TMPDIR_TEMPLATE);
  g_autofree char *path = g_build_filename (dir, "model.cnvl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CnnNet) current = make_net (CNN_SPEC_DIGITS, 11);
  g_autoptr(CnnNet) other = make_net (CNN_SPEC_DIGITS, 12);
  g_autoptr(GBytes) bytes = cnn_model_serialize (other);
  g_autoptr(GError) error = NULL;
  g_autofree float *before = g_memdup2 (current->params, current->n_params * sizeof (float));
  CnnNet *old = current;
  CnnNet *loaded;
  gsize len = g_bytes_get_size (bytes);
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  g_autofree guint8 *damaged = g_memdup2 (data, len);

  /* a damaged copy of another model over the file, then the app's pattern */
  damaged[len / 2] ^= 0xff;
  g_assert_true (g_file_set_contents (path, (const char *) damaged, (gssize) len, &error));

  loaded = cnn_model_load (file, NULL, &error);
  g_assert_null (loaded);
  g_assert_error (error, CNN_ERROR, CNN_ERROR_MODEL_CHECKSUM);
  if (loaded != NULL)
    {
      cnn_net_unref (current);
      current = loaded;
    }

  g_assert_true (current == old);
  g_assert_cmpmem (current->params, current->n_params * sizeof (float),
                   before, current->n_params * sizeof (float));
  g_clear_error (&error);

  /* and the same pattern with a good file does replace it */
  g_assert_true (g_file_set_contents (path, (const char *) data, (gssize) len, &error));
  loaded = cnn_model_load (file, NULL, &error);
  g_assert_no_error (error);
  if (loaded != NULL)
    {
      cnn_net_unref (current);
      current = loaded;
    }
  assert_same_net (current, other);

  test_tmpdir_remove (dir);
}

static void
test_load_missing (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/convolve/model.cnvl");
  g_autoptr(GError) error = NULL;
  g_autoptr(CnnNet) net = cnn_model_load (file, NULL, &error);

  g_assert_null (net);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_save_atomic (void)
{
  g_autofree char *dir = test_tmpdir_new (TMPDIR_TEMPLATE);
  g_autofree char *path = g_build_filename (dir, "model.cnvl", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "model.cnvl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CnnNet) a = make_net (CNN_SPEC_DIGITS, 21);
  g_autoptr(CnnNet) b = make_net (CNN_SPEC_ZERO_OR_ONE, 22);
  g_autoptr(CnnNet) diverged = make_net (CNN_SPEC_DIGITS, 23);
  g_autoptr(CnnNet) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = NULL;
  int n_files = 0;

  /* saving over an existing model replaces it whole */
  g_assert_true (cnn_model_save (a, path, &error));
  g_assert_no_error (error);
  g_assert_true (cnn_model_save (b, path, &error));
  g_assert_no_error (error);
  loaded = cnn_model_load (file, NULL, &error);
  g_assert_no_error (error);
  assert_same_net (b, loaded);
  g_clear_pointer (&loaded, cnn_net_unref);

  /* a save that cannot happen fails with an error and leaves nothing */
  g_assert_false (cnn_model_save (a, missing, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* weights that are not numbers are refused and the old file stays */
  diverged->params[5] = NAN;
  g_assert_false (cnn_model_save (diverged, path, &error));
  g_assert_error (error, CNN_ERROR, CNN_ERROR_DIVERGED);
  g_clear_error (&error);
  loaded = cnn_model_load (file, NULL, &error);
  g_assert_no_error (error);
  assert_same_net (b, loaded);

  /* no temporary files left behind */
  d = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (d) != NULL)
    n_files++;
  g_assert_cmpint (n_files, ==, 1);

  test_tmpdir_remove (dir);
}

/* Seeded mutation fuzzing: flipped, overwritten, inserted and cut bytes,
 * half of the time with the checksum made right again so the parser
 * behind it is reached. Every file must give a network or a GError of the
 * model domain, never both, never a crash (the CI runs this under ASan). */
static void
test_fuzz (void)
{
  g_autoptr(CnnNet) net = make_net (CNN_SPEC_DIGITS, 3);
  g_autoptr(GBytes) good = cnn_model_serialize (net);
  gsize good_len;
  const guint8 *good_data = g_bytes_get_data (good, &good_len);
  CnnRng rng;
  guint n_loaded = 0, n_rejected = 0;

  cnn_rng_init (&rng, 2026);
  for (int iter = 0; iter < 4000; iter++)
    {
      g_autoptr(GByteArray) a = g_byte_array_new ();
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(CnnNet) loaded = NULL;
      int n_mutations = 1 + (int) cnn_rng_below (&rng, 4);

      g_byte_array_append (a, good_data, (guint) good_len);
      for (int m = 0; m < n_mutations; m++)
        {
          guint pos = a->len > 0 ? cnn_rng_below (&rng, a->len) : 0;

          switch (cnn_rng_below (&rng, 5))
            {
            case 0: /* flip a bit */
              if (a->len > 0)
                a->data[pos] ^= (guint8) (1u << cnn_rng_below (&rng, 8));
              break;
            case 1: /* cut */
              g_byte_array_set_size (a, pos);
              break;
            case 2: /* insert a few random bytes */
              {
                guint8 junk[7];
                guint n = 1 + cnn_rng_below (&rng, G_N_ELEMENTS (junk));

                for (guint i = 0; i < n; i++)
                  junk[i] = (guint8) cnn_rng_next (&rng);
                g_byte_array_set_size (a, a->len + n);
                memmove (a->data + pos + n, a->data + pos, a->len - n - pos);
                memcpy (a->data + pos, junk, n);
              }
              break;
            case 3: /* a length field (spec length at 12) set to anything */
              if (a->len >= 16)
                {
                  guint32 v = cnn_rng_below (&rng, 2) ? cnn_rng_next (&rng) : cnn_rng_below (&rng, 200);
                  a->data[12] = v; a->data[13] = v >> 8; a->data[14] = v >> 16; a->data[15] = v >> 24;
                }
              break;
            default: /* a spec character replaced */
              if (a->len > 20)
                a->data[16 + cnn_rng_below (&rng, 4)] = "x0 -9dense"[cnn_rng_below (&rng, 10)];
              break;
            }
        }
      if (a->len >= 32 && cnn_rng_below (&rng, 2))
        {
          /* make the checksum right again over the mutated body */
          g_autoptr(GChecksum) sha = g_checksum_new (G_CHECKSUM_SHA256);
          gsize digest_len = 32;

          g_checksum_update (sha, a->data, a->len - 32);
          g_checksum_get_digest (sha, a->data + a->len - 32, &digest_len);
        }

      bytes = g_byte_array_free_to_bytes (g_steal_pointer (&a));
      loaded = cnn_model_deserialize (bytes, &error);
      g_assert_true ((loaded == NULL) != (error == NULL));
      if (loaded != NULL)
        {
          n_loaded++;
          for (gsize i = 0; i < loaded->n_params; i++)
            g_assert_true (isfinite (loaded->params[i]));
        }
      else
        {
          g_assert_true (error->domain == CNN_ERROR);
          g_assert_cmpint (error->code, >=, CNN_ERROR_MODEL_TRUNCATED);
          g_assert_cmpint (error->code, <=, CNN_ERROR_MODEL_MISMATCH);
          g_assert_cmpuint (strlen (error->message), >, 0);
          n_rejected++;
        }
    }
  g_test_message ("fuzz: %u loaded, %u rejected", n_loaded, n_rejected);
  g_assert_cmpuint (n_rejected, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/roundtrip", test_roundtrip);
  g_test_add_func ("/model/roundtrip-small", test_roundtrip_small);
  g_test_add_func ("/model/layout", test_layout);
  g_test_add_func ("/model/roundtrip-record", test_roundtrip_record);
  g_test_add_func ("/model/format-1", test_format_1);
  g_test_add_func ("/model/reject/temperature", test_bad_temperature);
  g_test_add_func ("/model/reject/record", test_bad_record);
  g_test_add_func ("/model/reject/truncated", test_truncated);
  g_test_add_func ("/model/reject/truncated-file", test_truncated_file);
  g_test_add_func ("/model/reject/magic", test_magic);
  g_test_add_func ("/model/reject/version", test_version);
  g_test_add_func ("/model/reject/checksum", test_checksum);
  g_test_add_func ("/model/reject/mismatch", test_mismatch);
  g_test_add_func ("/model/reject/bad-spec", test_bad_spec);
  g_test_add_func ("/model/reject/not-finite", test_not_finite);
  g_test_add_func ("/model/failed-load-keeps-net", test_failed_load_keeps_net);
  g_test_add_func ("/model/load-missing", test_load_missing);
  g_test_add_func ("/model/save-atomic", test_save_atomic);
  g_test_add_func ("/model/fuzz", test_fuzz);

  return g_test_run ();
}
