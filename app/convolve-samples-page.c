/* convolve-samples-page.c — the user's own labelled drawings, as a gallery
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "convolve-file-chooser.h"
#include "convolve-heatmap.h"
#include "convolve-samples-page.h"

/* px per cell of a sample's image: 8 × 7 = 56 px, as big as a thumbnail */
#define SAMPLE_CELL 7

struct _ConvolveSamplesPage
{
  GtkWidget parent_instance;

  /* template children */
  GtkStack *stack;
  GtkMenuButton *help_button;
  GtkLabel *count_label;
  GtkGrid *relabel_grid;
  GtkPopover *relabel_popover;
  GtkGridView *grid_view;

  ConvolveSamples *samples;
  GtkSingleSelection *selection;
  /* the last removal, for its toast's Undo: the sample and where it was */
  ConvolveSample *removed;
  guint removed_position;
  AdwToast *removed_toast;
};

G_DEFINE_FINAL_TYPE (ConvolveSamplesPage, convolve_samples_page, GTK_TYPE_WIDGET)

enum {
  SIGNAL_LOAD_SAMPLE,
  SIGNAL_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (ConvolveSamplesPage *self,
       AdwToast            *t)
{
  g_autoptr (AdwToast) owned = t;

  g_signal_emit (self, signals[SIGNAL_TOAST], 0, t);
}

static void
toast_text (ConvolveSamplesPage *self,
            const char          *text)
{
  AdwToast *t = adw_toast_new (text);

  adw_toast_set_timeout (t, 8);
  toast (self, g_object_ref_sink (t));
}

/* ---- what is shown ---- */

static void
update_state (ConvolveSamplesPage *self)
{
  guint n = self->samples != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->samples)) : 0;
  gboolean selected = convolve_samples_page_get_selected (self) != GTK_INVALID_LIST_POSITION;
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u sample", "%u samples", n), n);

  gtk_label_set_label (self->count_label, count);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "samples.remove", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "samples.relabel", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "samples.load", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "samples.export", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "samples.import", self->samples != NULL);
}

static void
on_setup (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *map = convolve_heatmap_new ();
  GtkWidget *label = gtk_label_new (NULL);

  convolve_heatmap_set_scale (CONVOLVE_HEATMAP (map), CONVOLVE_SCALE_SEQUENTIAL, 1.0f);
  convolve_heatmap_set_cell_size (CONVOLVE_HEATMAP (map), SAMPLE_CELL);
  gtk_widget_set_can_target (map, FALSE);
  gtk_widget_set_focusable (map, FALSE);
  gtk_widget_set_halign (map, GTK_ALIGN_CENTER);
  /* a grid view's columns are as wide as their items' minimum */
  gtk_widget_set_size_request (map, CNN_INPUT_W * SAMPLE_CELL, CNN_INPUT_H * SAMPLE_CELL);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), map);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_tooltip_text (box, _("Enter or double-click: put it on the grid"));
  gtk_list_item_set_child (item, box);
}

static void
on_bind (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  user_data)
{
  ConvolveSample *sample = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *map = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (map);
  float input[CNN_INPUT_SIZE];
  char text[4];
  int digit = convolve_sample_get_label (sample);
  /* Translators: one sample of the gallery, by its label (not its
   * position: a removal before it moves it without binding it again) */
  g_autofree char *a11y = g_strdup_printf (_("A sample labelled %d"), digit);

  convolve_sample_get_input (sample, input);
  convolve_heatmap_set_data (CONVOLVE_HEATMAP (map), input, CNN_INPUT_H, CNN_INPUT_W, 1);
  g_snprintf (text, sizeof text, "%d", digit);
  gtk_label_set_label (GTK_LABEL (label), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
}

/* ---- acting on the selection ---- */

guint
convolve_samples_page_get_selected (ConvolveSamplesPage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_SAMPLES_PAGE (self), GTK_INVALID_LIST_POSITION);
  return gtk_single_selection_get_selected (self->selection);
}

void
convolve_samples_page_select (ConvolveSamplesPage *self,
                              guint                position)
{
  g_return_if_fail (CONVOLVE_IS_SAMPLES_PAGE (self));
  gtk_single_selection_set_selected (self->selection, position);
}

static void
forget_removed (ConvolveSamplesPage *self)
{
  g_clear_object (&self->removed);
  if (self->removed_toast != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->removed_toast, self);
      g_clear_object (&self->removed_toast);
    }
}

gboolean
convolve_samples_page_undo_remove (ConvolveSamplesPage *self)
{
  g_autoptr (GError) error = NULL;
  guint n;

  g_return_val_if_fail (CONVOLVE_IS_SAMPLES_PAGE (self), FALSE);

  if (self->removed == NULL || self->samples == NULL)
    return FALSE;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->samples));
  /* the same place, unless later removals made the list shorter */
  if (!convolve_samples_insert (self->samples, MIN (self->removed_position, n), self->removed, &error))
    {
      toast_text (self, error->message);
      return FALSE;
    }
  gtk_single_selection_set_selected (self->selection, MIN (self->removed_position, n));
  forget_removed (self);
  return TRUE;
}

static void
on_undo_clicked (ConvolveSamplesPage *self)
{
  convolve_samples_page_undo_remove (self);
}

gboolean
convolve_samples_page_remove_selected (ConvolveSamplesPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (ConvolveSample) removed = NULL;
  g_autofree char *text = NULL;
  guint position;
  AdwToast *t;

  g_return_val_if_fail (CONVOLVE_IS_SAMPLES_PAGE (self), FALSE);

  position = convolve_samples_page_get_selected (self);
  if (self->samples == NULL || position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  if (!convolve_samples_remove (self->samples, position, &removed, &error))
    {
      toast_text (self, error->message);
      return FALSE;
    }
  forget_removed (self);
  self->removed = g_steal_pointer (&removed);
  self->removed_position = position;

  /* Translators: a toast after a sample was removed */
  text = g_strdup_printf (_("Removed a %d"), convolve_sample_get_label (self->removed));
  t = adw_toast_new (text);
  adw_toast_set_button_label (t, _("_Undo"));
  adw_toast_set_timeout (t, 10);
  self->removed_toast = g_object_ref_sink (t);
  g_signal_connect_swapped (t, "button-clicked", G_CALLBACK (on_undo_clicked), self);
  toast (self, g_object_ref (t));

  /* the next one is selected, so Delete can go on */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->samples)) > 0)
    gtk_single_selection_set_selected (self->selection,
                                       MIN (position, g_list_model_get_n_items (G_LIST_MODEL (self->samples)) - 1));
  return TRUE;
}

gboolean
convolve_samples_page_relabel_selected (ConvolveSamplesPage *self,
                                        int                  label)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  guint position;

  g_return_val_if_fail (CONVOLVE_IS_SAMPLES_PAGE (self), FALSE);
  g_return_val_if_fail (label >= 0 && label < CONVOLVE_SAMPLE_N_LABELS, FALSE);

  position = convolve_samples_page_get_selected (self);
  if (self->samples == NULL || position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  if (!convolve_samples_relabel (self->samples, position, label, &error))
    {
      toast_text (self, error->message);
      return FALSE;
    }
  /* items-changed (position, 1, 1) drops the selection: keep it */
  gtk_single_selection_set_selected (self->selection, position);
  /* Translators: a toast after a sample was given another label */
  text = g_strdup_printf (_("Now labelled %d"), label);
  toast_text (self, text);
  return TRUE;
}

static void
load_position (ConvolveSamplesPage *self,
               guint                position)
{
  g_autoptr (ConvolveSample) sample = NULL;
  float input[CNN_INPUT_SIZE];

  if (self->samples == NULL)
    return;
  sample = g_list_model_get_item (G_LIST_MODEL (self->samples), position);
  if (sample == NULL)
    return;
  convolve_sample_get_input (sample, input);
  g_signal_emit (self, signals[SIGNAL_LOAD_SAMPLE], 0, input);
}

void
convolve_samples_page_load_selected (ConvolveSamplesPage *self)
{
  g_return_if_fail (CONVOLVE_IS_SAMPLES_PAGE (self));
  load_position (self, convolve_samples_page_get_selected (self));
}

static void
on_activate (ConvolveSamplesPage *self,
             guint                position)
{
  load_position (self, position);
}

/* ---- files ---- */

gboolean
convolve_samples_page_import_file (ConvolveSamplesPage  *self,
                                   GFile                *file,
                                   GError              **error)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  guint n = 0;

  g_return_val_if_fail (CONVOLVE_IS_SAMPLES_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (self->samples != NULL, FALSE);

  if (!convolve_samples_import (self->samples, file, NULL, &n, error))
    return FALSE;
  name = g_file_get_basename (file);
  /* Translators: a toast: how many samples a file added, and its name */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u sample from “%s”",
                                       "Added %u samples from “%s”", n), n, name);
  toast_text (self, text);
  return TRUE;
}

gboolean
convolve_samples_page_export_file (ConvolveSamplesPage  *self,
                                   GFile                *file,
                                   GError              **error)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  guint n;

  g_return_val_if_fail (CONVOLVE_IS_SAMPLES_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (self->samples != NULL, FALSE);

  if (!convolve_samples_export (self->samples, file, error))
    return FALSE;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->samples));
  name = g_file_get_basename (file);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Saved %u sample to “%s”",
                                       "Saved %u samples to “%s”", n), n, name);
  toast_text (self, text);
  return TRUE;
}

/* A refused file is not a passing note: a dialog, which stays until read */
static void
tell_failure (ConvolveSamplesPage *self,
              const char          *heading,
              const GError        *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
convolve_samples_page_import_or_tell (ConvolveSamplesPage *self,
                                      GFile               *file)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (CONVOLVE_IS_SAMPLES_PAGE (self));

  if (!convolve_samples_page_import_file (self, file, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      /* Translators: a dialog's heading, the file's name */
      g_autofree char *heading = g_strdup_printf (_("“%s” Was Not Imported"), name);

      tell_failure (self, heading, error);
    }
}

static void
on_import_chosen (GtkWindow *parent,
                  GFile     *file,
                  gpointer   user_data)
{
  convolve_samples_page_import_or_tell (CONVOLVE_SAMPLES_PAGE (user_data), file);
}

static void
on_export_chosen (GtkWindow *parent,
                  GFile     *file,
                  gpointer   user_data)
{
  ConvolveSamplesPage *self = CONVOLVE_SAMPLES_PAGE (user_data);
  g_autoptr (GError) error = NULL;

  if (!convolve_samples_page_export_file (self, file, &error))
    tell_failure (self, _("The Samples Were Not Exported"), error);
}

static GtkFileFilter **
csv_filters (void)
{
  static const char * const patterns[] = { "*.csv", "*.csv.gz", NULL };
  GtkFileFilter **filters = g_new0 (GtkFileFilter *, 2);

  filters[0] = convolve_file_filter_new (_("CSV files of digits"), patterns);
  return filters;
}

static void
import_action (GtkWidget *widget, const char *name, GVariant *param)
{
  g_autofree GtkFileFilter **filters = csv_filters ();
  GtkRoot *root = gtk_widget_get_root (widget);

  /* the page lives as long as its window, which the chooser is modal to */
  convolve_choose_file (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Import Samples"), NULL,
                        filters, on_import_chosen, widget);
}

static void
export_action (GtkWidget *widget, const char *name, GVariant *param)
{
  g_autofree GtkFileFilter **filters = csv_filters ();
  GtkRoot *root = gtk_widget_get_root (widget);

  convolve_choose_file (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Export Samples"),
                        "samples.csv", filters, on_export_chosen, widget);
}

static void
remove_action (GtkWidget *widget, const char *name, GVariant *param)
{
  convolve_samples_page_remove_selected (CONVOLVE_SAMPLES_PAGE (widget));
}

static void
relabel_action (GtkWidget *widget, const char *name, GVariant *param)
{
  ConvolveSamplesPage *self = CONVOLVE_SAMPLES_PAGE (widget);
  int label = g_variant_get_int32 (param);

  gtk_popover_popdown (self->relabel_popover);
  if (label >= 0 && label < CONVOLVE_SAMPLE_N_LABELS)
    convolve_samples_page_relabel_selected (self, label);
}

static void
load_action (GtkWidget *widget, const char *name, GVariant *param)
{
  convolve_samples_page_load_selected (CONVOLVE_SAMPLES_PAGE (widget));
}

/* ---- the model ---- */

static void
on_items_changed (ConvolveSamplesPage *self)
{
  update_state (self);
}

void
convolve_samples_page_set_samples (ConvolveSamplesPage *self,
                                   ConvolveSamples     *samples)
{
  g_return_if_fail (CONVOLVE_IS_SAMPLES_PAGE (self));
  g_return_if_fail (samples == NULL || CONVOLVE_IS_SAMPLES (samples));

  if (self->samples == samples)
    return;
  forget_removed (self);
  if (self->samples != NULL)
    g_signal_handlers_disconnect_by_data (self->samples, self);
  g_set_object (&self->samples, samples);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (samples));
  if (samples != NULL)
    g_signal_connect_object (samples, "items-changed", G_CALLBACK (on_items_changed), self,
                             G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  update_state (self);
}

ConvolveSamples *
convolve_samples_page_get_samples (ConvolveSamplesPage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_SAMPLES_PAGE (self), NULL);
  return self->samples;
}

GtkGridView *
convolve_samples_page_get_grid_view (ConvolveSamplesPage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_SAMPLES_PAGE (self), NULL);
  return self->grid_view;
}

/* The "?" of the page (F1); only on the list, the empty page explains
 * itself */
GtkMenuButton *
convolve_samples_page_get_help_button (ConvolveSamplesPage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_SAMPLES_PAGE (self), NULL);
  return self->help_button;
}

/* ---- GObject ---- */

static void
convolve_samples_page_dispose (GObject *object)
{
  ConvolveSamplesPage *self = CONVOLVE_SAMPLES_PAGE (object);

  forget_removed (self);
  if (self->samples != NULL)
    g_signal_handlers_disconnect_by_data (self->samples, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONVOLVE_TYPE_SAMPLES_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->samples);

  G_OBJECT_CLASS (convolve_samples_page_parent_class)->dispose (object);
}

static void
convolve_samples_page_class_init (ConvolveSamplesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = convolve_samples_page_dispose;

  signals[SIGNAL_LOAD_SAMPLE] =
    g_signal_new ("load-sample", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[SIGNAL_TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_install_action (widget_class, "samples.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "samples.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "samples.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "samples.relabel", "i", relabel_action);
  gtk_widget_class_install_action (widget_class, "samples.load", NULL, load_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convolve/Convolve/ui/convolve-samples-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvolveSamplesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ConvolveSamplesPage, help_button);
  gtk_widget_class_bind_template_child (widget_class, ConvolveSamplesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, ConvolveSamplesPage, relabel_grid);
  gtk_widget_class_bind_template_child (widget_class, ConvolveSamplesPage, relabel_popover);
  gtk_widget_class_bind_template_child (widget_class, ConvolveSamplesPage, grid_view);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "samples-page");
}

/* Delete and the digits act on the selected sample while the gallery has
 * the focus (never while typing elsewhere) */
static void
add_gallery_keys (ConvolveSamplesPage *self)
{
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("samples.remove")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_BackSpace, 0),
                                                          gtk_named_action_new ("samples.remove")));
  for (int d = 0; d < CONVOLVE_SAMPLE_N_LABELS; d++)
    for (guint k = 0; k < 2; k++)
      {
        guint keyval = (k == 0 ? GDK_KEY_0 : GDK_KEY_KP_0) + d;
        GtkShortcut *s = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, 0),
                                           gtk_named_action_new ("samples.relabel"));

        gtk_shortcut_set_arguments (s, g_variant_new_int32 (d));
        gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), s);
      }
  gtk_widget_add_controller (GTK_WIDGET (self->grid_view), keys);
}

static void
fill_relabel_popover (ConvolveSamplesPage *self)
{
  for (int d = 0; d < CONVOLVE_SAMPLE_N_LABELS; d++)
    {
      char text[4];
      GtkWidget *button;
      /* Translators: a button of the relabel popover */
      g_autofree char *a11y = g_strdup_printf (_("Label it %d"), d);

      g_snprintf (text, sizeof text, "%d", d);
      button = gtk_button_new_with_label (text);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "samples.relabel");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int32 (d));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      /* 1 2 3 4 5 / 6 7 8 9 0, as on a keyboard's top row */
      gtk_grid_attach (self->relabel_grid, button, d == 0 ? 4 : (d - 1) % 5, d == 0 ? 1 : (d - 1) / 5, 1, 1);
    }
}

static void
convolve_samples_page_init (ConvolveSamplesPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_single_selection_set_can_unselect (self->selection, FALSE);
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind), self);
  gtk_grid_view_set_factory (self->grid_view, factory);
  g_object_unref (factory);
  gtk_grid_view_set_model (self->grid_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->grid_view, "activate", G_CALLBACK (on_activate), self);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (update_state), self);

  add_gallery_keys (self);
  fill_relabel_popover (self);
  update_state (self);
}
