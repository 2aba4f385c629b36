/* convolve-window-samples.c — the user's samples, into the pages and the training
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application keeps one ConvolveSamples (samples.csv) for every
 * window, given to a window with its application. Whenever it changes,
 * or the network or the Train page's "Include my samples" does, the same
 * data set (every sample, values count / 16) goes to the Evaluate page's
 * "my samples" set and, when included, to the next training run.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "convolve-window-private.h"

static void
sync_samples (ConvolveWindow *self)
{
  g_autoptr (CnnDataset) all = NULL;
  gboolean include;
  guint repeat, n;

  if (self->samples == NULL || self->training == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->samples));
  /* every label: each user of it keeps those of its network's classes */
  all = convolve_samples_to_dataset (self->samples, CONVOLVE_SAMPLE_N_LABELS);
  convolve_evaluate_page_set_samples (self->evaluate_page, all);

  include = convolve_train_page_get_include_samples (self->train_page);
  repeat = convolve_train_page_get_samples_repeat (self->train_page);
  convolve_training_set_extra_samples (self->training, include && n > 0 ? all : NULL, repeat);
  convolve_train_page_set_samples_used (self->train_page, n,
                                        convolve_training_get_n_extra_samples (self->training), repeat);
}

static void
on_drawing (ConvolveWindow *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (convolve_explore_page_get_add_sample_button (self->explore_page)),
                            !convolve_session_get_empty (self->session));
  convolve_window_update_actions (self);
}

static void
on_page_toast (ConvolveWindow *self,
               AdwToast       *toast)
{
  convolve_window_add_toast (self, toast);
}

/* Ten digits, and their keys: the popover "Add to Samples" opens */
static GtkWidget *
label_popover_new (void)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("Add as…"));
  GtkWidget *grid = gtk_grid_new ();
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 4);
  for (int d = 0; d < CONVOLVE_SAMPLE_N_LABELS; d++)
    {
      char text[4];
      GtkWidget *button;
      /* Translators: a button of the Add to Samples popover */
      g_autofree char *a11y = g_strdup_printf (_("Add as %d"), d);

      g_snprintf (text, sizeof text, "%d", d);
      button = gtk_button_new_with_label (text);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.add-sample-as");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int32 (d));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      /* 0 1 2 3 4 / 5 6 7 8 9 */
      gtk_grid_attach (GTK_GRID (grid), button, d % 5, d / 5, 1, 1);

      for (guint k = 0; k < 2; k++)
        {
          GtkShortcut *s = gtk_shortcut_new (gtk_keyval_trigger_new ((k == 0 ? GDK_KEY_0 : GDK_KEY_KP_0) + d, 0),
                                             gtk_named_action_new ("win.add-sample-as"));

          gtk_shortcut_set_arguments (s, g_variant_new_int32 (d));
          gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), s);
        }
    }
  /* the digit keys work wherever the focus is in the popover */
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (keys), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (popover, keys);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), grid);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  return popover;
}

void
convolve_window_choose_sample_label (ConvolveWindow *self)
{
  g_return_if_fail (CONVOLVE_IS_WINDOW (self));

  if (convolve_session_get_empty (self->session))
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "explore");
  gtk_menu_button_popup (convolve_explore_page_get_add_sample_button (self->explore_page));
}

gboolean
convolve_window_add_sample (ConvolveWindow *self,
                            int             label)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (CONVOLVE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (label >= 0 && label < CONVOLVE_SAMPLE_N_LABELS, FALSE);

  gtk_menu_button_popdown (convolve_explore_page_get_add_sample_button (self->explore_page));
  if (convolve_session_get_empty (self->session) || self->samples == NULL)
    return FALSE;
  /* what the network sees: the normalised grid when that is on */
  if (!convolve_samples_add_input (self->samples, convolve_session_get_input (self->session), label, &error))
    {
      text = g_strdup_printf (_("Could not add the sample: %s"), error->message);
      convolve_window_toast (self, text);
      return FALSE;
    }
  /* Translators: a toast: the drawing was kept as a sample of this digit */
  text = g_strdup_printf (_("Added as %d"), label);
  convolve_window_toast (self, text);
  return TRUE;
}

gboolean
convolve_window_is_samples_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = name != NULL ? g_ascii_strdown (name, -1) : NULL;

  return lower != NULL && (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".csv.gz"));
}

static void
on_import_response (AdwMessageDialog *dialog,
                    const char       *response,
                    ConvolveWindow   *self)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "file");

  if (g_strcmp0 (response, "import") != 0 || self->samples_page == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "samples");
  convolve_samples_page_import_or_tell (self->samples_page, file);
}

void
convolve_window_ask_import_samples (ConvolveWindow *self,
                                    GFile          *file)
{
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_return_if_fail (CONVOLVE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  name = g_file_get_basename (file);
  /* Translators: the file's name */
  body = g_strdup_printf (_("The digits of “%s” are added to your samples. A file that is not "
                            "a CSV of 64 counts 0..16 and a label per line changes nothing."), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Import the Samples?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_import_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
convolve_window_samples_init (ConvolveWindow *self)
{
  gtk_menu_button_set_popover (convolve_explore_page_get_add_sample_button (self->explore_page),
                               label_popover_new ());
  g_signal_connect_swapped (self->samples_page, "load-sample", G_CALLBACK (convolve_window_load_digit), self);
  g_signal_connect_swapped (self->samples_page, "toast", G_CALLBACK (on_page_toast), self);
  g_signal_connect_swapped (self->train_page, "samples-changed", G_CALLBACK (sync_samples), self);
  /* after the training took the new network: how many of the samples it uses */
  g_signal_connect_swapped (self->session, "notify::net", G_CALLBACK (sync_samples), self);
  g_signal_connect_swapped (self->session, "changed", G_CALLBACK (on_drawing), self);
  on_drawing (self);
}

void
convolve_window_samples_ready (ConvolveWindow *self)
{
  g_autoptr (GError) error = NULL;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (self->samples != NULL)
    return;
  if (CONVOLVE_IS_APPLICATION (app))
    self->samples = g_object_ref (convolve_application_get_samples (CONVOLVE_APPLICATION (app), &error));
  else
    {
      self->samples = convolve_samples_new (NULL);
      convolve_samples_load (self->samples, &error);
    }
  /* an unreadable file was moved aside: say where, once */
  if (error != NULL)
    convolve_window_toast (self, error->message);

  convolve_samples_page_set_samples (self->samples_page, self->samples);
  g_signal_connect_swapped (self->samples, "items-changed", G_CALLBACK (sync_samples), self);
  sync_samples (self);
}

void
convolve_window_samples_dispose (ConvolveWindow *self)
{
  if (self->samples != NULL)
    g_signal_handlers_disconnect_by_data (self->samples, self);
  if (self->train_page != NULL)
    g_signal_handlers_disconnect_by_func (self->train_page, sync_samples, self);
  g_clear_object (&self->samples);
}
