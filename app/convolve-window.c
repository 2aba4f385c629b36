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

#include <math.h>
#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>

#include "convolve-detail-dialog.h"
#include "convolve-grid.h"
#include "convolve-train-view.h"
#include "convolve-training.h"
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
  GtkMenuButton *explore_help_button;
  GtkMenuButton *filters_help_button;

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
  gboolean saliency;

  /* latency: from a change of the drawing to the frame that shows it */
  GdkFrameClock *frame_clock;
  gulong after_paint_id;
  gint64 pending_since;   /* 0: nothing waiting to be shown */
  GArray *latencies;      /* gint64 µs */
  GArray *compute_times;  /* gint64 µs */

  /* training (the Train page, the Train and Model menus) */
  AdwToastOverlay *toast_overlay;
  GtkButton *train_button;
  AdwBin *train_bin;
  ConvolveTraining *training;
  ConvolveTrainView *train_view;
  GFile *model_file;        /* what Save writes; NULL: ask */
  gboolean model_dirty;     /* weights not autosaved yet */
  guint diverged_run;       /* run + 1 of the last divergence told */
  char *last_toast;
  gboolean filters_stale;
  gint64 filters_refreshed_at;
  guint filters_timeout_id;
};

G_DEFINE_FINAL_TYPE (ConvolveWindow, convolve_window, ADW_TYPE_APPLICATION_WINDOW)

/* Training, at the end of the file */
static void training_init              (ConvolveWindow *self);
static void training_application_ready (ConvolveWindow *self, GtkApplication *app);
static void training_dispose           (ConvolveWindow *self);
static void preset_loaded              (ConvolveWindow *self);

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
  int top = cnn_argmax (probs, self->net->n_classes);

  if (convolve_grid_model_is_empty (self->model))
    text = g_strdup (_("Draw a digit"));
  else
    /* Translators: "Prediction: 7 (97 %)" */
    text = g_strdup_printf (_("Prediction: %d (%.0f %%)"), top, 100.0 * probs[top]);
  gtk_label_set_text (self->prediction_label, text);
}

/* Saliency: d(logit of the top class)/d(input), scaled by its largest |g|
 * to −1..1. The gradient is with respect to what the network saw: with
 * normalizing on that is the resampled drawing, so it is shown under the
 * trace's input column only; with it off the input is the drawing itself
 * and it is also laid over the grid. */
static void
update_saliency (ConvolveWindow *self,
                 const float    *probs)
{
  g_autofree float *onehot = NULL;
  float values[CNN_INPUT_SIZE];
  const float *grad;
  float peak = 0.0f;
  int top;

  if (!self->saliency)
    {
      convolve_trace_view_set_saliency (self->trace, NULL);
      convolve_grid_set_overlay (CONVOLVE_GRID (self->grid), NULL);
      return;
    }

  top = cnn_argmax (probs, self->net->n_classes);
  onehot = g_new0 (float, self->net->n_classes);
  onehot[top] = 1.0f;
  cnn_net_backward_from_logits (self->net, self->ws, onehot, NULL, TRUE);
  grad = cnn_workspace_input_grad (self->ws);

  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    peak = MAX (peak, fabsf (grad[i]));
  for (int i = 0; i < CNN_INPUT_SIZE; i++)
    values[i] = peak > 0.0f ? grad[i] / peak : 0.0f;

  convolve_trace_view_set_saliency (self->trace, values);
  convolve_grid_set_overlay (CONVOLVE_GRID (self->grid), self->normalize ? NULL : values);
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
  update_saliency (self, probs);
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
  g_clear_pointer (&self->net, cnn_net_unref);
  self->net = net;
  self->ws = cnn_workspace_new (net);
  g_free (self->preset);
  self->preset = g_strdup (id);

  gtk_menu_button_set_label (self->preset_button, _(presets[index].title));
  convolve_trace_view_set_net (self->trace, net);
  convolve_filters_view_set_net (self->filters, net);
  run_network (self);
  preset_loaded (self);
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
saliency_changed (GSimpleAction *action,
                  GVariant      *state,
                  gpointer       user_data)
{
  ConvolveWindow *self = user_data;

  self->saliency = g_variant_get_boolean (state);
  g_simple_action_set_state (action, state);
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

GtkMenuButton *
convolve_window_get_help_button (ConvolveWindow *self,
                                 const char     *page)
{
  g_return_val_if_fail (CONVOLVE_IS_WINDOW (self), NULL);

  if (g_strcmp0 (page, "filters") == 0)
    return self->filters_help_button;
  if (g_strcmp0 (page, "train") == 0)
    return convolve_train_view_get_help_button (self->train_view);
  return self->explore_help_button;
}

/* F1: the "?" of the page in view opens its explanation */
static void
help_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  ConvolveWindow *self = user_data;
  const char *page = adw_view_stack_get_visible_child_name (self->view_stack);

  gtk_menu_button_popup (convolve_window_get_help_button (self, page));
}

static const GActionEntry win_actions[] = {
  { .name = "show-help", .activate = help_activated },
  { .name = "undo", .activate = undo_activated },
  { .name = "redo", .activate = redo_activated },
  { .name = "clear", .activate = clear_activated },
  { .name = "eraser", .state = "false", .change_state = eraser_changed },
  { .name = "cell-mode", .state = "false", .change_state = cell_mode_changed },
  { .name = "normalize", .state = "true", .change_state = normalize_changed },
  { .name = "saliency", .state = "false", .change_state = saliency_changed },
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

/* The drawing grid is 288 px (36 px cells) up to a 1680 px wide window —
 * where the whole digits trace then fits beside it — and takes half of
 * any width beyond. A tall window adds a quarter of its height beyond
 * 800 px, up to 24 px (what the trace can spare at 1680 px and still fit
 * with larger maps filling the height), ramping in from 1600 px wide —
 * narrower, the trace scrolls anyway. Less when the window is short, so
 * the tools under the grid stay visible. A box cannot size a child by the
 * window's height, hence the surface's size. */
static void
on_surface_size (ConvolveWindow *self)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self));
  GtkWidget *pane = gtk_widget_get_ancestor (GTK_WIDGET (self->grid_frame),
                                             GTK_TYPE_SCROLLED_WINDOW);
  int width, height, side;

  if (surface == NULL || pane == NULL)
    return;
  width = gdk_surface_get_width (surface);
  height = gdk_surface_get_height (surface);
  if (width <= 0 || height <= 0)
    return;
  side = CLAMP (MIN (8 * 36 + MAX (0, width - 1680) / 2
                     + CLAMP ((height - 800) / 4, 0, CLAMP (width - 1600, 0, 24)),
                     height - 340), 8 * 28, 8 * 56);
  /* + the drawing pane's padding (style.css) */
  gtk_widget_set_size_request (pane, side + 12, -1);
}

static void
convolve_window_realize (GtkWidget *widget)
{
  ConvolveWindow *self = CONVOLVE_WINDOW (widget);

  GTK_WIDGET_CLASS (convolve_window_parent_class)->realize (widget);

  self->frame_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  self->after_paint_id = g_signal_connect (self->frame_clock, "after-paint",
                                           G_CALLBACK (on_after_paint), self);

  g_signal_connect_object (gtk_native_get_surface (GTK_NATIVE (widget)), "notify::width",
                           G_CALLBACK (on_surface_size), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_native_get_surface (GTK_NATIVE (widget)), "notify::height",
                           G_CALLBACK (on_surface_size), self, G_CONNECT_SWAPPED);
  on_surface_size (self);
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
    { "win.show-help", { "F1", NULL } },
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

  training_application_ready (self, app);
}

static void
convolve_window_dispose (GObject *object)
{
  ConvolveWindow *self = CONVOLVE_WINDOW (object);

  if (self->latencies != NULL)
    report_latency (self);
  training_dispose (self);

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
  g_clear_pointer (&self->net, cnn_net_unref);
  g_clear_pointer (&self->preset, g_free);
  g_clear_pointer (&self->latencies, g_array_unref);
  g_clear_pointer (&self->compute_times, g_array_unref);

  G_OBJECT_CLASS (convolve_window_parent_class)->finalize (object);
}

/* The trace sizes its maps by the viewport: as large as fit its height
 * when the whole trace fits its width; compact otherwise, many maps two a
 * row when tall enough (narrow columns), else four (short columns). The
 * viewport's size does not depend on the trace's, so this cannot loop. */
static void
on_trace_page_size (GtkAdjustment  *adjustment,
                    GParamSpec     *pspec,
                    ConvolveWindow *self)
{
  convolve_trace_view_set_height_hint (self->trace, (int) gtk_adjustment_get_page_size (adjustment));
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
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, explore_help_button);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, filters_help_button);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, train_button);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, train_bin);
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
  g_signal_connect (gtk_scrolled_window_get_vadjustment (self->trace_scroller),
                    "notify::page-size", G_CALLBACK (on_trace_page_size), self);

  self->filters = CONVOLVE_FILTERS_VIEW (convolve_filters_view_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->filters), "filters");
  set_scrolled_child (self->filters_scroller, GTK_WIDGET (self->filters));
  g_object_bind_property (self->show_numbers_switch, "active",
                          self->filters, "show-numbers",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  training_init (self);
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

/* Training: the Train page, the Train and Model menus, autosave
 *
 * The window keeps the network it shows; ConvolveTraining trains a copy on
 * its worker thread and hands back snapshots, whose weights are copied
 * into the shown network (same spec, same layout) before the forward pass
 * runs again. The filters view is rebuilt at most a few times a second and
 * only while it is visible. */

#define FILTERS_REFRESH_US (200 * 1000)

static char *
autosave_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "convolve", "current.cnvm", NULL);
}

static void
show_toast (ConvolveWindow *self,
            const char     *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  g_free (self->last_toast);
  self->last_toast = g_strdup (text);
}

static gboolean
autosave (ConvolveWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = autosave_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  if (self->net == NULL)
    return FALSE;
  if (g_mkdir_with_parents (dir, 0700) != 0 || !cnn_model_save (self->net, path, &error))
    {
      g_warning ("Cannot save the model to %s: %s", path,
                 error != NULL ? error->message : g_strerror (errno));
      return FALSE;
    }
  self->model_dirty = FALSE;
  return TRUE;
}

static void
set_action_enabled (ConvolveWindow *self,
                    const char     *name,
                    gboolean        enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
update_train_actions (ConvolveWindow *self)
{
  ConvolveTrainingState state = convolve_training_get_state (self->training);
  gboolean running = state == CONVOLVE_TRAINING_RUNNING;
  gboolean paused = state == CONVOLVE_TRAINING_PAUSED;

  set_action_enabled (self, "train-start", !running && !paused);
  set_action_enabled (self, "train-pause", running);
  set_action_enabled (self, "train-resume", paused);
  set_action_enabled (self, "train-stop", running || paused);
  set_action_enabled (self, "train-step", !running);
  set_action_enabled (self, "train-reset", !running);

  gtk_button_set_icon_name (self->train_button, running ? "media-playback-pause-symbolic"
                                                        : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->train_button),
                               running ? _("Pause training (Ctrl+T)")
                               : paused ? _("Resume training (Ctrl+T)")
                               : _("Start training (Ctrl+T)"));
  convolve_train_view_set_state (self->train_view, state);
}

static void
refresh_filters (ConvolveWindow *self)
{
  self->filters_stale = FALSE;
  self->filters_refreshed_at = g_get_monotonic_time ();
  convolve_filters_view_set_net (self->filters, self->net);
}

static gboolean
filters_visible (ConvolveWindow *self)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "filters") == 0;
}

static gboolean
on_filters_timeout (gpointer data)
{
  ConvolveWindow *self = data;

  self->filters_timeout_id = 0;
  if (self->filters_stale && filters_visible (self))
    refresh_filters (self);
  return G_SOURCE_REMOVE;
}

static void
queue_filters_refresh (ConvolveWindow *self)
{
  gint64 since;

  self->filters_stale = TRUE;
  if (!filters_visible (self) || self->filters_timeout_id != 0)
    return;
  since = g_get_monotonic_time () - self->filters_refreshed_at;
  if (since >= FILTERS_REFRESH_US)
    refresh_filters (self);
  else
    self->filters_timeout_id = g_timeout_add ((guint) ((FILTERS_REFRESH_US - since) / 1000) + 1,
                                              on_filters_timeout, self);
}

static void
on_visible_page_changed (ConvolveWindow *self)
{
  if (self->filters_stale && filters_visible (self))
    refresh_filters (self);
}

static void
on_training_snapshot (ConvolveTraining *training,
                      CnnSnapshot      *snapshot,
                      ConvolveWindow   *self)
{
  if (self->net != NULL && snapshot->n_params == self->net->n_params
      && snapshot->n_layers == self->net->n_layers)
    {
      cnn_snapshot_copy_weights (snapshot, self->net);
      if (snapshot->step > 0 || snapshot->run != 0)
        self->model_dirty = TRUE;
      run_network (self);
      queue_filters_refresh (self);
    }

  convolve_train_view_set_snapshot (self->train_view, snapshot,
                                    convolve_training_get_run (training),
                                    convolve_training_get_steps_per_epoch (training));

  /* once per run: later snapshots of the same stopped run say it again */
  if (snapshot->state == CNN_WORKER_DIVERGED
      && self->diverged_run != convolve_training_get_run (training) + 1)
    {
      self->diverged_run = convolve_training_get_run (training) + 1;
      show_toast (self, snapshot->error_message != NULL
                        ? snapshot->error_message
                        : _("Training diverged; the last good weights were restored. "
                            "Try a lower learning rate."));
    }

  /* The end of a run: keep what it learned. */
  if ((snapshot->state == CNN_WORKER_FINISHED || snapshot->state == CNN_WORKER_STOPPED)
      && self->model_dirty)
    autosave (self);
}

static void
on_training_state (ConvolveWindow *self)
{
  update_train_actions (self);
}

static void
update_probe (ConvolveWindow *self)
{
  int label = convolve_train_view_get_probe_label (self->train_view);

  if (label >= 0 && self->net != NULL && label >= self->net->n_classes)
    label = -1;
  convolve_training_set_probe (self->training, label >= 0 ? self->input : NULL, label);
}

static void
on_drawing_changed (ConvolveWindow *self)
{
  if (convolve_train_view_get_probe_label (self->train_view) >= 0)
    update_probe (self);
}

static void
on_config_changed (ConvolveWindow *self)
{
  CnnTrainConfig config;

  convolve_train_view_get_config (self->train_view, &config);
  convolve_training_set_config (self->training, &config);
  convolve_training_set_pace (self->training, convolve_train_view_get_pace (self->train_view));
}

/* The window's network changed (a preset, a file, a spec): train that one. */
static void
training_net_changed (ConvolveWindow *self)
{
  g_autoptr (GError) error = NULL;

  if (self->training == NULL || self->net == NULL)
    return;
  if (!convolve_training_set_net (self->training, self->net, &error))
    show_toast (self, error->message);
  convolve_train_view_set_net (self->train_view, self->net);
  update_probe (self);
  update_train_actions (self);
}

/* set_preset() loaded a shipped model: it is not the opened file. */
static void
preset_loaded (ConvolveWindow *self)
{
  g_clear_object (&self->model_file);
  training_net_changed (self);
}

/* Shows net (taking it) everywhere and trains it from now on. */
static void
adopt_net (ConvolveWindow *self,
           CnnNet         *net)
{
  g_clear_pointer (&self->ws, cnn_workspace_free);
  g_clear_pointer (&self->net, cnn_net_unref);
  self->net = net;
  self->ws = cnn_workspace_new (net);
  convolve_trace_view_set_net (self->trace, net);
  refresh_filters (self);
  run_network (self);
  training_net_changed (self);
}

static void
on_apply_spec (ConvolveTrainView *view,
               const char        *spec,
               ConvolveWindow    *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CnnNet) net = cnn_net_new (spec, &error);
  CnnTrainConfig config;
  CnnRng rng;

  if (net != NULL && self->net != NULL && net->n_classes != self->net->n_classes)
    g_set_error (&error, CNN_ERROR, CNN_ERROR_SPEC,
                 _("The last layer must give %d classes for this data, not %d"),
                 self->net->n_classes, net->n_classes);
  if (error != NULL)
    {
      show_toast (self, error->message);
      return;
    }

  convolve_train_view_get_config (self->train_view, &config);
  cnn_rng_init (&rng, config.seed);
  cnn_net_init_weights (net, &rng);
  adopt_net (self, g_steal_pointer (&net));
  self->model_dirty = TRUE;
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "network-spec", spec);
  show_toast (self, _("A new network with fresh weights: train it to see what it learns"));
}

static void
on_probe_changed (ConvolveWindow *self)
{
  update_probe (self);
}

gboolean
convolve_window_open_model_file (ConvolveWindow  *self,
                                 GFile           *file,
                                 GError         **error)
{
  CnnNet *net;

  g_return_val_if_fail (CONVOLVE_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  net = cnn_model_load (file, NULL, error);
  if (net == NULL)
    return FALSE;
  if (net->n_classes != 10 && net->n_classes != 2)
    {
      g_set_error (error, CNN_ERROR, CNN_ERROR_DATA,
                   _("The model has %d classes; Convolve knows digits (10) and zero or one (2)"),
                   net->n_classes);
      cnn_net_unref (net);
      return FALSE;
    }
  convolve_training_stop (self->training);
  adopt_net (self, net);
  g_set_object (&self->model_file, file);
  self->model_dirty = TRUE;
  return TRUE;
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
  if (!cnn_model_save (self->net, path, error))
    return FALSE;
  g_set_object (&self->model_file, file);
  return TRUE;
}

static void
open_file_chosen (ConvolveWindow *self,
                  GFile          *file)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *text = NULL;

  if (convolve_window_open_model_file (self, file, &error))
    /* Translators: a toast, the file's name */
    text = g_strdup_printf (_("Opened “%s”"), name);
  else
    /* Translators: a toast: the file's name, then why */
    text = g_strdup_printf (_("Could not open “%s”: %s. The current model is unchanged."),
                            name, error->message);
  show_toast (self, text);
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
  show_toast (self, text);
}

static GtkFileFilter *
model_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Convolve models"));
  gtk_file_filter_add_pattern (filter, "*.cnvm");
  return filter;
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
on_dialog_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (ConvolveWindow) self = user_data;
  g_autoptr (GFile) file = NULL;
  gboolean saving = GPOINTER_TO_INT (g_object_get_data (source, "convolve-saving"));

  if (saving)
    file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, NULL);
  else
    file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, NULL);
  if (file == NULL)
    return;
  if (saving)
    save_file_chosen (self, file);
  else
    open_file_chosen (self, file);
}

static void
choose_model_file (ConvolveWindow *self,
                   gboolean        saving)
{
  g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr (GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr (GtkFileFilter) filter = model_filter ();

  g_list_store_append (filters, filter);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_title (dialog, saving ? _("Save Model") : _("Open Model"));
  g_object_set_data (G_OBJECT (dialog), "convolve-saving", GINT_TO_POINTER (saving));
  if (saving)
    {
      gtk_file_dialog_set_initial_name (dialog, "model.cnvm");
      gtk_file_dialog_save (dialog, GTK_WINDOW (self), NULL, on_dialog_done, g_object_ref (self));
    }
  else
    gtk_file_dialog_open (dialog, GTK_WINDOW (self), NULL, on_dialog_done, g_object_ref (self));
}
#else
static void
on_native_response (GtkNativeDialog *native,
                    int              response,
                    ConvolveWindow  *self)
{
  gboolean saving = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (native)) == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL && saving)
        save_file_chosen (self, file);
      else if (file != NULL)
        open_file_chosen (self, file);
    }
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
choose_model_file (ConvolveWindow *self,
                   gboolean        saving)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (saving ? _("Save Model") : _("Open Model"),
                                        GTK_WINDOW (self),
                                        saving ? GTK_FILE_CHOOSER_ACTION_SAVE
                                               : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        saving ? _("_Save") : _("_Open"),
                                        _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), model_filter ());
  if (saving)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), "model.cnvm");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_native_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
#endif

#define TRAIN_ACTION(name, call) \
  static void \
  name##_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data) \
  { \
    ConvolveWindow *self = user_data; \
    call; \
  }

TRAIN_ACTION (train_start, convolve_training_start (self->training))
TRAIN_ACTION (train_pause, convolve_training_pause (self->training))
TRAIN_ACTION (train_resume, convolve_training_resume (self->training))
TRAIN_ACTION (train_stop, convolve_training_stop (self->training))
TRAIN_ACTION (train_step, convolve_training_step (self->training))
TRAIN_ACTION (train_reset, convolve_training_reset (self->training))
TRAIN_ACTION (open_model, choose_model_file (self, FALSE))
TRAIN_ACTION (save_model_as, choose_model_file (self, TRUE))
#undef TRAIN_ACTION

static void
train_toggle_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  ConvolveWindow *self = user_data;

  switch (convolve_training_get_state (self->training))
    {
    case CONVOLVE_TRAINING_RUNNING:
      convolve_training_pause (self->training);
      break;
    case CONVOLVE_TRAINING_PAUSED:
      convolve_training_resume (self->training);
      break;
    default:
      convolve_training_start (self->training);
      break;
    }
}

static void
save_model_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  ConvolveWindow *self = user_data;

  if (self->model_file != NULL)
    save_file_chosen (self, self->model_file);
  else
    choose_model_file (self, TRUE);
}

static const GActionEntry train_actions[] = {
  { .name = "train-start", .activate = train_start_activated },
  { .name = "train-pause", .activate = train_pause_activated },
  { .name = "train-resume", .activate = train_resume_activated },
  { .name = "train-stop", .activate = train_stop_activated },
  { .name = "train-step", .activate = train_step_activated },
  { .name = "train-reset", .activate = train_reset_activated },
  { .name = "train-toggle", .activate = train_toggle_activated },
  { .name = "open-model", .activate = open_model_activated },
  { .name = "save-model", .activate = save_model_activated },
  { .name = "save-model-as", .activate = save_model_as_activated },
};

static void
training_init (ConvolveWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), train_actions,
                                   G_N_ELEMENTS (train_actions), self);

  self->training = convolve_training_new ();
  convolve_training_set_frame_widget (self->training, GTK_WIDGET (self));
  self->train_view = CONVOLVE_TRAIN_VIEW (convolve_train_view_new ());
  adw_bin_set_child (self->train_bin, GTK_WIDGET (self->train_view));
  on_config_changed (self);

  g_signal_connect (self->training, "snapshot", G_CALLBACK (on_training_snapshot), self);
  g_signal_connect_swapped (self->training, "notify::state", G_CALLBACK (on_training_state), self);
  g_signal_connect_swapped (self->train_view, "config-changed", G_CALLBACK (on_config_changed), self);
  g_signal_connect_swapped (self->train_view, "probe-changed", G_CALLBACK (on_probe_changed), self);
  g_signal_connect (self->train_view, "apply-spec", G_CALLBACK (on_apply_spec), self);
  /* after the window's own handler, which reads the drawing into input */
  g_signal_connect_object (self->model, "changed", G_CALLBACK (on_drawing_changed), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child-name",
                            G_CALLBACK (on_visible_page_changed), self);
}

/* Once the application and its settings are known: the accelerators, the
 * hyperparameters, and the model autosaved last time. */
static void
training_application_ready (ConvolveWindow *self,
                            GtkApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "win.train-toggle", { "<Control>t", NULL } },
    { "win.train-stop", { "<Control>period", NULL } },
    { "win.train-step", { "<Control><Shift>t", NULL } },
    { "win.train-reset", { "<Control>r", NULL } },
    { "win.open-model", { "<Control>o", NULL } },
    { "win.save-model", { "<Control>s", NULL } },
    { "win.save-model-as", { "<Control><Shift>s", NULL } },
  };
  g_autofree char *path = autosave_path ();
  g_autoptr (GFile) file = g_file_new_for_path (path);
  CnnNet *net;

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);

  convolve_train_view_bind_settings (self->train_view, self->settings);
  on_config_changed (self);

  /* Only a model for the task of the restored preset; else its shipped one. */
  net = cnn_model_load (file, NULL, NULL);
  if (net != NULL && self->net != NULL && net->n_classes == self->net->n_classes)
    adopt_net (self, net);
  else
    g_clear_pointer (&net, cnn_net_unref);
}

static void
training_dispose (ConvolveWindow *self)
{
  if (self->training != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->training, self);
      convolve_training_stop (self->training);
      /* what the last run learned, if no snapshot brought it yet */
      if (convolve_training_flush (self->training) && self->net != NULL)
        {
          CnnSnapshot *snapshot = convolve_training_get_snapshot (self->training);

          cnn_snapshot_copy_weights (snapshot, self->net);
        }
      if (self->model_dirty)
        autosave (self);
    }
  g_clear_handle_id (&self->filters_timeout_id, g_source_remove);
  g_clear_object (&self->training);
  g_clear_object (&self->model_file);
  g_clear_pointer (&self->last_toast, g_free);
}

ConvolveTraining *
convolve_window_get_training (ConvolveWindow *self)
{
  g_return_val_if_fail (CONVOLVE_IS_WINDOW (self), NULL);
  return self->training;
}

ConvolveTrainView *
convolve_window_get_train_view (ConvolveWindow *self)
{
  g_return_val_if_fail (CONVOLVE_IS_WINDOW (self), NULL);
  return self->train_view;
}

const char *
convolve_window_get_last_toast (ConvolveWindow *self)
{
  g_return_val_if_fail (CONVOLVE_IS_WINDOW (self), NULL);
  return self->last_toast;
}
