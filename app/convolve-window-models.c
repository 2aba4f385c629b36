/* convolve-window-models.c — which network is shown, and nothing of it lost
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every network has its own autosave slot (convolve-autosave.h): each
 * preset, each custom spec, each model file. Switching network keeps the
 * one shown in its slot and shows the other from its own, so training the
 * digits network, looking at "Zero or one" and coming back loses nothing;
 * the network shown last is shown again at the next start. A model file
 * is written only by Save; its slot holds the training done since.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "convolve-file-chooser.h"
#include "convolve-window-private.h"

#define MODELS_PATH "/io/github/convolve/Convolve/models/"

static CnnNet *
load_shipped (const char  *id,
              GError     **error)
{
  g_autofree char *path = g_strconcat (MODELS_PATH, id, ".cnvm", NULL);
  g_autoptr (GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);

  return bytes != NULL ? cnn_model_deserialize (bytes, error) : NULL;
}

/* He init from the seed of the hyperparameters shown */
static CnnNet *
fresh_net (ConvolveWindow  *self,
           const char      *spec,
           GError         **error)
{
  CnnNet *net = cnn_net_new (spec, error);
  CnnTrainConfig config;

  if (net == NULL)
    return NULL;
  convolve_train_page_get_config (self->train_page, &config);
  cnn_net_init_weights_from_seed (net, config.seed);
  return net;
}

/* A run is stopped before its network goes, and what it learned kept */
static void
stop_training (ConvolveWindow *self)
{
  if (self->training == NULL)
    return;
  convolve_training_stop (self->training);
  convolve_training_flush (self->training);
}

/* The model shown can be trained on the built-in data: 10 classes or 2 */
static gboolean
check_task (const CnnNet  *net,
            GError       **error)
{
  if (net->n_classes == 10 || net->n_classes == 2)
    return TRUE;
  g_set_error (error, CNN_ERROR, CNN_ERROR_DATA,
               _("The network has %d classes; Convolve knows digits (10) and zero or one (2)"),
               net->n_classes);
  return FALSE;
}

/* Convolve 0.1 kept one autosave for whichever network it showed: it
 * becomes its preset's slot (when that has none yet) and is kept aside */
static void
migrate_legacy (ConvolveWindow *self)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "convolve", "current.cnvm", NULL);
  g_autofree char *old = g_strconcat (path, ".old", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (CnnNet) net = NULL;
  const CnnPreset *preset;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return;
  net = cnn_model_load (file, NULL, NULL);
  preset = net != NULL ? cnn_preset_for_spec (net->spec) : NULL;
  if (preset != NULL)
    {
      g_autoptr (CnnNet) present = convolve_autosave_load (self->autosave, preset->id, NULL);
      g_autofree char *slot_path = convolve_autosave_path (self->autosave, preset->id);

      if (present == NULL && !g_file_test (slot_path, G_FILE_TEST_EXISTS)
          && !convolve_autosave_save (self->autosave, preset->id, net, NULL))
        return;
    }
  g_rename (path, old);
}

void
convolve_window_models_init (ConvolveWindow *self)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "convolve", "networks", NULL);

  self->autosave = convolve_autosave_new (dir);
  migrate_legacy (self);
}

static void
report_autosave (ConvolveWindow *self,
                 gboolean        ok,
                 const GError   *error)
{
  g_autofree char *text = NULL;

  if (ok)
    {
      g_clear_pointer (&self->autosave_failure, g_free);
      return;
    }
  /* told once, not at every epoch */
  if (g_strcmp0 (error->message, self->autosave_failure) == 0)
    return;
  g_free (self->autosave_failure);
  self->autosave_failure = g_strdup (error->message);
  /* Translators: a toast: why the trained network could not be kept */
  text = g_strdup_printf (_("The network could not be saved: %s"), error->message);
  convolve_window_toast (self, text);
}

void
convolve_window_autosave (ConvolveWindow *self)
{
  g_autoptr (GError) error = NULL;
  const char *slot = convolve_session_get_slot (self->session);
  CnnNet *net = convolve_session_get_net (self->session);
  gboolean ok;

  if (slot == NULL || net == NULL)
    return;
  ok = convolve_autosave_save (self->autosave, slot, net, &error);
  report_autosave (self, ok, error);
}

static void
on_autosaved (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (ConvolveWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean ok = convolve_autosave_save_finish (CONVOLVE_AUTOSAVE (source), result, &error);

  report_autosave (self, ok, error);
}

void
convolve_window_autosave_in_background (ConvolveWindow *self)
{
  const char *slot = convolve_session_get_slot (self->session);
  CnnNet *net = convolve_session_get_net (self->session);

  if (slot == NULL || net == NULL)
    return;
  convolve_autosave_save_async (self->autosave, slot, net, on_autosaved, g_object_ref (self));
}

/* The network slot names, from its autosave or else from its source. A
 * broken autosave is moved aside (and said so) and the source used. */
static CnnNet *
load_network (ConvolveWindow  *self,
              const char      *slot,
              CnnNet          *preloaded,
              GFile          **file,
              GError         **error)
{
  g_autoptr (GError) broken = NULL;
  g_autoptr (CnnNet) saved = convolve_autosave_load (self->autosave, slot, &broken);
  CnnNet *net = NULL;

  *file = NULL;
  if (broken != NULL)
    convolve_window_toast (self, broken->message);

  if (cnn_preset_lookup (slot) != NULL)
    net = saved != NULL ? g_steal_pointer (&saved) : load_shipped (slot, error);
  else if (g_str_has_prefix (slot, "spec:"))
    net = saved != NULL ? g_steal_pointer (&saved) : fresh_net (self, slot + 5, error);
  else if (g_str_has_prefix (slot, "file:"))
    {
      g_autoptr (GFile) f = g_file_new_for_uri (slot + 5);

      /* the file as saved (read already, off the main thread, when it
       * was opened), then the training done since, if any */
      net = preloaded != NULL ? cnn_net_ref (preloaded) : cnn_model_load (f, NULL, error);
      if (net != NULL && saved != NULL && !cnn_net_same_shape (net, saved))
        g_clear_pointer (&saved, cnn_net_unref);
      if (net != NULL)
        {
          *file = g_steal_pointer (&f);
          if (saved != NULL)
            memcpy (net->params, saved->params, sizeof (float) * net->n_params);
        }
    }
  else
    g_set_error (error, CNN_ERROR, CNN_ERROR_DATA, _("Unknown network “%s”"), slot);

  if (net != NULL && !check_task (net, error))
    g_clear_pointer (&net, cnn_net_unref);
  if (net == NULL)
    g_clear_object (file);
  return net;
}

/* What the settings say to show again: the slot's kind and its details */
static void
remember (ConvolveWindow *self,
          const char     *slot)
{
  if (self->settings == NULL)
    return;
  g_settings_delay (self->settings);
  if (cnn_preset_lookup (slot) != NULL)
    g_settings_set_string (self->settings, "preset", slot);
  else if (g_str_has_prefix (slot, "spec:"))
    {
      g_settings_set_string (self->settings, "preset", "custom");
      g_settings_set_string (self->settings, "network-spec", slot + 5);
    }
  else if (g_str_has_prefix (slot, "file:"))
    {
      g_settings_set_string (self->settings, "preset", "file");
      g_settings_set_string (self->settings, "model-file", slot + 5);
    }
  g_settings_apply (self->settings);
}

/* Shows net (taken) from file (nullable) and trains it from now on */
static void
adopt (ConvolveWindow *self,
       CnnNet         *net,
       GFile          *file)
{
  convolve_session_set_net (self->session, net, file);
  cnn_net_unref (net);
  remember (self, convolve_session_get_slot (self->session));
}

/* preloaded: a file slot's model, read already (nullable) */
static gboolean
show_network (ConvolveWindow  *self,
              const char      *slot,
              CnnNet          *preloaded,
              GError         **error)
{
  g_autoptr (GFile) file = NULL;
  CnnNet *net;

  if (g_strcmp0 (slot, convolve_session_get_slot (self->session)) == 0)
    return TRUE;
  net = load_network (self, slot, preloaded, &file, error);
  if (net == NULL)
    return FALSE;
  /* the one shown keeps what it learned */
  stop_training (self);
  convolve_window_autosave (self);
  adopt (self, net, file);
  return TRUE;
}

gboolean
convolve_window_show_network (ConvolveWindow  *self,
                              const char      *slot,
                              GError         **error)
{
  g_return_val_if_fail (CONVOLVE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (slot != NULL, FALSE);

  return show_network (self, slot, NULL, error);
}

void
convolve_window_restore_network (ConvolveWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *preset = NULL;
  g_autofree char *slot = NULL;

  if (self->settings == NULL)
    return;
  preset = g_settings_get_string (self->settings, "preset");
  if (g_str_equal (preset, "custom"))
    {
      g_autofree char *spec = g_settings_get_string (self->settings, "network-spec");
      g_autoptr (CnnNet) probe = cnn_net_new (spec, NULL);

      /* the spec as the session names it: normalised */
      if (probe != NULL)
        slot = g_strconcat ("spec:", probe->spec, NULL);
    }
  else if (g_str_equal (preset, "file"))
    {
      g_autofree char *uri = g_settings_get_string (self->settings, "model-file");

      if (*uri != '\0')
        slot = g_strconcat ("file:", uri, NULL);
    }
  else
    slot = g_steal_pointer (&preset);

  if (slot == NULL)
    slot = g_strdup (CNN_PRESET_DEFAULT);
  if (!convolve_window_show_network (self, slot, &error))
    {
      /* Translators: a toast at start: the network last shown is gone */
      g_autofree char *text = g_strdup_printf (_("The network shown last time could not be "
                                                 "opened: %s"), error->message);

      convolve_window_toast (self, text);
      convolve_window_show_network (self, CNN_PRESET_DEFAULT, NULL);
    }
}

/* ---- model files ---- */

static char *
slot_of_file (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  return g_strconcat ("file:", uri, NULL);
}

gboolean
convolve_window_open_model_file (ConvolveWindow  *self,
                                 GFile           *file,
                                 GError         **error)
{
  g_autofree char *slot = NULL;

  g_return_val_if_fail (CONVOLVE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  slot = slot_of_file (file);
  return convolve_window_show_network (self, slot, error);
}

gboolean
convolve_window_save_model_file (ConvolveWindow  *self,
                                 GFile           *file,
                                 GError         **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (CONVOLVE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Models can only be saved to local files"));
      return FALSE;
    }
  /* what the network was is kept in its own slot before it becomes the file's */
  convolve_window_autosave (self);
  if (!cnn_model_save (convolve_session_get_net (self->session), path, error))
    return FALSE;
  convolve_session_mark_saved (self->session, file);
  remember (self, convolve_session_get_slot (self->session));
  convolve_window_autosave (self);
  return TRUE;
}

static void
read_model_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  CnnNet *net = cnn_model_load (task_data, cancellable, &error);

  if (net != NULL)
    g_task_return_pointer (task, net, (GDestroyNotify) cnn_net_unref);
  else
    g_task_return_error (task, error);
}

static void
model_read (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  ConvolveWindow *self = CONVOLVE_WINDOW (source);
  GFile *file = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autoptr (CnnNet) net = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *slot = slot_of_file (file);
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (net != NULL && show_network (self, slot, net, &error))
    /* Translators: a toast, the file's name */
    text = g_strdup_printf (_("Opened “%s”"), name);
  else
    /* Translators: a toast: the file's name, then why */
    text = g_strdup_printf (_("Could not open “%s”: %s. The current model is unchanged."),
                            name, error->message);
  convolve_window_toast (self, text);
}

/* The file read in a thread (it may be large, or far away); a newer
 * open cancels an older one still reading */
void
convolve_window_open_model_file_async (ConvolveWindow *self,
                                       GFile          *file)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (CONVOLVE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  self->open_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->open_cancellable, model_read, NULL);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_model_thread);
}

static void
open_file_chosen (ConvolveWindow *self,
                  GFile          *file)
{
  convolve_window_open_model_file_async (self, file);
}

/* What a file given to the app holds; each kind has its case in
 * convolve_window_open_file() */
typedef enum {
  FILE_KIND_OTHER,
  FILE_KIND_MODEL,
  FILE_KIND_IMAGE,
  FILE_KIND_SAMPLES,
} FileKind;

/* The first bytes say what a file is, whatever its name: 4 KiB is
 * enough for every image format GdkPixbuf sniffs */
static FileKind
file_kind (GFile *file)
{
  g_autoptr (GFileInputStream) in = g_file_read (file, NULL, NULL);
  guint8 head[4096];
  gsize got = 0;

  if (in == NULL || !g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &got, NULL, NULL))
    return FILE_KIND_OTHER;
  if (got >= sizeof CNN_MODEL_MAGIC - 1 && memcmp (head, CNN_MODEL_MAGIC, sizeof CNN_MODEL_MAGIC - 1) == 0)
    return FILE_KIND_MODEL;
  if (convolve_image_sniff (head, got))
    return FILE_KIND_IMAGE;
  /* text has no magic: by its name, and the import reads it whole */
  if (convolve_window_is_samples_file (file))
    return FILE_KIND_SAMPLES;
  return FILE_KIND_OTHER;
}

void
convolve_window_open_file (ConvolveWindow *self,
                           GFile          *file)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (CONVOLVE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  switch (file_kind (file))
    {
    case FILE_KIND_MODEL:
      open_file_chosen (self, file);
      return;
    case FILE_KIND_IMAGE:
      /* onto the grid, as Open Image… does */
      convolve_window_open_image_async (self, file);
      return;
    case FILE_KIND_SAMPLES:
      /* into the samples, once the person agreed */
      convolve_window_ask_import_samples (self, file);
      return;
    case FILE_KIND_OTHER:
      break;
    }
  name = g_file_get_basename (file);
  /* Translators: a toast: a file given to the app is none it can open */
  text = g_strdup_printf (_("“%s” is not a Convolve model or an image."), name);
  convolve_window_toast (self, text);
}

static void
save_file_chosen (ConvolveWindow *self,
                  GFile          *file)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = NULL;

  if (convolve_window_save_model_file (self, file, &error))
    text = g_strdup_printf (_("Saved “%s”"), name);
  else
    text = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);
  convolve_window_toast (self, text);
}

void
convolve_window_save_model (ConvolveWindow *self)
{
  GFile *file = convolve_session_get_file (self->session);

  if (file != NULL)
    save_file_chosen (self, file);
  else
    convolve_window_choose_model_file (self, TRUE);
}

static void
on_model_chosen (GtkWindow *parent,
                 GFile     *file,
                 gpointer   user_data)
{
  ConvolveWindow *self = CONVOLVE_WINDOW (parent);

  if (GPOINTER_TO_INT (user_data))
    save_file_chosen (self, file);
  else
    open_file_chosen (self, file);
}

void
convolve_window_choose_model_file (ConvolveWindow *self,
                                   gboolean        saving)
{
  static const char * const patterns[] = { "*.cnvm", NULL };
  GtkFileFilter *filters[] = { convolve_file_filter_new (_("Convolve models"), patterns), NULL };

  convolve_choose_file (GTK_WINDOW (self), saving ? _("Save Model") : _("Open Model"),
                        saving ? "model.cnvm" : NULL, filters, on_model_chosen,
                        GINT_TO_POINTER (saving));
}

/* ---- going back ---- */

typedef void (*Then) (ConvolveWindow *self);

/* Whether the weights shown can be had again without this session: the
 * shipped model's, the model file's as saved, a custom network's fresh
 * ones from the seed */
static gboolean
weights_recoverable (ConvolveWindow *self)
{
  const char *slot = convolve_session_get_slot (self->session);
  g_autoptr (CnnNet) again = NULL;

  if (slot == NULL)
    return TRUE;
  if (convolve_session_get_file (self->session) != NULL)
    return !convolve_session_get_dirty (self->session);
  if (cnn_preset_lookup (slot) != NULL)
    again = load_shipped (slot, NULL);
  else if (g_str_has_prefix (slot, "spec:"))
    again = fresh_net (self, slot + 5, NULL);
  return again != NULL && convolve_session_weights_equal (self->session, again);
}

/* AdwAlertDialog where libadwaita has it (1.5; AdwMessageDialog is
 * deprecated from 1.6), AdwMessageDialog before: the same calls */
#if ADW_CHECK_VERSION (1, 5, 0)
#define QUESTION(d) ADW_ALERT_DIALOG (d)
#define question_add_responses adw_alert_dialog_add_responses
#define question_set_response_appearance adw_alert_dialog_set_response_appearance
#define question_set_default_response adw_alert_dialog_set_default_response
#define question_set_close_response adw_alert_dialog_set_close_response
#else
#define QUESTION(d) ADW_MESSAGE_DIALOG (d)
#define question_add_responses adw_message_dialog_add_responses
#define question_set_response_appearance adw_message_dialog_set_response_appearance
#define question_set_default_response adw_message_dialog_set_default_response
#define question_set_close_response adw_message_dialog_set_close_response
#endif

static void
on_confirm_response (GObject        *dialog,
                     const char     *response,
                     ConvolveWindow *self)
{
  Then then = (Then) g_object_get_data (G_OBJECT (dialog), "convolve-then");

  if (g_strcmp0 (response, "discard") == 0)
    then (self);
}

void
convolve_window_confirm_discard (ConvolveWindow *self,
                                 const char     *heading,
                                 const char     *confirm,
                                 Then            then)
{
  const char *body = _("The weights trained since the network was opened or "
                        "saved will be lost. Save the model first to keep them.");
  gpointer dialog;

  /* nothing trained would be lost: no question */
  if (weights_recoverable (self))
    {
      then (self);
      return;
    }
#if ADW_CHECK_VERSION (1, 5, 0)
  dialog = adw_alert_dialog_new (heading, body);
#else
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
#endif
  question_add_responses (QUESTION (dialog),
                          "cancel", _("_Cancel"),
                          "discard", confirm,
                          NULL);
  question_set_response_appearance (QUESTION (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  question_set_default_response (QUESTION (dialog), "cancel");
  question_set_close_response (QUESTION (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "convolve-then", (gpointer) then);
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirm_response), self);
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_present (ADW_DIALOG (dialog), GTK_WIDGET (self));
#else
  gtk_window_present (GTK_WINDOW (dialog));
#endif
}

static void
do_restore_shipped (ConvolveWindow *self)
{
  g_autoptr (GError) error = NULL;
  const char *slot = convolve_session_get_slot (self->session);
  CnnNet *net = slot != NULL ? load_shipped (slot, &error) : NULL;

  if (net == NULL)
    return;
  stop_training (self);
  adopt (self, net, NULL);
  convolve_window_autosave (self);
}

void
convolve_window_restore_shipped (ConvolveWindow *self)
{
  convolve_window_confirm_discard (self, _("Restore the Shipped Model?"), _("_Restore"),
                                   do_restore_shipped);
}

static void
do_revert_file (ConvolveWindow *self)
{
  g_autoptr (GError) error = NULL;
  GFile *file = convolve_session_get_file (self->session);
  CnnNet *net = file != NULL ? cnn_model_load (file, NULL, &error) : NULL;

  if (net == NULL)
    {
      if (error != NULL)
        convolve_window_toast (self, error->message);
      return;
    }
  stop_training (self);
  adopt (self, net, file);
  convolve_window_autosave (self);
}

void
convolve_window_revert_file (ConvolveWindow *self)
{
  convolve_window_confirm_discard (self, _("Revert to the Saved File?"), _("_Revert"),
                                   do_revert_file);
}
