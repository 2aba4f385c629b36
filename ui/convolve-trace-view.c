/* convolve-trace-view.c — the layer cards, placed by convolve-trace-layout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout is computed in size_allocate for the size given, and only
 * changes with it: new values never move anything (a card allocates its
 * maps the size it was told, whatever the numbers), so nothing grows
 * after a preset switch, a model load or a fast run.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "convolve-flatten-bridge.h"
#include "convolve-legend.h"
#include "convolve-style.h"
#include "convolve-trace-layout.h"
#include "convolve-trace-view.h"

#define SALIENCY_CELL 10

struct _ConvolveTraceView
{
  GtkWidget parent_instance;

  GPtrArray *cards;            /* ConvolveLayerCard, children, slot order */
  GtkWidget *tail;
  gboolean fit_height;
  int preferred_map;
  ConvolveTraceFit fit;
  /* the last height measured, for that width: measuring runs layouts */
  int measured_for;
  int measured_height;

  /* the saliency under the input */
  GtkWidget *saliency_box;
  ConvolveHeatmap *saliency_map;

  /* flatten ↔ the block it flattens, outlined together (forward only) */
  ConvolveFlattenBridge *bridge;
};

G_DEFINE_FINAL_TYPE (ConvolveTraceView, convolve_trace_view, GTK_TYPE_WIDGET)

enum {
  SIGNAL_MAP_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_map_activated (ConvolveLayerCard *card,
                  int                channel,
                  int                row,
                  int                col,
                  ConvolveTraceView *self)
{
  g_signal_emit (self, signals[SIGNAL_MAP_ACTIVATED], 0,
                 convolve_layer_card_get_layer (card), channel, row, col);
}

static GtkWidget *
make_saliency_box (ConvolveTraceView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = gtk_label_new (_("saliency"));
  GtkWidget *map = convolve_heatmap_new ();
  GtkWidget *legend = convolve_legend_new (CONVOLVE_SCALE_DIVERGING, NULL);
  float zeros[CNN_INPUT_SIZE] = { 0 };

  gtk_widget_add_css_class (box, "saliency");
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_widget_set_tooltip_text (title,
                               _("How much each input pixel raises (red) or lowers (blue) "
                                 "the top class's score: its gradient, scaled so the "
                                 "strongest is ±1"));
  gtk_box_append (GTK_BOX (box), title);

  convolve_heatmap_set_cell_size (CONVOLVE_HEATMAP (map), SALIENCY_CELL);
  convolve_heatmap_set_scale (CONVOLVE_HEATMAP (map), CONVOLVE_SCALE_DIVERGING, 1.0f);
  convolve_heatmap_set_data (CONVOLVE_HEATMAP (map), zeros, CNN_INPUT_H, CNN_INPUT_W, 1);
  gtk_widget_set_halign (map, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (map), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Saliency: the top class score's gradient per input pixel"),
                                  -1);
  gtk_box_append (GTK_BOX (box), map);

  convolve_legend_set_compact (CONVOLVE_LEGEND (legend), TRUE);
  convolve_legend_set_range (CONVOLVE_LEGEND (legend), 1.0f);
  gtk_box_append (GTK_BOX (box), legend);

  self->saliency_map = CONVOLVE_HEATMAP (map);
  gtk_widget_set_visible (box, FALSE);
  return box;
}

static void
clear (ConvolveTraceView *self)
{
  /* before the cards go: it undoes what it set on their maps */
  g_clear_object (&self->bridge);
  for (guint i = 0; i < self->cards->len; i++)
    gtk_widget_unparent (g_ptr_array_index (self->cards, i));
  g_ptr_array_set_size (self->cards, 0);
  self->saliency_box = NULL;
  self->saliency_map = NULL;
}

void
convolve_trace_view_set_net (ConvolveTraceView *self,
                             const CnnNet      *net,
                             gboolean           gradients)
{
  g_return_if_fail (CONVOLVE_IS_TRACE_VIEW (self));

  clear (self);
  self->measured_for = -1;
  if (net != NULL)
    for (int layer = -1; layer < net->n_layers; layer++)
      {
        GtkWidget *card = convolve_layer_card_new (net, layer, gradients);

        if (layer < 0 && !gradients)
          {
            self->saliency_box = make_saliency_box (self);
            convolve_layer_card_set_extra (CONVOLVE_LAYER_CARD (card), self->saliency_box);
          }
        g_signal_connect (card, "map-activated", G_CALLBACK (on_map_activated), self);
        if (self->tail != NULL)
          gtk_widget_insert_before (card, GTK_WIDGET (self), self->tail);
        else
          gtk_widget_set_parent (card, GTK_WIDGET (self));
        g_ptr_array_add (self->cards, card);
      }
  if (net != NULL && !gradients)
    {
      /* column 0 is the input: the flatten layer's card is column f + 1,
       * the block it flattens (layer f − 1's output) column f */
      int f = cnn_net_flatten_layer (net);

      if (f >= 0 && net->layers[f].kind == CNN_LAYER_FLATTEN)
        self->bridge = convolve_flatten_bridge_new (net, g_ptr_array_index (self->cards, f),
                                                    g_ptr_array_index (self->cards, f + 1));
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
convolve_trace_view_set_activations (ConvolveTraceView    *self,
                                     const CnnActivations *acts)
{
  g_return_if_fail (CONVOLVE_IS_TRACE_VIEW (self));
  g_return_if_fail (acts != NULL);

  if ((int) self->cards->len != acts->n_slots)
    return;
  for (guint i = 0; i < self->cards->len; i++)
    convolve_layer_card_set_activations (g_ptr_array_index (self->cards, i), acts);
}

void
convolve_trace_view_set_saliency (ConvolveTraceView *self,
                                  const float       *values)
{
  g_return_if_fail (CONVOLVE_IS_TRACE_VIEW (self));

  if (self->saliency_box == NULL)
    return;
  if (values != NULL)
    convolve_heatmap_set_data (self->saliency_map, values, CNN_INPUT_H, CNN_INPUT_W, 1);
  /* shown or hidden changes the input card's height: lay out again */
  if (gtk_widget_get_visible (self->saliency_box) != (values != NULL))
    {
      gtk_widget_set_visible (self->saliency_box, values != NULL);
      self->measured_for = -1;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
}

void
convolve_trace_view_set_tail (ConvolveTraceView *self,
                              GtkWidget         *tail)
{
  g_return_if_fail (CONVOLVE_IS_TRACE_VIEW (self));
  g_return_if_fail (tail == NULL || GTK_IS_WIDGET (tail));

  if (self->tail != NULL)
    gtk_widget_unparent (self->tail);
  self->tail = tail;
  if (tail != NULL)
    gtk_widget_set_parent (tail, GTK_WIDGET (self));
  self->measured_for = -1;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
convolve_trace_view_set_fit_height (ConvolveTraceView *self,
                                    gboolean           fit,
                                    int                preferred_map)
{
  g_return_if_fail (CONVOLVE_IS_TRACE_VIEW (self));

  self->fit_height = fit;
  self->preferred_map = preferred_map;
  self->measured_for = -1;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* ---- layout ---- */

static int
n_items (ConvolveTraceView *self)
{
  return (int) self->cards->len + (self->tail != NULL ? 1 : 0);
}

static void
describe_all (ConvolveTraceView *self,
              ConvolveTraceCard *out)
{
  for (guint i = 0; i < self->cards->len; i++)
    convolve_layer_card_describe (g_ptr_array_index (self->cards, i), &out[i]);
  if (self->tail != NULL)
    {
      ConvolveTraceCard *t = &out[self->cards->len];

      memset (t, 0, sizeof *t);
      gtk_widget_measure (self->tail, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &t->text_w, NULL, NULL);
      gtk_widget_measure (self->tail, GTK_ORIENTATION_VERTICAL, -1, NULL, &t->chrome_h, NULL, NULL);
    }
}

/* The layout for width × height (height ≤ 0: the tallest it may be, i.e.
 * the smallest maps wrapped to the width, or the preferred ones) */
/* the preferred map size grows with the window's zoom, as the text does */
static int
zoomed_map (ConvolveTraceView *self)
{
  return (int) lround (self->preferred_map * convolve_style_get_zoom (GTK_WIDGET (self)));
}

static ConvolveTraceFit
compute (ConvolveTraceView  *self,
         int                 width,
         int                 height,
         ConvolveTraceCard  *cards,
         ConvolveTracePlace *places)
{
  int n = n_items (self);

  describe_all (self, cards);
  if (!self->fit_height)
    return convolve_trace_layout_fit (cards, n, width, 0, zoomed_map (self), places);
  return convolve_trace_layout_fit (cards, n, width, height,
                                    height > 0 ? 0 : CONVOLVE_TRACE_MAP_MIN, places);
}

static void
convolve_trace_view_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  ConvolveTraceView *self = CONVOLVE_TRACE_VIEW (widget);
  int n = n_items (self);
  g_autofree ConvolveTraceCard *cards = g_new0 (ConvolveTraceCard, MAX (n, 1));
  g_autofree ConvolveTracePlace *places = g_new0 (ConvolveTracePlace, MAX (n, 1));

  if (n == 0)
    {
      *minimum = *natural = 0;
      return;
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* as narrow as the widest card; naturally one row of them */
      ConvolveTraceFit one_row;

      describe_all (self, cards);
      *minimum = convolve_trace_layout_min_width (cards, n);
      one_row = convolve_trace_layout_fit (cards, n, G_MAXINT / 4, 0,
                                           self->fit_height ? CONVOLVE_TRACE_MAP_MIN
                                                            : zoomed_map (self), places);
      *natural = MAX (*minimum, one_row.width);
      return;
    }

  /* the least height in which the smallest maps fit at this width; given
   * more, the maps grow into it in size_allocate */
  {
    int width = for_size > 0 ? for_size : G_MAXINT / 4;

    if (self->fit_height)
      {
        if (self->measured_for != width)
          {
            describe_all (self, cards);
            self->measured_height = convolve_trace_layout_min_height (cards, n, width);
            self->measured_for = width;
          }
        *minimum = *natural = self->measured_height;
      }
    else
      *minimum = *natural = compute (self, width, 0, cards, places).height;
  }
}

static void
convolve_trace_view_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  ConvolveTraceView *self = CONVOLVE_TRACE_VIEW (widget);
  int n = n_items (self);
  g_autofree ConvolveTraceCard *cards = g_new0 (ConvolveTraceCard, MAX (n, 1));
  g_autofree ConvolveTracePlace *places = g_new0 (ConvolveTracePlace, MAX (n, 1));
  int x0;

  if (n == 0)
    return;
  self->fit = compute (self, width, height, cards, places);
  /* one row narrower than the space: centred */
  x0 = self->fit.n_rows == 1 ? MAX (0, (width - self->fit.width) / 2) : 0;

  for (int i = 0; i < n; i++)
    {
      GtkWidget *child = i < (int) self->cards->len ? g_ptr_array_index (self->cards, i)
                                                    : self->tail;
      const ConvolveTracePlace *p = &places[i];

      if (i < (int) self->cards->len)
        convolve_layer_card_set_geometry (CONVOLVE_LAYER_CARD (child), p->per_row, p->cell,
                                          p->across);
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
      gtk_widget_size_allocate (child, &(GtkAllocation) { x0 + p->x, p->y, p->width, p->height },
                                -1);
    }
}

/* New fonts or style: the cards' texts measure differently */
static void
convolve_trace_view_css_changed (GtkWidget         *widget,
                                 GtkCssStyleChange *change)
{
  CONVOLVE_TRACE_VIEW (widget)->measured_for = -1;
  GTK_WIDGET_CLASS (convolve_trace_view_parent_class)->css_changed (widget, change);
}

static GtkSizeRequestMode
convolve_trace_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* ---- accessors ---- */

int
convolve_trace_view_get_n_columns (ConvolveTraceView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRACE_VIEW (self), 0);
  return (int) self->cards->len;
}

ConvolveLayerCard *
convolve_trace_view_get_card (ConvolveTraceView *self,
                              int                column)
{
  g_return_val_if_fail (CONVOLVE_IS_TRACE_VIEW (self), NULL);
  g_return_val_if_fail (column >= 0 && column < (int) self->cards->len, NULL);
  return g_ptr_array_index (self->cards, column);
}

int
convolve_trace_view_get_column_layer (ConvolveTraceView *self,
                                      int                column)
{
  return convolve_layer_card_get_layer (convolve_trace_view_get_card (self, column));
}

const char *
convolve_trace_view_get_caption (ConvolveTraceView *self,
                                 int                column)
{
  return convolve_layer_card_get_caption (convolve_trace_view_get_card (self, column));
}

int
convolve_trace_view_get_n_maps (ConvolveTraceView *self,
                                int                column)
{
  return convolve_layer_card_get_n_maps (convolve_trace_view_get_card (self, column));
}

ConvolveHeatmap *
convolve_trace_view_get_map (ConvolveTraceView *self,
                             int                column,
                             int                channel)
{
  return convolve_layer_card_get_map (convolve_trace_view_get_card (self, column), channel);
}

int
convolve_trace_view_get_maps_per_row (ConvolveTraceView *self,
                                      int                column)
{
  return convolve_layer_card_get_per_row (convolve_trace_view_get_card (self, column));
}

ConvolveHeatmap *
convolve_trace_view_get_saliency_map (ConvolveTraceView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRACE_VIEW (self), NULL);

  if (self->saliency_box == NULL || !gtk_widget_get_visible (self->saliency_box))
    return NULL;
  return self->saliency_map;
}

ConvolveFlattenBridge *
convolve_trace_view_get_flatten_bridge (ConvolveTraceView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRACE_VIEW (self), NULL);
  return self->bridge;
}

ConvolveTraceFit
convolve_trace_view_get_fit (ConvolveTraceView *self)
{
  ConvolveTraceFit none = { 0 };

  g_return_val_if_fail (CONVOLVE_IS_TRACE_VIEW (self), none);
  return self->fit;
}

/* ---- GObject ---- */

static void
convolve_trace_view_dispose (GObject *object)
{
  ConvolveTraceView *self = CONVOLVE_TRACE_VIEW (object);

  if (self->cards != NULL)
    clear (self);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  if (self->tail != NULL)
    gtk_widget_unparent (self->tail);
  self->tail = NULL;

  G_OBJECT_CLASS (convolve_trace_view_parent_class)->dispose (object);
}

static void
convolve_trace_view_class_init (ConvolveTraceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = convolve_trace_view_dispose;
  widget_class->measure = convolve_trace_view_measure;
  widget_class->size_allocate = convolve_trace_view_size_allocate;
  widget_class->get_request_mode = convolve_trace_view_get_request_mode;
  widget_class->css_changed = convolve_trace_view_css_changed;

  signals[SIGNAL_MAP_ACTIVATED] =
    g_signal_new ("map-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "traceview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
convolve_trace_view_init (ConvolveTraceView *self)
{
  self->cards = g_ptr_array_new ();
  self->measured_for = -1;
  self->fit_height = TRUE;
  self->preferred_map = 40;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The network's layers, from the input to the class probabilities"),
                                  -1);
}

GtkWidget *
convolve_trace_view_new (void)
{
  return g_object_new (CONVOLVE_TYPE_TRACE_VIEW, NULL);
}
