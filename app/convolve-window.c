/* convolve-window.c — the window: its template, pages, size, settings, close
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "convolve-window-private.h"

G_DEFINE_FINAL_TYPE (ConvolveWindow, convolve_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_PRESET,
  PROP_NORMALIZE,
  PROP_ZOOM,
  PROP_LESSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

void
convolve_window_add_toast (ConvolveWindow *self,
                           AdwToast       *toast)
{
  g_return_if_fail (CONVOLVE_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  g_free (self->last_toast);
  self->last_toast = g_strdup (adw_toast_get_title (toast));
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

void
convolve_window_toast (ConvolveWindow *self,
                       const char     *text)
{
  convolve_window_toast_full (self, text, NULL, NULL);
}

void
convolve_window_toast_full (ConvolveWindow *self,
                            const char     *text,
                            const char     *button,
                            const char     *action)
{
  g_autoptr (AdwToast) toast = g_object_ref_sink (adw_toast_new (text));

  adw_toast_set_timeout (toast, 8);
  if (button != NULL)
    {
      adw_toast_set_button_label (toast, button);
      adw_toast_set_action_name (toast, action);
    }
  convolve_window_add_toast (self, toast);
}

const char *
convolve_window_get_last_toast (ConvolveWindow *self)
{
  g_return_val_if_fail (CONVOLVE_IS_WINDOW (self), NULL);
  return self->last_toast;
}

/* The title stays "Convolve"; the network's name is the subtitle, with a
 * dot while its model file has changes not saved to it */
void
convolve_window_update_title (ConvolveWindow *self)
{
  const char *title = convolve_session_get_title (self->session);
  g_autofree char *subtitle = NULL;
  g_autofree char *button = NULL;

  if (title == NULL)
    return;
  if (convolve_session_get_file (self->session) != NULL && convolve_session_get_dirty (self->session))
    /* Translators: the header's subtitle for a model file with unsaved changes */
    subtitle = g_strdup_printf (_("%s •"), title);
  else
    subtitle = g_strdup (title);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
  gtk_menu_button_set_label (self->network_button, title);
  button = g_strdup_printf (_("Network: %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->network_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, button, -1);
}

static void
on_session_identity (ConvolveWindow *self)
{
  convolve_window_update_title (self);
  convolve_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESET]);
}

/* ---- zoom: for a projector ---- */

/* GTK 4.8 has no window zoom: a class on the window sets its font size
 * (style.css), and sizes that go with the text follow the font */
const double convolve_window_zoom_levels[CONVOLVE_WINDOW_N_ZOOM_LEVELS] = {
  0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0
};

static int
nearest_zoom_level (double zoom)
{
  int best = CONVOLVE_WINDOW_ZOOM_NORMAL;

  for (int i = 0; i < CONVOLVE_WINDOW_N_ZOOM_LEVELS; i++)
    if (fabs (convolve_window_zoom_levels[i] - zoom) < fabs (convolve_window_zoom_levels[best] - zoom))
      best = i;
  return best;
}

static void
zoom_class (int    level,
            char  *name,
            gsize  size)
{
  g_snprintf (name, size, "zoom-%d", (int) lround (convolve_window_zoom_levels[level] * 100));
}

void
convolve_window_set_zoom_level (ConvolveWindow *self,
                                int             level)
{
  char name[16];

  g_return_if_fail (CONVOLVE_IS_WINDOW (self));

  level = CLAMP (level, 0, CONVOLVE_WINDOW_N_ZOOM_LEVELS - 1);
  if (level == self->zoom_level)
    return;
  zoom_class (self->zoom_level, name, sizeof name);
  gtk_widget_remove_css_class (GTK_WIDGET (self), name);
  self->zoom_level = level;
  zoom_class (level, name, sizeof name);
  if (level != CONVOLVE_WINDOW_ZOOM_NORMAL)
    gtk_widget_add_css_class (GTK_WIDGET (self), name);
  convolve_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* ---- settings and size ---- */

static void
restore_settings (ConvolveWindow *self)
{
  GSettings *settings = self->settings;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  g_settings_bind (settings, "normalize-drawing", self->session, "normalize",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "zoom", self, "zoom", G_SETTINGS_BIND_DEFAULT);
  convolve_explore_page_bind_settings (self->explore_page, settings);
  convolve_train_page_bind_settings (self->train_page, settings);
}

static void
save_window_size (ConvolveWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  /* within the schema's ranges: a size out of them would not be kept */
  g_settings_set_int (self->settings, "window-width", CLAMP (width, 360, 32767));
  g_settings_set_int (self->settings, "window-height", CLAMP (height, 300, 32767));
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

void
convolve_window_save_state (ConvolveWindow *self)
{
  g_return_if_fail (CONVOLVE_IS_WINDOW (self));

  if (self->state_saved)
    return;
  self->state_saved = TRUE;
  /* what the run learned, up to its last mini-batch, then into its slot */
  convolve_window_training_dispose (self);
  convolve_window_autosave (self);
  save_window_size (self);
}

static gboolean
convolve_window_close_request (GtkWindow *window)
{
  convolve_window_save_state (CONVOLVE_WINDOW (window));

  return GTK_WINDOW_CLASS (convolve_window_parent_class)->close_request (window);
}

/* The application is set after construction: the accelerators and the
 * settings are the application's, and so is the network last shown. */
static void
on_application_notify (ConvolveWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (app == NULL || self->settings_done)
    return;
  self->settings_done = TRUE;

  convolve_window_set_accels (self, app);
  if (CONVOLVE_IS_APPLICATION (app))
    {
      GSettings *settings = convolve_application_get_settings (CONVOLVE_APPLICATION (app));

      if (settings != NULL)
        {
          self->settings = g_object_ref (settings);
          restore_settings (self);
        }
    }
  convolve_window_training_ready (self);
  convolve_window_samples_ready (self);
  convolve_window_restore_network (self);
  convolve_window_lesson_restore (self);
}

/* ---- GObject ---- */

static void
convolve_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ConvolveWindow *self = CONVOLVE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_PRESET:
      {
        const char *slot = convolve_session_get_slot (self->session);

        /* the menu's radio items: a preset's id, nothing for other networks */
        g_value_set_string (value, slot != NULL && cnn_preset_lookup (slot) != NULL ? slot : "");
      }
      break;
    case PROP_NORMALIZE:
      g_value_set_boolean (value, convolve_session_get_normalize (self->session));
      break;
    case PROP_ZOOM:
      g_value_set_double (value, convolve_window_zoom_levels[self->zoom_level]);
      break;
    case PROP_LESSON:
      g_value_set_boolean (value, self->lesson);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ConvolveWindow *self = CONVOLVE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PRESET:
      {
        g_autoptr (GError) error = NULL;
        const char *id = g_value_get_string (value);

        if (cnn_preset_lookup (id) != NULL && !convolve_window_show_network (self, id, &error))
          convolve_window_toast (self, error->message);
      }
      break;
    case PROP_NORMALIZE:
      convolve_session_set_normalize (self->session, g_value_get_boolean (value));
      break;
    case PROP_ZOOM:
      convolve_window_set_zoom_level (self, nearest_zoom_level (g_value_get_double (value)));
      break;
    case PROP_LESSON:
      convolve_window_set_lesson (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_normalize (ConvolveWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NORMALIZE]);
}

static void
convolve_window_dispose (GObject *object)
{
  ConvolveWindow *self = CONVOLVE_WINDOW (object);

  /* a file still being read is not shown in a window that is gone */
  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  convolve_window_images_dispose (self);
  convolve_window_training_dispose (self);
  convolve_window_samples_dispose (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONVOLVE_TYPE_WINDOW);
  g_clear_object (&self->session);
  g_clear_object (&self->autosave);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (convolve_window_parent_class)->dispose (object);
}

static void
convolve_window_finalize (GObject *object)
{
  ConvolveWindow *self = CONVOLVE_WINDOW (object);

  g_free (self->last_toast);
  g_free (self->autosave_failure);

  G_OBJECT_CLASS (convolve_window_parent_class)->finalize (object);
}

static void
convolve_window_class_init (ConvolveWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = convolve_window_get_property;
  object_class->set_property = convolve_window_set_property;
  object_class->dispose = convolve_window_dispose;
  object_class->finalize = convolve_window_finalize;
  window_class->close_request = convolve_window_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CONVOLVE_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* the preset shown, for the network menu's radio items ("" for none) */
  properties[PROP_PRESET] =
    g_param_spec_string ("preset", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NORMALIZE] =
    g_param_spec_boolean ("normalize", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* snapped to the nearest of convolve_window_zoom_levels */
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0.5, 4.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LESSON] =
    g_param_spec_boolean ("lesson", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CONVOLVE_TYPE_EXPLORE_PAGE);
  g_type_ensure (CONVOLVE_TYPE_LESSON_PANEL);
  g_type_ensure (CONVOLVE_TYPE_FILTERS_PAGE);
  g_type_ensure (CONVOLVE_TYPE_TRAIN_PAGE);
  g_type_ensure (CONVOLVE_TYPE_EVALUATE_PAGE);
  g_type_ensure (CONVOLVE_TYPE_SAMPLES_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convolve/Convolve/ui/convolve-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, network_button);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, train_button);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, explore_page);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, filters_page);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, train_page);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, evaluate_page);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, samples_page);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, lesson_revealer);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, lesson_panel);

  convolve_window_class_install_actions (widget_class);
}

static gboolean
on_drop (ConvolveWindow *self,
         const GValue   *value)
{
  GSList *files = g_value_get_boxed (value);

  for (GSList *l = files; l != NULL; l = l->next)
    convolve_window_open_file (self, l->data);
  return files != NULL;
}

static void
convolve_window_init (ConvolveWindow *self)
{
  /* before the template: its pages bind to it */
  self->session = convolve_session_new ();
  self->zoom_level = CONVOLVE_WINDOW_ZOOM_NORMAL;
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->session, "notify::title", G_CALLBACK (on_session_identity), self);
  g_signal_connect_swapped (self->session, "notify::slot", G_CALLBACK (on_session_identity), self);
  g_signal_connect_swapped (self->session, "notify::file", G_CALLBACK (on_session_identity), self);
  g_signal_connect_swapped (self->session, "notify::dirty", G_CALLBACK (on_session_identity), self);
  g_signal_connect_swapped (self->session, "notify::normalize", G_CALLBACK (on_normalize), self);

  g_signal_connect_swapped (self->evaluate_page, "load-digit", G_CALLBACK (convolve_window_load_digit),
                            self);

  {
    /* files dropped anywhere on the window */
    GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    g_signal_connect_swapped (drop, "drop", G_CALLBACK (on_drop), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }

  convolve_window_models_init (self);
  convolve_window_training_init (self);
  convolve_window_samples_init (self);
  convolve_window_lesson_init (self);
  convolve_window_images_init (self);
  /* something to show before the settings say what was shown last */
  convolve_window_show_network (self, CNN_PRESET_DEFAULT, NULL);

  gtk_widget_grab_focus (GTK_WIDGET (convolve_explore_page_get_grid (self->explore_page)));
  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_notify), NULL);
}

void
convolve_window_load_digit (ConvolveWindow *self,
                            const float    *values)
{
  g_return_if_fail (CONVOLVE_IS_WINDOW (self));
  g_return_if_fail (values != NULL);

  /* one undoable change: Ctrl+Z on the grid brings back the drawing */
  convolve_grid_model_set_values (convolve_explore_page_get_grid_model (self->explore_page), values);
  adw_view_stack_set_visible_child_name (self->view_stack, "explore");
  gtk_widget_grab_focus (GTK_WIDGET (convolve_explore_page_get_grid (self->explore_page)));
}

ConvolveWindow *
convolve_window_new (ConvolveApplication *application)
{
  g_return_val_if_fail (CONVOLVE_IS_APPLICATION (application), NULL);

  return g_object_new (CONVOLVE_TYPE_WINDOW, "application", application, NULL);
}
