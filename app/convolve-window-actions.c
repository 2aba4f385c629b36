/* convolve-window-actions.c — the window's actions, their keys and their state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every win.* action is a class action (gtk_widget_class_install_action),
 * enabled by gtk_widget_action_set_enabled() from the training's state and
 * the session's network. The application's accelerators are only for keys
 * no text field types (Ctrl+letters other than the editing ones, F1, F9,
 * Alt+digits): the drawing's own keys (E, Ctrl+Z, arrows, Space, Delete)
 * belong to the Explore page and its grid.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "convolve-a11y.h"
#include "convolve-export.h"
#include "convolve-file-chooser.h"
#include "convolve-model-properties.h"
#include "convolve-window-private.h"

static ConvolveWindow *
window_of (GtkWidget *widget)
{
  return CONVOLVE_WINDOW (widget);
}

static void
train_start (GtkWidget *widget, const char *name, GVariant *param)
{
  convolve_training_start (window_of (widget)->training);
}

static void
train_pause (GtkWidget *widget, const char *name, GVariant *param)
{
  convolve_training_pause (window_of (widget)->training);
}

static void
train_resume (GtkWidget *widget, const char *name, GVariant *param)
{
  convolve_training_resume (window_of (widget)->training);
}

static void
train_stop (GtkWidget *widget, const char *name, GVariant *param)
{
  convolve_training_stop (window_of (widget)->training);
}

static void
train_step (GtkWidget *widget, const char *name, GVariant *param)
{
  convolve_training_step (window_of (widget)->training);
}

static void
train_reset (GtkWidget *widget, const char *name, GVariant *param)
{
  convolve_window_train_reset (window_of (widget));
}

static void
train_toggle (GtkWidget *widget, const char *name, GVariant *param)
{
  convolve_window_train_toggle (window_of (widget));
}

static void
open_model (GtkWidget *widget, const char *name, GVariant *param)
{
  convolve_window_choose_model_file (window_of (widget), FALSE);
}

static void
open_image (GtkWidget *widget, const char *name, GVariant *param)
{
  convolve_window_choose_image_file (window_of (widget));
}

static void
image_details (GtkWidget *widget, const char *name, GVariant *param)
{
  convolve_window_show_image_details (window_of (widget));
}

static void
image_cancel (GtkWidget *widget, const char *name, GVariant *param)
{
  convolve_window_cancel_image (window_of (widget));
}

static void
save_model (GtkWidget *widget, const char *name, GVariant *param)
{
  convolve_window_save_model (window_of (widget));
}

static void
save_model_as (GtkWidget *widget, const char *name, GVariant *param)
{
  convolve_window_choose_model_file (window_of (widget), TRUE);
}

static void
restore_shipped (GtkWidget *widget, const char *name, GVariant *param)
{
  convolve_window_restore_shipped (window_of (widget));
}

static void
revert_file (GtkWidget *widget, const char *name, GVariant *param)
{
  convolve_window_revert_file (window_of (widget));
}

/* F1: the "?" of the page in view opens its explanation */
static void
show_help (GtkWidget *widget, const char *name, GVariant *param)
{
  ConvolveWindow *self = window_of (widget);
  const char *page = adw_view_stack_get_visible_child_name (self->view_stack);
  GtkMenuButton *button;

  if (g_strcmp0 (page, "filters") == 0)
    button = convolve_filters_page_get_help_button (self->filters_page);
  else if (g_strcmp0 (page, "train") == 0)
    button = convolve_train_page_get_help_button (self->train_page);
  else if (g_strcmp0 (page, "evaluate") == 0)
    button = convolve_evaluate_page_get_help_button (self->evaluate_page);
  else if (g_strcmp0 (page, "samples") == 0)
    button = convolve_samples_page_get_help_button (self->samples_page);
  else
    button = convolve_explore_page_get_help_button (self->explore_page);
  /* the Samples page without samples has no "?": it says what to do */
  if (gtk_widget_get_mapped (GTK_WIDGET (button)))
    gtk_menu_button_popup (button);
}

/* Alt+1 … Alt+N: the pages in order */
static void
show_page (GtkWidget *widget, const char *name, GVariant *param)
{
  ConvolveWindow *self = window_of (widget);
  GtkSelectionModel *pages = adw_view_stack_get_pages (self->view_stack);
  guint index = g_variant_get_uint32 (param);

  if (index < g_list_model_get_n_items (G_LIST_MODEL (pages)))
    {
      g_autoptr (AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), index);

      adw_view_stack_set_visible_child (self->view_stack, adw_view_stack_page_get_child (page));
    }
  g_object_unref (pages);
}

/* What a page shows, whole: the child of its first scrolling area (which
 * is allocated at its full size, scrolled out of view or not), else the
 * page */
static GtkWidget *
export_widget (GtkWidget *page)
{
  GtkWidget *child;

  if (GTK_IS_SCROLLED_WINDOW (page))
    {
      child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (page));
      if (GTK_IS_VIEWPORT (child) && gtk_viewport_get_child (GTK_VIEWPORT (child)) != NULL)
        child = gtk_viewport_get_child (GTK_VIEWPORT (child));
      return child != NULL ? child : page;
    }
  for (child = gtk_widget_get_first_child (page); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = export_widget (child);

      if (found != child)
        return found;
    }
  return page;
}

static void
on_export_chosen (GtkWindow *parent,
                  GFile     *file,
                  gpointer   user_data)
{
  ConvolveWindow *self = CONVOLVE_WINDOW (parent);
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = NULL;

  if (convolve_window_export_view (self, file, &error))
    /* Translators: a toast, the file's name */
    text = g_strdup_printf (_("Exported “%s”"), name);
  else
    text = g_strdup_printf (_("Could not export “%s”: %s"), name, error->message);
  convolve_window_toast (self, text);
}

gboolean
convolve_window_export_view (ConvolveWindow  *self,
                             GFile           *file,
                             GError         **error)
{
  GtkWidget *page;
  gboolean ok;

  g_return_val_if_fail (CONVOLVE_IS_WINDOW (self), FALSE);

  /* the whole page is drawn: the sections scrolled out of view too, up
   * to date first */
  page = adw_view_stack_get_visible_child (self->view_stack);
  convolve_filters_page_set_show_all (self->filters_page, page == GTK_WIDGET (self->filters_page));
  convolve_train_page_set_show_all (self->train_page, page == GTK_WIDGET (self->train_page));
  ok = convolve_export_widget (export_widget (page), file, error);
  convolve_filters_page_set_show_all (self->filters_page, FALSE);
  convolve_train_page_set_show_all (self->train_page, FALSE);
  return ok;
}

static void
export_view (GtkWidget  *widget,
             const char *action,
             GVariant   *parameter)
{
  ConvolveWindow *self = CONVOLVE_WINDOW (widget);
  static const char * const png[] = { "*.png", NULL }, * const svg[] = { "*.svg", NULL },
                    * const pdf[] = { "*.pdf", NULL };
  GtkFileFilter *filters[] = {
    convolve_file_filter_new (_("PNG image"), png),
    convolve_file_filter_new (_("SVG drawing"), svg),
    convolve_file_filter_new (_("PDF document"), pdf),
    NULL
  };
  g_autofree char *name = g_strdup_printf ("convolve-%s.png",
                                           adw_view_stack_get_visible_child_name (self->view_stack));

  convolve_choose_file (GTK_WINDOW (self), _("Export View"), name, filters, on_export_chosen, NULL);
}

static void
zoom_in (GtkWidget *widget, const char *name, GVariant *param)
{
  ConvolveWindow *self = CONVOLVE_WINDOW (widget);

  convolve_window_set_zoom_level (self, self->zoom_level + 1);
}

static void
zoom_out (GtkWidget *widget, const char *name, GVariant *param)
{
  ConvolveWindow *self = CONVOLVE_WINDOW (widget);

  convolve_window_set_zoom_level (self, self->zoom_level - 1);
}

static void
zoom_reset (GtkWidget *widget, const char *name, GVariant *param)
{
  convolve_window_set_zoom_level (CONVOLVE_WINDOW (widget), CONVOLVE_WINDOW_ZOOM_NORMAL);
}

static void
lesson_back (GtkWidget *widget, const char *name, GVariant *param)
{
  convolve_window_lesson_back (CONVOLVE_WINDOW (widget));
}

static void
lesson_next (GtkWidget *widget, const char *name, GVariant *param)
{
  convolve_window_lesson_next (CONVOLVE_WINDOW (widget));
}

static void
model_properties (GtkWidget  *widget,
                  const char *action,
                  GVariant   *parameter)
{
  ConvolveWindow *self = CONVOLVE_WINDOW (widget);
  CnnNet *net = convolve_session_get_net (self->session);

  if (net == NULL)
    return;
  gtk_window_present (GTK_WINDOW (convolve_model_properties_new (GTK_WINDOW (self), net,
                                                                 convolve_session_get_title (self->session),
                                                                 convolve_session_get_file (self->session))));
}

static void
add_sample (GtkWidget *widget, const char *name, GVariant *param)
{
  convolve_window_choose_sample_label (CONVOLVE_WINDOW (widget));
}

static void
add_sample_as (GtkWidget *widget, const char *name, GVariant *param)
{
  int label = g_variant_get_int32 (param);

  if (label >= 0 && label < CONVOLVE_SAMPLE_N_LABELS)
    convolve_window_add_sample (CONVOLVE_WINDOW (widget), label);
}

void
convolve_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.train-start", NULL, train_start);
  gtk_widget_class_install_action (widget_class, "win.train-pause", NULL, train_pause);
  gtk_widget_class_install_action (widget_class, "win.train-resume", NULL, train_resume);
  gtk_widget_class_install_action (widget_class, "win.train-stop", NULL, train_stop);
  gtk_widget_class_install_action (widget_class, "win.train-step", NULL, train_step);
  gtk_widget_class_install_action (widget_class, "win.train-reset", NULL, train_reset);
  gtk_widget_class_install_action (widget_class, "win.train-toggle", NULL, train_toggle);
  gtk_widget_class_install_action (widget_class, "win.open-model", NULL, open_model);
  gtk_widget_class_install_action (widget_class, "win.save-model", NULL, save_model);
  gtk_widget_class_install_action (widget_class, "win.open-image", NULL, open_image);
  gtk_widget_class_install_action (widget_class, "win.image-details", NULL, image_details);
  gtk_widget_class_install_action (widget_class, "win.image-cancel", NULL, image_cancel);
  gtk_widget_class_install_action (widget_class, "win.save-model-as", NULL, save_model_as);
  gtk_widget_class_install_action (widget_class, "win.restore-shipped", NULL, restore_shipped);
  gtk_widget_class_install_action (widget_class, "win.revert-file", NULL, revert_file);
  gtk_widget_class_install_action (widget_class, "win.model-properties", NULL, model_properties);
  gtk_widget_class_install_action (widget_class, "win.export-view", NULL, export_view);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_in);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_out);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_reset);
  gtk_widget_class_install_property_action (widget_class, "win.fullscreen", "fullscreened");
  gtk_widget_class_install_property_action (widget_class, "win.lesson", "lesson");
  gtk_widget_class_install_action (widget_class, "win.lesson-back", NULL, lesson_back);
  gtk_widget_class_install_action (widget_class, "win.lesson-next", NULL, lesson_next);
  gtk_widget_class_install_action (widget_class, "win.show-help", NULL, show_help);
  gtk_widget_class_install_action (widget_class, "win.show-page", "u", show_page);
  gtk_widget_class_install_action (widget_class, "win.add-sample", NULL, add_sample);
  gtk_widget_class_install_action (widget_class, "win.add-sample-as", "i", add_sample_as);
  gtk_widget_class_install_property_action (widget_class, "win.preset", "preset");
  gtk_widget_class_install_property_action (widget_class, "win.normalize", "normalize");
}

void
convolve_window_set_accels (ConvolveWindow *self,
                            GtkApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "win.show-help", { "F1", NULL } },
    { "win.preset('digits')", { "<Control>1", NULL } },
    { "win.preset('zero-or-one')", { "<Control>2", NULL } },
    { "win.show-page(uint32 0)", { "<Alt>1", NULL } },
    { "win.show-page(uint32 1)", { "<Alt>2", NULL } },
    { "win.show-page(uint32 2)", { "<Alt>3", NULL } },
    { "win.show-page(uint32 3)", { "<Alt>4", NULL } },
    { "win.show-page(uint32 4)", { "<Alt>5", NULL } },
    { "win.train-toggle", { "<Control>t", NULL } },
    { "win.train-stop", { "<Control>period", NULL } },
    { "win.train-step", { "<Control><Shift>t", NULL } },
    { "win.train-reset", { "<Control>r", NULL } },
    { "win.open-model", { "<Control>o", NULL } },
    { "win.open-image", { "<Control><Shift>o", NULL } },
    { "win.save-model", { "<Control>s", NULL } },
    { "win.save-model-as", { "<Control><Shift>s", NULL } },
    { "win.export-view", { "<Control><Shift>e", NULL } },
    { "win.zoom-in", { "<Control>plus", "<Control>equal", NULL } },
    { "win.zoom-out", { "<Control>minus", NULL } },
    { "win.zoom-reset", { "<Control>0", NULL } },
    { "win.fullscreen", { "F11", NULL } },
    { "win.lesson", { "F9", NULL } },
    { "win.lesson-back", { "<Alt>Left", NULL } },
    { "win.lesson-next", { "<Alt>Right", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);
}

void
convolve_window_update_actions (ConvolveWindow *self)
{
  ConvolveTrainingState state;
  gboolean running, paused;
  const char *icon;
  const char *slot = convolve_session_get_slot (self->session);
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "win.zoom-in", self->zoom_level < CONVOLVE_WINDOW_N_ZOOM_LEVELS - 1);
  gtk_widget_action_set_enabled (widget, "win.zoom-out", self->zoom_level > 0);
  /* an empty grid is no digit: nothing to keep */
  gtk_widget_action_set_enabled (widget, "win.add-sample", !convolve_session_get_empty (self->session));
  gtk_widget_action_set_enabled (widget, "win.add-sample-as", !convolve_session_get_empty (self->session));
  /* gone: the window is closing */
  if (self->training == NULL)
    return;
  state = convolve_training_get_state (self->training);
  running = state == CONVOLVE_TRAINING_RUNNING;
  paused = state == CONVOLVE_TRAINING_PAUSED;
  gtk_widget_action_set_enabled (widget, "win.train-start", !running && !paused);
  gtk_widget_action_set_enabled (widget, "win.train-pause", running);
  gtk_widget_action_set_enabled (widget, "win.train-resume", paused);
  gtk_widget_action_set_enabled (widget, "win.train-stop", running || paused);
  gtk_widget_action_set_enabled (widget, "win.train-step", !running);
  gtk_widget_action_set_enabled (widget, "win.train-reset", !running);
  gtk_widget_action_set_enabled (widget, "win.restore-shipped",
                                 !running && slot != NULL && cnn_preset_lookup (slot) != NULL);
  gtk_widget_action_set_enabled (widget, "win.revert-file",
                                 !running && convolve_session_get_file (self->session) != NULL);

  icon = running ? "media-playback-pause-symbolic" : "media-playback-start-symbolic";
  /* called at each change of the drawing: a new icon is a new layout */
  if (g_strcmp0 (gtk_button_get_icon_name (self->train_button), icon) != 0)
    gtk_button_set_icon_name (self->train_button, icon);
  convolve_a11y_set_tooltip (GTK_WIDGET (self->train_button),
                             running ? _("Pause training (Ctrl+T)")
                             : paused ? _("Resume training (Ctrl+T)")
                             : _("Start training (Ctrl+T)"));
  convolve_train_page_set_state (self->train_page, state);
}
