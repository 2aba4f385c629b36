/* convolve-window.c — the main window, built from convolve-window.ui
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Explore: the drawing on the left, every layer's output in the middle, the
 * class probabilities on the right. Each change of the drawing runs the
 * network on the main thread (a forward pass costs microseconds) and updates
 * every view before the next frame.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "convolve-detail-dialog.h"
#include "convolve-grid.h"
#include "convolve-window.h"

#define MODELS_PATH "/io/github/convolve/Convolve/models/"

struct _ConvolveWindow
{
  AdwApplicationWindow parent_instance;

  /* template children */
  AdwHeaderBar *header_bar;
  GtkMenuButton *menu_button;
  GtkMenuButton *preset_button;
  AdwViewStack *view_stack;
  GtkAspectFrame *grid_frame;
  GtkAdjustment *pen_width_adjustment;
  GtkScrolledWindow *trace_scroller;
  GtkBox *answer_box;
  GtkLabel *prediction_label;
  GtkScrolledWindow *filters_scroller;
  GtkSwitch *show_numbers_switch;

  ConvolveGridModel *model;
  GtkWidget *grid;
  ConvolveTraceView *trace;
  ConvolveProbBars *bars;
  ConvolveFiltersView *filters;

  GSettings *settings;    /* nullable: no schema installed */
  gboolean settings_done;

  CnnNet *net;
  CnnWorkspace *ws;
  char *preset;
  gboolean normalize;
  float input[CNN_INPUT_SIZE];

  /* latency: from a change of the drawing to the frame that shows it */
  GdkFrameClock *frame_clock;
  gulong after_paint_id;
  gint64 pending_since;   /* 0: nothing waiting to be shown */
  GArray *latencies;      /* gint64 µs */
  GArray *compute_times;  /* gint64 µs */
};

G_DEFINE_FINAL_TYPE (ConvolveWindow, convolve_window, ADW_TYPE_APPLICATION_WINDOW)

static const struct {
  const char *id;
  const char *title;
} presets[] = {
  { "digits", N_("Digits 0–9") },
  { "zero-or-one", N_("Zero or One") },
};

static int
preset_index (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_strcmp0 (presets[i].id, id) == 0)
      return (int) i;
  return -1;
}

static CnnNet *
load_preset (const char  *id,
             GError     **error)
{
  g_autofree char *path = g_strconcat (MODELS_PATH, id, ".cnvm", NULL);
  g_autoptr (GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);

  if (bytes == NULL)
    return NULL;
  return cnn_model_deserialize (bytes, error);
}

static void
update_prediction (ConvolveWindow *self,
                   const float    *probs)
{
  g_autofree char *text = NULL;
  int top = 0;

  for (int i = 1; i < self->net->n_classes; i++)
    if (probs[i] > probs[top])
      top = i;

  if (convolve_grid_model_is_empty (self->model))
    text = g_strdup (_("Draw a digit"));
  else
    /* Translators: "Prediction: 7 (97 %)" */
    text = g_strdup_printf (_("Prediction: %d (%.0f %%)"), top, 100.0 * probs[top]);
  gtk_label_set_text (self->prediction_label, text);
}

static void
run_network (ConvolveWindow *self)
{
  const float *probs;

  if (self->net == NULL)
    return;

  if (self->normalize)
    convolve_grid_model_get_normalized (self->model, self->input);
  else
    memcpy (self->input, convolve_grid_model_get_values (self->model), sizeof self->input);

  probs = cnn_net_forward (self->net, self->ws, self->input);
  convolve_trace_view_update (self->trace, self->ws);
  convolve_prob_bars_set (self->bars, probs, self->net->n_classes, NULL);
  update_prediction (self, probs);
}

static void
on_model_changed (ConvolveGridModel *model,
                  ConvolveWindow    *self)
{
  gint64 start = g_get_monotonic_time ();
  gint64 took;

  /* timed from the first change not yet on screen: the worst case */
  if (self->pending_since == 0)
    self->pending_since = start;
  run_network (self);
  took = g_get_monotonic_time () - start;
  g_array_append_val (self->compute_times, took);
}

static void
on_after_paint (GdkFrameClock  *clock,
                ConvolveWindow *self)
{
  gint64 latency;

  if (self->pending_since == 0)
    return;
  latency = g_get_monotonic_time () - self->pending_since;
  g_array_append_val (self->latencies, latency);
  self->pending_since = 0;
}

static void
set_preset (ConvolveWindow *self,
            const char     *id)
{
  g_autoptr (GError) error = NULL;
  CnnNet *net;
  int index = preset_index (id);

  g_return_if_fail (index >= 0);

  net = load_preset (id, &error);
  if (net == NULL)
    {
      /* The models are built into the program: this is a broken build. */
      g_critical ("Cannot load the “%s” model: %s", id, error->message);
      return;
    }

  g_clear_pointer (&self->ws, cnn_workspace_free);
  g_clear_pointer (&self->net, cnn_net_free);
  self->net = net;
  self->ws = cnn_workspace_new (net);
  g_free (self->preset);
  self->preset = g_strdup (id);

  gtk_menu_button_set_label (self->preset_button, _(presets[index].title));
  convolve_trace_view_set_net (self->trace, net);
  convolve_filters_view_set_net (self->filters, net);
  run_network (self);
}

/* Actions */

static void
undo_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  ConvolveWindow *self = user_data;

  convolve_grid_model_undo (self->model);
}

static void
redo_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  ConvolveWindow *self = user_data;

  convolve_grid_model_redo (self->model);
}

static void
clear_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  ConvolveWindow *self = user_data;

  convolve_grid_model_clear (self->model);
}

static void
eraser_changed (GSimpleAction *action,
                GVariant      *state,
                gpointer       user_data)
{
  ConvolveWindow *self = user_data;

  convolve_grid_set_eraser (CONVOLVE_GRID (self->grid), g_variant_get_boolean (state));
  g_simple_action_set_state (action, state);
}

static void
cell_mode_changed (GSimpleAction *action,
                   GVariant      *state,
                   gpointer       user_data)
{
  ConvolveWindow *self = user_data;

  convolve_grid_model_set_mode (self->model, g_variant_get_boolean (state)
                                             ? CONVOLVE_GRID_MODE_CELL
                                             : CONVOLVE_GRID_MODE_PEN);
  g_simple_action_set_state (action, state);
}

static void
normalize_changed (GSimpleAction *action,
                   GVariant      *state,
                   gpointer       user_data)
{
  ConvolveWindow *self = user_data;

  self->normalize = g_variant_get_boolean (state);
  g_simple_action_set_state (action, state);
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "normalize-drawing", self->normalize);
  run_network (self);
}

static void
preset_changed (GSimpleAction *action,
                GVariant      *state,
                gpointer       user_data)
{
  ConvolveWindow *self = user_data;
  const char *id = g_variant_get_string (state, NULL);

  if (preset_index (id) < 0)
    return;
  set_preset (self, id);
  if (g_strcmp0 (self->preset, id) != 0)
    return;
  g_simple_action_set_state (action, state);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "preset", id);
}

static const GActionEntry win_actions[] = {
  { .name = "undo", .activate = undo_activated },
  { .name = "redo", .activate = redo_activated },
  { .name = "clear", .activate = clear_activated },
  { .name = "eraser", .state = "false", .change_state = eraser_changed },
  { .name = "cell-mode", .state = "false", .change_state = cell_mode_changed },
  { .name = "normalize", .state = "true", .change_state = normalize_changed },
  { .name = "preset", .parameter_type = "s", .state = "'digits'", .change_state = preset_changed },
};

static void
update_history_actions (ConvolveWindow *self)
{
  GAction *undo = g_action_map_lookup_action (G_ACTION_MAP (self), "undo");
  GAction *redo = g_action_map_lookup_action (G_ACTION_MAP (self), "redo");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (undo), convolve_grid_model_can_undo (self->model));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (redo), convolve_grid_model_can_redo (self->model));
}

static void
on_history_notify (GObject        *object,
                   GParamSpec     *pspec,
                   ConvolveWindow *self)
{
  update_history_actions (self);
}

static void
on_map_activated (ConvolveTraceView *trace,
                  int                layer,
                  int                channel,
                  int                row,
                  int                col,
                  ConvolveWindow    *self)
{
  if (layer < 0)
    return;
  switch (self->net->layers[layer].kind)
    {
    case CNN_LAYER_CONV:
      break;
    case CNN_LAYER_RELU:
      if (layer > 0 && self->net->layers[layer - 1].kind == CNN_LAYER_CONV)
        break;
      return;
    default:
      return;
    }
  convolve_window_open_detail (self, layer, channel, row, col);
}

GtkWidget *
convolve_window_open_detail (ConvolveWindow *self,
                             int             layer,
                             int             channel,
                             int             row,
                             int             col)
{
  GtkWidget *dialog;

  g_return_val_if_fail (CONVOLVE_IS_WINDOW (self), NULL);

  dialog = convolve_detail_dialog_new (GTK_WINDOW (self), self->net, self->ws, layer, channel);
  g_return_val_if_fail (dialog != NULL, NULL);
  if (row >= 0 && col >= 0)
    convolve_detail_dialog_set_cell (CONVOLVE_DETAIL_DIALOG (dialog), row, col);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* The seed's example, so the first thing a person sees is an answer: a
 * simple "1", one slightly slanted stroke down the middle. */
static void
draw_first_digit (ConvolveWindow *self)
{
  convolve_grid_model_begin_stroke (self->model, 4.5, 1.0, FALSE);
  convolve_grid_model_stroke_to (self->model, 4.2, 4.0);
  convolve_grid_model_stroke_to (self->model, 3.8, 7.0);
  convolve_grid_model_end_stroke (self->model);
}

static double
median_of (GArray *values)
{
  g_autofree gint64 *sorted = NULL;
  guint n = values->len;

  if (n == 0)
    return 0;
  sorted = g_memdup2 (values->data, n * sizeof (gint64));
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && sorted[j - 1] > sorted[j]; j--)
      {
        gint64 t = sorted[j];
        sorted[j] = sorted[j - 1];
        sorted[j - 1] = t;
      }
  return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
}

static gint64
worst_of (GArray *values)
{
  gint64 worst = 0;

  for (guint i = 0; i < values->len; i++)
    worst = MAX (worst, g_array_index (values, gint64, i));
  return worst;
}

static void
report_latency (ConvolveWindow *self)
{
  if (g_strcmp0 (g_getenv ("CONVOLVE_DEBUG_LATENCY"), "1") != 0 || self->latencies->len == 0)
    return;

  g_printerr ("convolve: change → painted frame: median %.2f ms, worst %.2f ms (%u frames); "
              "forward + views: median %.3f ms, worst %.3f ms (%u changes)\n",
              median_of (self->latencies) / 1000.0, worst_of (self->latencies) / 1000.0,
              self->latencies->len,
              median_of (self->compute_times) / 1000.0, worst_of (self->compute_times) / 1000.0,
              self->compute_times->len);
}

static void
convolve_window_realize (GtkWidget *widget)
{
  ConvolveWindow *self = CONVOLVE_WINDOW (widget);

  GTK_WIDGET_CLASS (convolve_window_parent_class)->realize (widget);

  self->frame_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  self->after_paint_id = g_signal_connect (self->frame_clock, "after-paint",
                                           G_CALLBACK (on_after_paint), self);
}

static void
convolve_window_unrealize (GtkWidget *widget)
{
  ConvolveWindow *self = CONVOLVE_WINDOW (widget);

  g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
  g_clear_object (&self->frame_clock);

  GTK_WIDGET_CLASS (convolve_window_parent_class)->unrealize (widget);
}

static void
restore_settings (ConvolveWindow *self)
{
  GSettings *settings = self->settings;
  g_autofree char *preset = NULL;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (settings, "pen-width", self->model, "pen-width", G_SETTINGS_BIND_DEFAULT);
  g_action_group_change_action_state (G_ACTION_GROUP (self), "normalize",
                                      g_variant_new_boolean (g_settings_get_boolean (settings,
                                                                                     "normalize-drawing")));
  preset = g_settings_get_string (settings, "preset");
  if (preset_index (preset) >= 0)
    g_action_group_change_action_state (G_ACTION_GROUP (self), "preset",
                                        g_variant_new_string (preset));
}

static gboolean
convolve_window_close_request (GtkWindow *window)
{
  ConvolveWindow *self = CONVOLVE_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
      g_settings_apply (self->settings);
    }

  return GTK_WINDOW_CLASS (convolve_window_parent_class)->close_request (window);
}

/* The application is set after construction: the accelerators and the
 * settings are the application's. */
static void
on_application_notify (ConvolveWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", NULL } },
    { "win.eraser", { "e", NULL } },
    { "win.preset('digits')", { "<Control>1", NULL } },
    { "win.preset('zero-or-one')", { "<Control>2", NULL } },
  };

  if (app == NULL || self->settings_done)
    return;
  self->settings_done = TRUE;

  /* win.clear has no window-wide Delete: the grid takes Delete when it has
   * focus, and a global one would eat the key in text entries. */
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);

  if (CONVOLVE_IS_APPLICATION (app))
    {
      GSettings *settings = convolve_application_get_settings (CONVOLVE_APPLICATION (app));

      if (settings != NULL)
        {
          self->settings = g_object_ref (settings);
          restore_settings (self);
        }
    }
}

static void
convolve_window_dispose (GObject *object)
{
  ConvolveWindow *self = CONVOLVE_WINDOW (object);

  if (self->latencies != NULL)
    report_latency (self);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONVOLVE_TYPE_WINDOW);

  G_OBJECT_CLASS (convolve_window_parent_class)->dispose (object);
}

static void
convolve_window_finalize (GObject *object)
{
  ConvolveWindow *self = CONVOLVE_WINDOW (object);

  g_clear_object (&self->model);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->ws, cnn_workspace_free);
  g_clear_pointer (&self->net, cnn_net_free);
  g_clear_pointer (&self->preset, g_free);
  g_clear_pointer (&self->latencies, g_array_unref);
  g_clear_pointer (&self->compute_times, g_array_unref);

  G_OBJECT_CLASS (convolve_window_parent_class)->finalize (object);
}

/* A viewport gives its child only its minimum size by default, which would
 * shrink every heatmap to its smallest cells. */
static void
set_scrolled_child (GtkScrolledWindow *scroller,
                    GtkWidget         *child)
{
  GtkWidget *viewport;

  gtk_scrolled_window_set_child (scroller, child);
  viewport = gtk_scrolled_window_get_child (scroller);
  if (GTK_IS_SCROLLABLE (viewport))
    {
      gtk_scrollable_set_hscroll_policy (GTK_SCROLLABLE (viewport), GTK_SCROLL_NATURAL);
      gtk_scrollable_set_vscroll_policy (GTK_SCROLLABLE (viewport), GTK_SCROLL_NATURAL);
    }
}

static void
convolve_window_class_init (ConvolveWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = convolve_window_dispose;
  object_class->finalize = convolve_window_finalize;
  widget_class->realize = convolve_window_realize;
  widget_class->unrealize = convolve_window_unrealize;
  window_class->close_request = convolve_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convolve/Convolve/ui/convolve-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, preset_button);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, grid_frame);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, pen_width_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, trace_scroller);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, answer_box);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, prediction_label);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, filters_scroller);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, show_numbers_switch);
}

static void
convolve_window_init (ConvolveWindow *self)
{
  GtkWidget *bars;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->normalize = TRUE;
  self->latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->compute_times = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);

  self->model = convolve_grid_model_new ();
  self->grid = convolve_grid_new (self->model);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Drawing grid, 8 by 8 cells"), -1);
  gtk_aspect_frame_set_child (self->grid_frame, self->grid);
  g_object_bind_property (self->model, "pen-width",
                          self->pen_width_adjustment, "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  bars = convolve_prob_bars_new ();
  self->bars = CONVOLVE_PROB_BARS (bars);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bars),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Class probabilities"), -1);
  gtk_box_append (self->answer_box, bars);

  self->trace = CONVOLVE_TRACE_VIEW (convolve_trace_view_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->trace), "trace");
  set_scrolled_child (self->trace_scroller, GTK_WIDGET (self->trace));
  g_signal_connect (self->trace, "map-activated", G_CALLBACK (on_map_activated), self);

  self->filters = CONVOLVE_FILTERS_VIEW (convolve_filters_view_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->filters), "filters");
  set_scrolled_child (self->filters_scroller, GTK_WIDGET (self->filters));
  g_object_bind_property (self->show_numbers_switch, "active",
                          self->filters, "show-numbers",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  set_preset (self, "digits");

  g_signal_connect (self->model, "changed", G_CALLBACK (on_model_changed), self);
  g_signal_connect (self->model, "notify::can-undo", G_CALLBACK (on_history_notify), self);
  g_signal_connect (self->model, "notify::can-redo", G_CALLBACK (on_history_notify), self);
  draw_first_digit (self);
  update_history_actions (self);
  run_network (self);

  gtk_widget_grab_focus (self->grid);
  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_notify), NULL);
}

ConvolveWindow *
convolve_window_new (ConvolveApplication *application)
{
  g_return_val_if_fail (CONVOLVE_IS_APPLICATION (application), NULL);

  return g_object_new (CONVOLVE_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

ConvolveGridModel *
convolve_window_get_grid_model (ConvolveWindow *self)
{
  g_return_val_if_fail (CONVOLVE_IS_WINDOW (self), NULL);
  return self->model;
}

GtkWidget *
convolve_window_get_grid (ConvolveWindow *self)
{
  g_return_val_if_fail (CONVOLVE_IS_WINDOW (self), NULL);
  return self->grid;
}

ConvolveProbBars *
convolve_window_get_prob_bars (ConvolveWindow *self)
{
  g_return_val_if_fail (CONVOLVE_IS_WINDOW (self), NULL);
  return self->bars;
}

ConvolveTraceView *
convolve_window_get_trace_view (ConvolveWindow *self)
{
  g_return_val_if_fail (CONVOLVE_IS_WINDOW (self), NULL);
  return self->trace;
}

ConvolveFiltersView *
convolve_window_get_filters_view (ConvolveWindow *self)
{
  g_return_val_if_fail (CONVOLVE_IS_WINDOW (self), NULL);
  return self->filters;
}

const char *
convolve_window_get_prediction_text (ConvolveWindow *self)
{
  g_return_val_if_fail (CONVOLVE_IS_WINDOW (self), NULL);
  return gtk_label_get_text (self->prediction_label);
}

const CnnNet *
convolve_window_get_net (ConvolveWindow *self)
{
  g_return_val_if_fail (CONVOLVE_IS_WINDOW (self), NULL);
  return self->net;
}

const float *
convolve_window_get_input (ConvolveWindow *self)
{
  g_return_val_if_fail (CONVOLVE_IS_WINDOW (self), NULL);
  return self->input;
}

const gint64 *
convolve_window_get_latencies (ConvolveWindow *self,
                               guint          *n)
{
  g_return_val_if_fail (CONVOLVE_IS_WINDOW (self), NULL);
  if (n != NULL)
    *n = self->latencies->len;
  return (const gint64 *) (gpointer) self->latencies->data;
}

const gint64 *
convolve_window_get_compute_times (ConvolveWindow *self,
                                   guint          *n)
{
  g_return_val_if_fail (CONVOLVE_IS_WINDOW (self), NULL);
  if (n != NULL)
    *n = self->compute_times->len;
  return (const gint64 *) (gpointer) self->compute_times->data;
}
