/* convolve-explore-page.c — the drawing, the trace and the answer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "convolve-deferred.h"
#include "convolve-detail-dialog.h"
#include "convolve-explore-page.h"
#include "convolve-invariance-window.h"

struct _ConvolveExplorePage
{
  GtkWidget parent_instance;

  /* template children */
  GtkWidget *box;
  AdwClamp *drawing_clamp;
  GtkWidget *drawing_pane;
  GtkWidget *answer_pane;
  GtkWidget *trace_pane;
  GtkLabel *trace_heading;
  AdwClamp *answer_clamp;
  GtkAspectFrame *grid_frame;
  ConvolveGrid *grid;
  GtkToggleButton *saliency_button;
  GtkAdjustment *pen_width_adjustment;
  GtkCheckButton *normalize_button;
  GtkLabel *input_caption;
  GtkMenuButton *examples_button;
  GtkMenuButton *add_sample_button;

  /* the test digits the Examples menu puts on the grid: the split every
   * score is given on, for the shown network's classes */
  CnnDataset *examples;
  int examples_classes;
  gsize next_example[10];   /* per class: where the next search starts */
  GtkMenuButton *help_button;
  ConvolveTraceView *trace;
  GtkWidget *invariance;    /* the invariance window while it is open */
  ConvolveProbBars *bars;
  GtkLabel *prediction_label;
  char *prediction_text;    /* "Prediction: 7 (97 %)" or "Draw a digit" */

  ConvolveSession *session;
  GBinding *normalize_binding;
  GBinding *saliency_binding;
  ConvolveGridModel *model;
  GtkShortcutController *shortcuts;

  /* latency: from a change of the drawing to the frame that shows it */
  GdkFrameClock *frame_clock;
  gulong after_paint_id;
  gint64 pending_since;     /* 0: nothing waiting to be shown */
  GArray *latencies;        /* gint64 µs */
  GArray *compute_times;    /* gint64 µs */
};

G_DEFINE_FINAL_TYPE (ConvolveExplorePage, convolve_explore_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_ERASER,
  PROP_CELL_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_INVARIANCE_SHOWN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- the session's answer on screen ---- */

/* The label and the bars wait while the page is not shown
 * (convolve-deferred): training changes the answer every frame, and a
 * label's new text lays the whole window out again */
static void
show_prediction (ConvolveExplorePage *self)
{
  CnnNet *net = convolve_session_get_net (self->session);
  int top = convolve_session_get_top_class (self->session);
  const float *probs = convolve_session_get_probabilities (self->session);
  g_autofree char *shown = NULL;

  if (net == NULL)
    return;
  if (top < 0)
    shown = g_strdup ("–");
  else
    /* Translators: the answer under the heading "Prediction": "7 · 97.2 %" */
    shown = g_strdup_printf (_("%d · %.1f %%"), top, 100.0 * probs[top]);
  gtk_label_set_text (self->prediction_label, shown);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->prediction_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->prediction_text, -1);
  convolve_prob_bars_set (self->bars, top >= 0 ? probs : NULL, net->n_classes, top, NULL);
}

static void
update_prediction (ConvolveExplorePage *self)
{
  int top = convolve_session_get_top_class (self->session);
  const float *probs = convolve_session_get_probabilities (self->session);

  g_free (self->prediction_text);
  self->prediction_text = top < 0
                          ? g_strdup (_("Draw a digit"))
                          /* Translators: "Prediction: 7 (97.2 %)", for screen readers */
                          : g_strdup_printf (_("Prediction: %d (%.1f %%)"), top, 100.0 * probs[top]);
  convolve_deferred_queue (GTK_WIDGET (self));
}

static void
on_session_changed (ConvolveExplorePage *self)
{
  const float *saliency = convolve_session_get_saliency_map (self->session);
  CnnActivations acts;

  if (convolve_session_get_net (self->session) == NULL)
    return;
  convolve_session_get_activations (self->session, &acts);
  convolve_trace_view_set_activations (self->trace, &acts);
  convolve_trace_view_set_saliency (self->trace, saliency);
  /* the gradient belongs to what the network saw: over the drawing only
   * when that is the drawing itself */
  convolve_grid_set_overlay (self->grid, convolve_session_get_normalize (self->session)
                                         ? NULL : saliency);
  update_prediction (self);
}

static void update_examples_menu (ConvolveExplorePage *self);

static void
on_session_net (ConvolveExplorePage *self)
{
  update_examples_menu (self);
  convolve_trace_view_set_net (self->trace, convolve_session_get_net (self->session), FALSE);
  on_session_changed (self);
}

static void
on_map_activated (ConvolveTraceView   *trace,
                  int                  layer,
                  int                  channel,
                  int                  row,
                  int                  col,
                  ConvolveExplorePage *self)
{
  convolve_explore_page_open_detail (self, layer, channel, row, col);
}

GtkWidget *
convolve_explore_page_open_detail (ConvolveExplorePage *self,
                                   int                  layer,
                                   int                  channel,
                                   int                  row,
                                   int                  col)
{
  GtkWidget *dialog;
  GtkRoot *root;

  g_return_val_if_fail (CONVOLVE_IS_EXPLORE_PAGE (self), NULL);
  g_return_val_if_fail (self->session != NULL, NULL);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = convolve_detail_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       convolve_session_get_net (self->session),
                                       convolve_session_get_workspace (self->session),
                                       layer, channel);
  g_return_val_if_fail (dialog != NULL, NULL);
  if (row >= 0 && col >= 0)
    convolve_detail_dialog_set_cell (CONVOLVE_DETAIL_DIALOG (dialog), row, col);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* The translation invariance window: one per page, brought up again */
GtkWidget *
convolve_explore_page_open_invariance (ConvolveExplorePage *self)
{
  GtkRoot *root;

  g_return_val_if_fail (CONVOLVE_IS_EXPLORE_PAGE (self), NULL);

  if (self->invariance == NULL)
    {
      root = gtk_widget_get_root (GTK_WIDGET (self));
      self->invariance = convolve_invariance_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                         self->session);
      g_object_add_weak_pointer (G_OBJECT (self->invariance), (gpointer *) &self->invariance);
    }
  gtk_window_present (GTK_WINDOW (self->invariance));
  g_signal_emit (self, signals[SIGNAL_INVARIANCE_SHOWN], 0);
  return self->invariance;
}

static void
invariance_activated (GtkWidget  *widget,
                      const char *action,
                      GVariant   *parameter)
{
  convolve_explore_page_open_invariance (CONVOLVE_EXPLORE_PAGE (widget));
}

/* ---- the drawing ---- */

static void
on_drawing_changed (ConvolveExplorePage *self)
{
  gint64 start = g_get_monotonic_time ();
  gint64 took;
  const guint8 *ink;
  int side;

  if (self->session == NULL)
    return;
  /* timed from the first change not yet on screen: the worst case */
  if (self->pending_since == 0)
    self->pending_since = start;
  ink = convolve_grid_model_get_ink (self->model, &side);
  convolve_session_set_drawing (self->session, ink, side);
  took = g_get_monotonic_time () - start;
  g_array_append_val (self->compute_times, took);
}

static void
update_history_actions (ConvolveExplorePage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "drawing.undo",
                                 convolve_grid_model_can_undo (self->model));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "drawing.redo",
                                 convolve_grid_model_can_redo (self->model));
}

static void
undo_activated (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  convolve_grid_model_undo (CONVOLVE_EXPLORE_PAGE (widget)->model);
}

static void
redo_activated (GtkWidget  *widget,
                const char *action,
                GVariant   *parameter)
{
  convolve_grid_model_redo (CONVOLVE_EXPLORE_PAGE (widget)->model);
}

static void
clear_activated (GtkWidget  *widget,
                 const char *action,
                 GVariant   *parameter)
{
  convolve_grid_model_clear (CONVOLVE_EXPLORE_PAGE (widget)->model);
}

/* The test split for the shown network's classes, loaded when first asked */
static CnnDataset *
get_examples (ConvolveExplorePage *self)
{
  CnnNet *net = self->session != NULL ? convolve_session_get_net (self->session) : NULL;
  g_autoptr (CnnDataset) train = NULL;
  g_autoptr (GError) error = NULL;

  if (net == NULL)
    return NULL;
  if (self->examples != NULL && self->examples_classes == net->n_classes)
    return self->examples;
  g_clear_pointer (&self->examples, cnn_dataset_free);
  memset (self->next_example, 0, sizeof self->next_example);
  if (!cnn_dataset_builtin_split (net->n_classes, CNN_SPLIT_STRATIFIED, &train, &self->examples,
                                  &error))
    {
      g_warning ("No examples: %s", error->message);
      return NULL;
    }
  self->examples_classes = net->n_classes;
  return self->examples;
}

/* label ≥ 0: the next test digit of that class (each click another);
 * −1: any test digit */
static void
example_activated (GtkWidget  *widget,
                   const char *action,
                   GVariant   *parameter)
{
  ConvolveExplorePage *self = CONVOLVE_EXPLORE_PAGE (widget);
  CnnDataset *ds = get_examples (self);
  int label = g_variant_get_int32 (parameter);
  gsize index;

  if (ds == NULL || ds->n == 0 || label >= self->examples_classes
      || label >= (int) G_N_ELEMENTS (self->next_example))
    return;
  if (label < 0)
    index = g_random_int_range (0, (gint32) ds->n);
  else
    {
      gsize start = self->next_example[label];

      for (index = start; index < start + ds->n; index++)
        if (ds->y[index % ds->n] == label)
          break;
      if (index == start + ds->n)
        return;
      index %= ds->n;
      self->next_example[label] = index + 1;
    }
  convolve_grid_model_set_values (self->model, ds->x + index * CNN_INPUT_SIZE);
}

/* One item per class of the network shown, then a random one */
static void
update_examples_menu (ConvolveExplorePage *self)
{
  CnnNet *net = convolve_session_get_net (self->session);
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenu) digits = g_menu_new ();

  for (int c = 0; net != NULL && c < net->n_classes; c++)
    {
      g_autofree char *text = g_strdup_printf (_("A %d"), c);
      g_autoptr (GMenuItem) item = g_menu_item_new (text, NULL);

      g_menu_item_set_action_and_target_value (item, "drawing.example", g_variant_new_int32 (c));
      g_menu_append_item (digits, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (digits));
  {
    g_autoptr (GMenuItem) item = g_menu_item_new (_("_Any Test Digit"), NULL);

    g_menu_item_set_action_and_target_value (item, "drawing.example", g_variant_new_int32 (-1));
    g_menu_append_item (menu, item);
  }
  gtk_menu_button_set_menu_model (self->examples_button, G_MENU_MODEL (menu));
}

/* The seed's example, so the first thing a person sees is an answer: a
 * simple "1", one slightly slanted stroke down the middle. */
static void
draw_first_digit (ConvolveExplorePage *self)
{
  convolve_grid_model_begin_stroke (self->model, 4.5, 1.0, FALSE);
  convolve_grid_model_stroke_to (self->model, 4.2, 4.0);
  convolve_grid_model_stroke_to (self->model, 3.8, 7.0);
  convolve_grid_model_end_stroke (self->model);
}

/* ---- size ---- */

/* The drawing grid is 288 px (36 px cells) up to a 1680 px wide window and
 * takes half of any width beyond; less on a short or narrow window, so
 * the tools under it and the trace beside it keep their room. A box
 * cannot size a child by the window's height, hence the surface's size. */
static void
on_surface_size (ConvolveExplorePage *self)
{
  GdkSurface *surface = gtk_native_get_surface (gtk_widget_get_native (GTK_WIDGET (self)));
  int width, height, side, answer, pane_min;

  if (surface == NULL)
    return;
  width = gdk_surface_get_width (surface);
  height = gdk_surface_get_height (surface);
  if (width <= 0 || height <= 0)
    return;
  side = 8 * 36 + MAX (0, width - 1680) / 2;
  side = MIN (side, MIN (height - 360, (width - 760) / 2));
  side = CLAMP (side, 8 * 24, 8 * 56);
  /* + the pane's padding (style.css): the grid takes its width, square;
   * never narrower than its tools need */
  gtk_widget_measure (self->drawing_pane, GTK_ORIENTATION_HORIZONTAL, -1, &pane_min, NULL, NULL, NULL);
  side = MAX (side + 12, pane_min);
  adw_clamp_set_maximum_size (self->drawing_clamp, side);
  adw_clamp_set_tightening_threshold (self->drawing_clamp, side);
  gtk_widget_set_size_request (GTK_WIDGET (self->drawing_clamp), side, -1);
  /* the answer takes what the trace can spare: on a narrow window the
   * bars are short, the figures and digits stay; from the first-start
   * width (about 1200) on, the headline's widest answer, "8 · 100.0 %",
   * fits unshortened */
  answer = width < 1100 ? 170 : width < 1600 ? 220 : 260;
  gtk_box_set_spacing (GTK_BOX (self->box), width < 1100 ? 6 : 12);
  if (width < 1100)
    gtk_widget_add_css_class (self->box, "narrow");
  else
    gtk_widget_remove_css_class (self->box, "narrow");
  adw_clamp_set_maximum_size (self->answer_clamp, answer);
  adw_clamp_set_tightening_threshold (self->answer_clamp, answer);
}

static void
on_after_paint (GdkFrameClock       *clock,
                ConvolveExplorePage *self)
{
  gint64 latency;

  if (self->pending_since == 0)
    return;
  latency = g_get_monotonic_time () - self->pending_since;
  g_array_append_val (self->latencies, latency);
  self->pending_since = 0;
}

static void
convolve_explore_page_realize (GtkWidget *widget)
{
  ConvolveExplorePage *self = CONVOLVE_EXPLORE_PAGE (widget);
  GdkSurface *surface;

  GTK_WIDGET_CLASS (convolve_explore_page_parent_class)->realize (widget);

  self->frame_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  self->after_paint_id = g_signal_connect (self->frame_clock, "after-paint",
                                           G_CALLBACK (on_after_paint), self);
  surface = gtk_native_get_surface (gtk_widget_get_native (widget));
  g_signal_connect_object (surface, "notify::width", G_CALLBACK (on_surface_size), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (surface, "notify::height", G_CALLBACK (on_surface_size), self,
                           G_CONNECT_SWAPPED);
  on_surface_size (self);
}

static void
convolve_explore_page_unrealize (GtkWidget *widget)
{
  ConvolveExplorePage *self = CONVOLVE_EXPLORE_PAGE (widget);
  GdkSurface *surface = gtk_native_get_surface (gtk_widget_get_native (widget));

  if (surface != NULL)
    g_signal_handlers_disconnect_by_data (surface, self);
  g_clear_signal_handler (&self->after_paint_id, self->frame_clock);
  g_clear_object (&self->frame_clock);

  GTK_WIDGET_CLASS (convolve_explore_page_parent_class)->unrealize (widget);
}

/* ---- the session ---- */

/* Shift+arrows: with normalisation on the network's input moves (the ink
 * would be re-centred); else the grid moves the ink */
static gboolean
on_nudge (ConvolveExplorePage *self,
          int                  dx,
          int                  dy)
{
  return self->session != NULL && convolve_session_nudge (self->session, dx, dy);
}

static void
on_offset (ConvolveExplorePage *self)
{
  g_autofree char *text = NULL;
  g_autofree char *across = NULL;
  g_autofree char *down = NULL;
  int dx, dy;

  convolve_session_get_offset (self->session, &dx, &dy);
  if (dx == 0 && dy == 0)
    {
      gtk_label_set_label (self->input_caption, _("The network sees the input column of the trace."));
      return;
    }
  /* Translators: parts of "shifted 2 cells right and 1 cell up" */
  across = dx == 0 ? NULL
           : g_strdup_printf (dx > 0 ? g_dngettext (GETTEXT_PACKAGE, "%d cell right", "%d cells right", dx)
                                     : g_dngettext (GETTEXT_PACKAGE, "%d cell left", "%d cells left", -dx),
                              ABS (dx));
  down = dy == 0 ? NULL
         : g_strdup_printf (dy > 0 ? g_dngettext (GETTEXT_PACKAGE, "%d cell down", "%d cells down", dy)
                                   : g_dngettext (GETTEXT_PACKAGE, "%d cell up", "%d cells up", -dy),
                            ABS (dy));
  if (across != NULL && down != NULL)
    /* Translators: the input caption with both parts of the shift */
    text = g_strdup_printf (_("The network sees the input column of the trace: your drawing, "
                              "normalised, then shifted %s and %s (Shift+arrows)."), across, down);
  else
    /* Translators: the input caption with one part of the shift */
    text = g_strdup_printf (_("The network sees the input column of the trace: your drawing, "
                              "normalised, then shifted %s (Shift+arrows)."),
                            across != NULL ? across : down);
  gtk_label_set_label (self->input_caption, text);
}

void
convolve_explore_page_set_session (ConvolveExplorePage *self,
                                   ConvolveSession     *session)
{
  g_return_if_fail (CONVOLVE_IS_EXPLORE_PAGE (self));
  g_return_if_fail (session == NULL || CONVOLVE_IS_SESSION (session));

  if (session == self->session)
    return;
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_clear_pointer (&self->normalize_binding, g_binding_unbind);
      g_clear_pointer (&self->saliency_binding, g_binding_unbind);
    }
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_swapped (session, "changed", G_CALLBACK (on_session_changed), self);
      g_signal_connect_swapped (session, "notify::net", G_CALLBACK (on_session_net), self);
      g_signal_connect_swapped (session, "notify::offset-x", G_CALLBACK (on_offset), self);
      g_signal_connect_swapped (session, "notify::offset-y", G_CALLBACK (on_offset), self);
      self->normalize_binding = g_object_bind_property (session, "normalize",
                                                        self->normalize_button, "active",
                                                        G_BINDING_BIDIRECTIONAL
                                                        | G_BINDING_SYNC_CREATE);
      self->saliency_binding = g_object_bind_property (session, "saliency",
                                                       self->saliency_button, "active",
                                                       G_BINDING_BIDIRECTIONAL
                                                       | G_BINDING_SYNC_CREATE);
      if (convolve_session_get_net (session) != NULL)
        on_session_net (self);
      on_drawing_changed (self);
      on_offset (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

ConvolveSession *
convolve_explore_page_get_session (ConvolveExplorePage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_EXPLORE_PAGE (self), NULL);
  return self->session;
}

void
convolve_explore_page_bind_settings (ConvolveExplorePage *self,
                                     GSettings           *settings)
{
  g_return_if_fail (CONVOLVE_IS_EXPLORE_PAGE (self));

  if (settings != NULL)
    g_settings_bind (settings, "pen-width", self->model, "pen-width", G_SETTINGS_BIND_DEFAULT);
}

/* ---- GObject ---- */

static void
convolve_explore_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ConvolveExplorePage *self = CONVOLVE_EXPLORE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_ERASER:
      g_value_set_boolean (value, convolve_grid_get_eraser (self->grid));
      break;
    case PROP_CELL_MODE:
      g_value_set_boolean (value, convolve_grid_model_get_mode (self->model) == CONVOLVE_GRID_MODE_CELL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_explore_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ConvolveExplorePage *self = CONVOLVE_EXPLORE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      convolve_explore_page_set_session (self, g_value_get_object (value));
      break;
    case PROP_ERASER:
      /* notified by the grid's own notify (a stylus's eraser end too) */
      convolve_grid_set_eraser (self->grid, g_value_get_boolean (value));
      break;
    case PROP_CELL_MODE:
      convolve_grid_model_set_mode (self->model, g_value_get_boolean (value)
                                                 ? CONVOLVE_GRID_MODE_CELL
                                                 : CONVOLVE_GRID_MODE_PEN);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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

/* CONVOLVE_DEBUG_LATENCY=1: the figures on stderr when the page goes */
static void
report_latency (ConvolveExplorePage *self)
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
convolve_explore_page_dispose (GObject *object)
{
  ConvolveExplorePage *self = CONVOLVE_EXPLORE_PAGE (object);

  if (self->latencies != NULL)
    report_latency (self);
  if (self->invariance != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->invariance), (gpointer *) &self->invariance);
      gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->invariance)));
    }
  convolve_explore_page_set_session (self, NULL);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONVOLVE_TYPE_EXPLORE_PAGE);

  G_OBJECT_CLASS (convolve_explore_page_parent_class)->dispose (object);
}

static void
convolve_explore_page_finalize (GObject *object)
{
  ConvolveExplorePage *self = CONVOLVE_EXPLORE_PAGE (object);

  g_clear_pointer (&self->latencies, g_array_unref);
  g_clear_pointer (&self->compute_times, g_array_unref);
  g_free (self->prediction_text);
  g_clear_pointer (&self->examples, cnn_dataset_free);

  G_OBJECT_CLASS (convolve_explore_page_parent_class)->finalize (object);
}

static void
convolve_explore_page_class_init (ConvolveExplorePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = convolve_explore_page_get_property;
  object_class->set_property = convolve_explore_page_set_property;
  object_class->dispose = convolve_explore_page_dispose;
  object_class->finalize = convolve_explore_page_finalize;
  widget_class->realize = convolve_explore_page_realize;
  widget_class->unrealize = convolve_explore_page_unrealize;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CONVOLVE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERASER] =
    g_param_spec_boolean ("eraser", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CELL_MODE] =
    g_param_spec_boolean ("cell-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* the invariance window was opened or brought up (the lesson's task) */
  signals[SIGNAL_INVARIANCE_SHOWN] =
    g_signal_new ("invariance-shown", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "drawing.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "drawing.redo", NULL, redo_activated);
  gtk_widget_class_install_action (widget_class, "drawing.clear", NULL, clear_activated);
  gtk_widget_class_install_action (widget_class, "drawing.example", "i", example_activated);
  gtk_widget_class_install_action (widget_class, "explore.invariance", NULL, invariance_activated);
  gtk_widget_class_install_property_action (widget_class, "drawing.eraser", "eraser");
  gtk_widget_class_install_property_action (widget_class, "drawing.cell-mode", "cell-mode");

  g_type_ensure (CONVOLVE_TYPE_GRID);
  g_type_ensure (CONVOLVE_TYPE_PROB_BARS);
  g_type_ensure (CONVOLVE_TYPE_TRACE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convolve/Convolve/ui/convolve-explore-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvolveExplorePage, box);
  gtk_widget_class_bind_template_child (widget_class, ConvolveExplorePage, drawing_clamp);
  gtk_widget_class_bind_template_child (widget_class, ConvolveExplorePage, drawing_pane);
  gtk_widget_class_bind_template_child (widget_class, ConvolveExplorePage, answer_pane);
  gtk_widget_class_bind_template_child (widget_class, ConvolveExplorePage, trace_pane);
  gtk_widget_class_bind_template_child (widget_class, ConvolveExplorePage, trace_heading);
  gtk_widget_class_bind_template_child (widget_class, ConvolveExplorePage, answer_clamp);
  gtk_widget_class_bind_template_child (widget_class, ConvolveExplorePage, grid_frame);
  gtk_widget_class_bind_template_child (widget_class, ConvolveExplorePage, grid);
  gtk_widget_class_bind_template_child (widget_class, ConvolveExplorePage, saliency_button);
  gtk_widget_class_bind_template_child (widget_class, ConvolveExplorePage, pen_width_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ConvolveExplorePage, normalize_button);
  gtk_widget_class_bind_template_child (widget_class, ConvolveExplorePage, input_caption);
  gtk_widget_class_bind_template_child (widget_class, ConvolveExplorePage, examples_button);
  gtk_widget_class_bind_template_child (widget_class, ConvolveExplorePage, add_sample_button);
  gtk_widget_class_bind_template_child (widget_class, ConvolveExplorePage, help_button);
  gtk_widget_class_bind_template_child (widget_class, ConvolveExplorePage, trace);
  gtk_widget_class_bind_template_child (widget_class, ConvolveExplorePage, bars);
  gtk_widget_class_bind_template_child (widget_class, ConvolveExplorePage, prediction_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

/* E, Ctrl+Z, Ctrl+Shift+Z act on the drawing, Ctrl+Enter adds it to the
 * samples and Ctrl+I opens the invariance window while the focus is on
 * this page, after the focused widget had its chance: a text field always
 * types */
static GtkShortcutController *
make_shortcuts (void)
{
  static const struct {
    guint key;
    GdkModifierType mods;
    const char *action;
  } keys[] = {
    { GDK_KEY_e, 0, "drawing.eraser" },
    { GDK_KEY_z, GDK_CONTROL_MASK, "drawing.undo" },
    { GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "drawing.redo" },
    { GDK_KEY_y, GDK_CONTROL_MASK, "drawing.redo" },
    { GDK_KEY_i, GDK_CONTROL_MASK, "explore.invariance" },
    { GDK_KEY_Return, GDK_CONTROL_MASK, "win.add-sample" },
    { GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "win.add-sample" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_LOCAL);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_BUBBLE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key,
                                                                                    keys[i].mods),
                                                            gtk_named_action_new (keys[i].action)));
  return GTK_SHORTCUT_CONTROLLER (controller);
}

static void
notify_eraser (ConvolveExplorePage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERASER]);
}

static void
notify_cell_mode (ConvolveExplorePage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CELL_MODE]);
}

static void
convolve_explore_page_init (ConvolveExplorePage *self)
{
  GParamSpecDouble *pen;

  gtk_widget_init_template (GTK_WIDGET (self));
  convolve_deferred_attach (GTK_WIDGET (self), (ConvolveDeferredFunc) show_prediction);
  self->latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->compute_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->model = g_object_ref (convolve_grid_get_model (self->grid));

  /* one pen range, the grid model's */
  pen = G_PARAM_SPEC_DOUBLE (g_object_class_find_property (G_OBJECT_GET_CLASS (self->model),
                                                           "pen-width"));
  gtk_adjustment_set_lower (self->pen_width_adjustment, pen->minimum);
  gtk_adjustment_set_upper (self->pen_width_adjustment, pen->maximum);
  g_object_bind_property (self->model, "pen-width", self->pen_width_adjustment, "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  self->shortcuts = make_shortcuts ();
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->shortcuts));

  g_signal_connect_swapped (self->model, "changed", G_CALLBACK (on_drawing_changed), self);
  g_signal_connect_swapped (self->model, "notify::can-undo", G_CALLBACK (update_history_actions), self);
  g_signal_connect_swapped (self->model, "notify::can-redo", G_CALLBACK (update_history_actions), self);
  g_signal_connect (self->trace, "map-activated", G_CALLBACK (on_map_activated), self);
  g_signal_connect_swapped (self->grid, "notify::eraser", G_CALLBACK (notify_eraser), self);
  g_signal_connect_swapped (self->grid, "nudge", G_CALLBACK (on_nudge), self);
  g_signal_connect_swapped (self->model, "notify::mode", G_CALLBACK (notify_cell_mode), self);
  draw_first_digit (self);
  update_history_actions (self);
}

static void
dim (GtkWidget *widget,
     gboolean   dimmed)
{
  if (dimmed)
    gtk_widget_add_css_class (widget, "lesson-dimmed");
  else
    gtk_widget_remove_css_class (widget, "lesson-dimmed");
}

/* Beside the lesson panel, on a 1024 px projector, the page gets about
 * 700 px: the trace's heading then ellipsizes rather than set the trace's
 * least width. Not otherwise, as that width is also what the trace's
 * maps are sized from. */
void
convolve_explore_page_set_narrow (ConvolveExplorePage *self,
                                  gboolean             narrow)
{
  g_return_if_fail (CONVOLVE_IS_EXPLORE_PAGE (self));
  gtk_label_set_ellipsize (self->trace_heading, narrow ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
}

void
convolve_explore_page_set_lesson_focus (ConvolveExplorePage  *self,
                                        ConvolveExploreFocus  focus)
{
  gboolean any = focus != CONVOLVE_EXPLORE_FOCUS_NONE;

  g_return_if_fail (CONVOLVE_IS_EXPLORE_PAGE (self));

  dim (self->drawing_pane, any && focus != CONVOLVE_EXPLORE_FOCUS_DRAWING);
  dim (self->trace_pane, any && focus != CONVOLVE_EXPLORE_FOCUS_TRACE);
  dim (self->answer_pane, any && focus != CONVOLVE_EXPLORE_FOCUS_ANSWER);
}

ConvolveGrid *
convolve_explore_page_get_grid (ConvolveExplorePage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_EXPLORE_PAGE (self), NULL);
  return self->grid;
}

ConvolveGridModel *
convolve_explore_page_get_grid_model (ConvolveExplorePage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_EXPLORE_PAGE (self), NULL);
  return self->model;
}

ConvolveTraceView *
convolve_explore_page_get_trace (ConvolveExplorePage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_EXPLORE_PAGE (self), NULL);
  return self->trace;
}

ConvolveProbBars *
convolve_explore_page_get_bars (ConvolveExplorePage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_EXPLORE_PAGE (self), NULL);
  return self->bars;
}

const char *
convolve_explore_page_get_prediction_text (ConvolveExplorePage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_EXPLORE_PAGE (self), NULL);
  return self->prediction_text;
}

GtkMenuButton *
convolve_explore_page_get_add_sample_button (ConvolveExplorePage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_EXPLORE_PAGE (self), NULL);
  return self->add_sample_button;
}

GtkMenuButton *
convolve_explore_page_get_help_button (ConvolveExplorePage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_EXPLORE_PAGE (self), NULL);
  return self->help_button;
}

GtkShortcutController *
convolve_explore_page_get_shortcuts (ConvolveExplorePage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_EXPLORE_PAGE (self), NULL);
  return self->shortcuts;
}

const gint64 *
convolve_explore_page_get_latencies (ConvolveExplorePage *self,
                                     guint               *n)
{
  g_return_val_if_fail (CONVOLVE_IS_EXPLORE_PAGE (self), NULL);
  if (n != NULL)
    *n = self->latencies->len;
  return (const gint64 *) (gpointer) self->latencies->data;
}

const gint64 *
convolve_explore_page_get_compute_times (ConvolveExplorePage *self,
                                         guint               *n)
{
  g_return_val_if_fail (CONVOLVE_IS_EXPLORE_PAGE (self), NULL);
  if (n != NULL)
    *n = self->compute_times->len;
  return (const gint64 *) (gpointer) self->compute_times->data;
}
