/* convolve-layer-card.c — one layer's maps, placed by the card itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Its parts, top to bottom: title, caption, then per block (the values;
 * with gradients also dL/d(output)) a short heading, the maps and a
 * legend, then the optional extra. The maps are allocated exactly the
 * size set_geometry() gave them, so a new number never changes a size:
 * only a new geometry lays the card out again.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "convolve-layer-card.h"
#include "convolve-legend.h"
#include "convolve-style.h"

#define PAD 6
#define TITLE_GAP 2
#define CAPTION_GAP 6
#define HEADING_GAP 2
#define MAPS_GAP 4
#define BLOCK_GAP 8
#define STRIP_WIDTH 14
#define LABEL_GAP 2

typedef struct
{
  GtkWidget     *heading;   /* "forward: output", NULL in a values-only card */
  GPtrArray     *maps;      /* ConvolveHeatmap, children of the card */
  GtkWidget     *legend;
  ConvolveScale  scale;
  float          fixed;     /* > 0: a range that does not follow the data */
} Block;

struct _ConvolveLayerCard
{
  GtkWidget parent_instance;

  GtkWidget *title;
  GtkWidget *caption;

  int        layer;
  CnnShape   shape;         /* of the values shown */
  gboolean   strip;
  char      *full_caption;
  int        n_blocks;
  Block      blocks[2];     /* values, and with gradients dL/d(output) */
  GtkWidget *strip_labels;  /* the class digits beside a strip, or NULL */
  GtkWidget *extra;
  gboolean   revealed;
  float      grad_max;

  int        per_row;
  int        cell;
  gboolean   across;        /* a strip lying across: one row of cells */
};

G_DEFINE_FINAL_TYPE (ConvolveLayerCard, convolve_layer_card, GTK_TYPE_WIDGET)

enum {
  SIGNAL_MAP_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
convolve_layer_card_stage_name (const CnnNet *net,
                                int           layer)
{
  int nth = 0, total = 0;

  g_return_val_if_fail (net != NULL, NULL);

  if (layer < 0)
    return g_strdup (_("input"));
  g_return_val_if_fail (layer < net->n_layers, NULL);

  for (int i = 0; i < net->n_layers; i++)
    if (net->layers[i].kind == net->layers[layer].kind)
      {
        total++;
        if (i <= layer)
          nth++;
      }

  switch (net->layers[layer].kind)
    {
    case CNN_LAYER_CONV:
      return g_strdup_printf (_("conv %d"), nth);
    case CNN_LAYER_RELU:
      return g_strdup_printf (_("ReLU %d"), nth);
    case CNN_LAYER_POOL:
      return g_strdup_printf (_("max-pool %d"), nth);
    case CNN_LAYER_FLATTEN:
      return g_strdup (_("flatten"));
    case CNN_LAYER_DENSE:
      return total == 1 ? g_strdup (_("dense")) : g_strdup_printf (_("dense %d"), nth);
    case CNN_LAYER_SOFTMAX:
      return g_strdup (_("softmax"));
    default:
      g_assert_not_reached ();
    }
}

/* The caption as shown under the title "conv 1": without the kind the
 * title already names, broken before the arrow when long, so it is no
 * wider than the maps under it — "conv 3×3, 8 filters → 8×8×8" becomes
 * "3×3, 8 filters" over "→ 8×8×8". The full caption is its tooltip. */
static char *
display_caption (const char *caption,
                 const char *title)
{
  const char *space = strchr (title, ' ');
  gsize kind_len = space != NULL ? (gsize) (space - title) : strlen (title);
  const char *arrow;

  if (strncmp (caption, title, kind_len) == 0 && caption[kind_len] == ' ')
    caption += kind_len + 1;
  arrow = strstr (caption, " → ");
  if (arrow == NULL || g_utf8_strlen (caption, -1) <= 14)
    return g_strdup (caption);
  return g_strdup_printf ("%.*s\n%s", (int) (arrow - caption), caption, arrow + 1);
}

static void
on_cell_activated (ConvolveHeatmap   *map,
                   int                row,
                   int                col,
                   ConvolveLayerCard *self)
{
  int channel = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (map), "card-channel"));

  g_signal_emit (self, signals[SIGNAL_MAP_ACTIVATED], 0, channel, row, col);
}

static GtkWidget *
small_label (ConvolveLayerCard *self,
             const char        *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "caption");
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_widget_set_parent (label, GTK_WIDGET (self));
  return label;
}

static void
build_block (ConvolveLayerCard *self,
             Block             *b,
             const CnnNet      *net,
             const char        *name,
             const char        *heading,
             const char        *what,
             gboolean           clickable,
             const char        *legend_title)
{
  int n = self->strip ? 1 : self->shape.c;

  b->maps = g_ptr_array_new ();
  if (heading != NULL)
    b->heading = small_label (self, heading);
  for (int c = 0; c < n; c++)
    {
      GtkWidget *map = convolve_heatmap_new ();
      g_autofree char *label = NULL;

      /* the trace's layout sizes the cells, zoom included */
      convolve_heatmap_set_zoomable (CONVOLVE_HEATMAP (map), FALSE);
      if (self->strip)
        /* Translators: "flatten, 64 values" */
        label = g_strdup_printf (_("%s, %d values"), name, self->shape.c);
      else if (self->layer < 0)
        label = g_strdup (what != NULL ? what : _("input drawing"));
      else if (what != NULL)
        /* Translators: "conv 2, gradient of map 3" */
        label = g_strdup_printf (_("%s, %s of map %d"), name, what, c + 1);
      else
        label = g_strdup_printf (_("%s, feature map %d"), name, c + 1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (map), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      g_object_set_data (G_OBJECT (map), "card-channel", GINT_TO_POINTER (c));
      if (clickable)
        {
          g_signal_connect (map, "cell-activated", G_CALLBACK (on_cell_activated), self);
          gtk_widget_set_cursor_from_name (map, "pointer");
          gtk_widget_add_css_class (map, "clickable-map");
        }
      gtk_widget_set_parent (map, GTK_WIDGET (self));
      g_ptr_array_add (b->maps, map);
    }
  b->legend = convolve_legend_new (b->scale, legend_title);
  convolve_legend_set_compact (CONVOLVE_LEGEND (b->legend), TRUE);
  /* what the scale measures is its tooltip: cards stay short */
  convolve_legend_set_title_visible (CONVOLVE_LEGEND (b->legend), FALSE);
  if (b->fixed > 0)
    convolve_legend_set_range (CONVOLVE_LEGEND (b->legend), b->fixed);
  gtk_widget_set_parent (b->legend, GTK_WIDGET (self));
}

static GtkWidget *
make_strip_labels (ConvolveLayerCard *self,
                   int                n)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  for (int i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("%d", i);
      GtkWidget *label = gtk_label_new (text);

      gtk_widget_add_css_class (label, "strip-label");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
      gtk_label_set_yalign (GTK_LABEL (label), 0.5f);
      gtk_widget_set_vexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
  gtk_widget_set_parent (box, GTK_WIDGET (self));
  return box;
}

GtkWidget *
convolve_layer_card_new (const CnnNet *net,
                         int           layer,
                         gboolean      gradients)
{
  ConvolveLayerCard *self;
  g_autofree char *name = NULL;
  g_autofree char *shown = NULL;
  const char *legend_title, *fwd_heading = NULL;
  gboolean clickable;
  Block *values;

  g_return_val_if_fail (net != NULL, NULL);
  g_return_val_if_fail (layer >= -1 && layer < net->n_layers, NULL);

  self = g_object_new (CONVOLVE_TYPE_LAYER_CARD, NULL);
  self->layer = layer;
  name = convolve_layer_card_stage_name (net, layer);
  values = &self->blocks[0];
  values->scale = CONVOLVE_SCALE_SEQUENTIAL;

  if (layer < 0)
    {
      self->shape = net->input;
      self->full_caption = g_strdup_printf (_("input → %d×%d×%d"),
                                            net->input.h, net->input.w, net->input.c);
      shown = g_strdup_printf ("→ %d×%d×%d", net->input.h, net->input.w, net->input.c);
      values->fixed = 1.0f;
      legend_title = _("ink");
      fwd_heading = _("forward: the input");
    }
  else
    {
      const CnnLayer *l = &net->layers[layer];

      self->shape = l->out;
      self->strip = l->out.h == 1 && l->out.w == 1;
      self->full_caption = cnn_net_describe_layer (net, layer);
      /* flatten reads as the bridge from maps to a vector: "2×2×16 → 64" */
      if (l->kind == CNN_LAYER_FLATTEN)
        shown = g_strdup_printf ("%d×%d×%d\n→ %d", l->in.h, l->in.w, l->in.c, l->out.c);
      else
        shown = display_caption (self->full_caption, name);
      fwd_heading = _("forward: output");
      switch (l->kind)
        {
        case CNN_LAYER_CONV:
        case CNN_LAYER_DENSE:
          /* before the ReLU: negative values matter */
          values->scale = CONVOLVE_SCALE_DIVERGING;
          legend_title = l->kind == CNN_LAYER_DENSE ? _("score") : _("value");
          if (l->kind == CNN_LAYER_DENSE && layer == net->n_layers - 2)
            fwd_heading = _("forward: logits");
          break;
        case CNN_LAYER_SOFTMAX:
          values->fixed = 1.0f;
          legend_title = _("probability");
          break;
        default:
          legend_title = _("activation");
          break;
        }
    }

  gtk_label_set_text (GTK_LABEL (self->title), name);
  gtk_label_set_text (GTK_LABEL (self->caption), shown);
  gtk_widget_set_tooltip_text (self->caption, self->full_caption);

  clickable = !gradients && cnn_net_explained_conv (net, layer) >= 0;
  build_block (self, values, net, name, gradients ? fwd_heading : NULL, NULL, clickable,
               legend_title);
  self->n_blocks = 1;

  /* the softmax has no gradient of its own: it is fused with the loss
   * into the dense layer's dL/d(logits) = p − one-hot */
  if (gradients && !(layer >= 0 && net->layers[layer].kind == CNN_LAYER_SOFTMAX))
    {
      Block *grads = &self->blocks[1];
      const char *heading;

      grads->scale = CONVOLVE_SCALE_DIVERGING;
      if (layer < 0)
        heading = _("backward: dL/d(input)");
      else if (layer == net->n_layers - 2 && net->layers[layer].kind == CNN_LAYER_DENSE)
        heading = _("backward: dL/d(logits)\n= p − one-hot");
      else
        heading = _("backward: dL/d(output)");
      build_block (self, grads, net, name, heading, _("gradient"), FALSE, NULL);
      self->n_blocks = 2;
      convolve_layer_card_set_revealed (self, FALSE);
    }

  /* one row per class: the rows labelled with the class digits */
  if (self->strip && layer >= 0 && self->shape.c == net->n_classes
      && (net->layers[layer].kind == CNN_LAYER_DENSE || net->layers[layer].kind == CNN_LAYER_SOFTMAX))
    self->strip_labels = make_strip_labels (self, self->shape.c);

  if (layer >= 0 && net->layers[layer].kind == CNN_LAYER_FLATTEN)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                                 _("The last feature maps laid out as one list of numbers, "
                                   "position by position: the dense layer sees this vector"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->full_caption, -1);
  return GTK_WIDGET (self);
}

static void
set_block (Block         *b,
           const float   *v,
           CnnShape       shape,
           gboolean       strip,
           gboolean       across,
           float          range)
{
  for (guint c = 0; c < b->maps->len; c++)
    {
      ConvolveHeatmap *map = g_ptr_array_index (b->maps, c);

      convolve_heatmap_set_scale (map, b->scale, range);
      if (strip)
        convolve_heatmap_set_data (map, v, across ? 1 : shape.c, across ? shape.c : 1, 1);
      else
        convolve_heatmap_set_data (map, v + c, shape.h, shape.w, shape.c);
    }
  if (b->fixed <= 0)
    convolve_legend_set_range (CONVOLVE_LEGEND (b->legend), range);
}

void
convolve_layer_card_set_activations (ConvolveLayerCard    *self,
                                     const CnnActivations *acts)
{
  const float *v;

  g_return_if_fail (CONVOLVE_IS_LAYER_CARD (self));
  g_return_if_fail (acts != NULL && self->layer + 1 < acts->n_slots);

  v = cnn_activations_values (acts, self->layer);
  /* one range for the whole card, so its maps compare at a glance */
  set_block (&self->blocks[0], v, self->shape, self->strip, self->across,
             self->blocks[0].fixed > 0
             ? self->blocks[0].fixed
             : convolve_colormap_range (self->blocks[0].scale, v, cnn_shape_size (self->shape)));
}

void
convolve_layer_card_set_gradients (ConvolveLayerCard    *self,
                                   const CnnActivations *acts)
{
  const float *g;
  gsize n;

  g_return_if_fail (CONVOLVE_IS_LAYER_CARD (self));
  g_return_if_fail (acts != NULL && self->layer + 1 < acts->n_slots);

  g = cnn_activations_grads (acts, self->layer);
  if (self->n_blocks < 2 || g == NULL)
    return;
  n = cnn_shape_size (self->shape);
  self->grad_max = 0.0f;
  for (gsize i = 0; i < n; i++)
    if (isfinite (g[i]))
      self->grad_max = MAX (self->grad_max, fabsf (g[i]));
  set_block (&self->blocks[1], g, self->shape, self->strip, self->across,
             convolve_colormap_range (CONVOLVE_SCALE_DIVERGING, g, n));
}

gboolean
convolve_layer_card_has_gradients (ConvolveLayerCard *self)
{
  g_return_val_if_fail (CONVOLVE_IS_LAYER_CARD (self), FALSE);
  return self->n_blocks == 2;
}

/* A strip turned: its maps' cells the other way round */
static void
turn_strip (ConvolveLayerCard *self)
{
  for (int b = 0; b < self->n_blocks; b++)
    for (guint c = 0; c < self->blocks[b].maps->len; c++)
      {
        ConvolveHeatmap *map = g_ptr_array_index (self->blocks[b].maps, c);
        int n = convolve_heatmap_get_rows (map) * convolve_heatmap_get_cols (map);
        g_autofree float *v = g_new (float, MAX (n, 1));

        for (int i = 0; i < n; i++)
          v[i] = self->across ? convolve_heatmap_get_value (map, i, 0)
                              : convolve_heatmap_get_value (map, 0, i);
        convolve_heatmap_set_data (map, v, self->across ? 1 : n, self->across ? n : 1, 1);
      }
}

void
convolve_layer_card_set_geometry (ConvolveLayerCard *self,
                                  int                per_row,
                                  int                cell,
                                  gboolean           across)
{
  g_return_if_fail (CONVOLVE_IS_LAYER_CARD (self));

  per_row = MAX (per_row, 1);
  cell = MAX (cell, 1);
  across = self->strip && across;
  if (per_row == self->per_row && cell == self->cell && across == self->across)
    return;
  self->per_row = per_row;
  self->cell = cell;
  if (across != self->across)
    {
      self->across = across;
      turn_strip (self);
    }
  /* the parent allocates it next, with this geometry: no resize (which
   * would lay the whole trace out once more) */
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* ---- layout ---- */

static int
natural_height (GtkWidget *w)
{
  int h = 0;

  if (w != NULL && gtk_widget_get_visible (w))
    gtk_widget_measure (w, GTK_ORIENTATION_VERTICAL, -1, NULL, &h, NULL, NULL);
  return h;
}

static int
natural_width (GtkWidget *w)
{
  int nat = 0;

  if (w != NULL && gtk_widget_get_visible (w))
    gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat, NULL, NULL);
  return nat;
}

/* Size of one block's maps at the current geometry */
static void
maps_size (ConvolveLayerCard *self,
           int               *w,
           int               *h)
{
  int n = self->strip ? 1 : self->shape.c;
  int per_row = MIN (MAX (self->per_row, 1), MAX (n, 1));
  int cell = MAX (self->cell, 1);

  if (self->strip)
    {
      *w = self->across ? self->shape.c * cell : MAX (cell, STRIP_WIDTH);
      *h = self->across ? MAX (cell, STRIP_WIDTH) : self->shape.c * cell;
      return;
    }
  *w = per_row * self->shape.w * cell + (per_row - 1) * CONVOLVE_TRACE_SPACING;
  *h = ((n + per_row - 1) / per_row) * self->shape.h * cell
       + ((n + per_row - 1) / per_row - 1) * CONVOLVE_TRACE_SPACING;
}

static int
labels_width (ConvolveLayerCard *self)
{
  return self->strip_labels != NULL ? natural_width (self->strip_labels) + LABEL_GAP : 0;
}

void
convolve_layer_card_describe (ConvolveLayerCard *self,
                              ConvolveTraceCard *out)
{
  int text_w, chrome_h;

  g_return_if_fail (CONVOLVE_IS_LAYER_CARD (self));
  g_return_if_fail (out != NULL);

  text_w = MAX (natural_width (self->title), natural_width (self->caption));
  chrome_h = PAD + natural_height (self->title) + TITLE_GAP + natural_height (self->caption)
             + CAPTION_GAP;
  for (int b = 0; b < self->n_blocks; b++)
    {
      const Block *blk = &self->blocks[b];

      if (blk->heading != NULL)
        {
          text_w = MAX (text_w, natural_width (blk->heading));
          chrome_h += natural_height (blk->heading) + HEADING_GAP;
        }
      /* legends fill the card's width: only their minimum counts */
      {
        int legend_min = 0;

        gtk_widget_measure (blk->legend, GTK_ORIENTATION_HORIZONTAL, -1, &legend_min, NULL,
                            NULL, NULL);
        text_w = MAX (text_w, legend_min);
      }
      chrome_h += MAPS_GAP + natural_height (blk->legend) + (b + 1 < self->n_blocks ? BLOCK_GAP : 0);
    }
  if (self->extra != NULL && gtk_widget_get_visible (self->extra))
    {
      text_w = MAX (text_w, natural_width (self->extra));
      chrome_h += BLOCK_GAP + natural_height (self->extra);
    }
  chrome_h += PAD;

  out->n_maps = self->strip ? 1 : self->shape.c;
  out->rows = self->strip ? self->shape.c : self->shape.h;
  out->cols = self->strip ? 1 : self->shape.w;
  out->strip = self->strip;
  out->blocks = self->n_blocks;
  out->chrome_h = chrome_h;
  out->text_w = text_w + 2 * PAD;
  out->extra_w = labels_width (self) + 2 * PAD;
  /* the input is what the network sees: drawn larger */
  out->emphasis = self->layer < 0 ? 2 : 1;
  /* a vector with no row labels reads as well lying across; one with
   * labels needs rows as tall as they are */
  out->can_turn = self->strip && self->strip_labels == NULL;
  out->min_cell = self->strip_labels != NULL
                  ? natural_height (gtk_widget_get_first_child (self->strip_labels)) : 0;
}

static void
convolve_layer_card_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  ConvolveLayerCard *self = CONVOLVE_LAYER_CARD (widget);
  ConvolveTraceCard d;
  int mw, mh;

  convolve_layer_card_describe (self, &d);
  maps_size (self, &mw, &mh);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = MAX (d.text_w, mw + d.extra_w);
  else
    *minimum = *natural = d.chrome_h + d.blocks * mh + (d.blocks - 1) * CONVOLVE_TRACE_SPACING;
}

/* Allocates w at (x, y), its natural height, width wide; returns the height */
static int
place (GtkWidget *w,
       int        x,
       int        y,
       int        width)
{
  int h = natural_height (w);

  if (w == NULL || !gtk_widget_get_visible (w))
    return 0;
  gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
  gtk_widget_size_allocate (w, &(GtkAllocation) { x, y, MAX (width, 1), h }, -1);
  return h;
}

static void
place_maps (ConvolveLayerCard *self,
            Block             *b,
            int                width,
            int                y,
            int                maps_w)
{
  int x0 = PAD + (width - 2 * PAD - maps_w - labels_width (self)) / 2;
  int cell = MAX (self->cell, 1);

  if (self->strip && self->across)
    {
      GtkWidget *map = g_ptr_array_index (b->maps, 0);

      gtk_widget_measure (map, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
      gtk_widget_size_allocate (map, &(GtkAllocation) { x0, y, self->shape.c * cell,
                                                        MAX (cell, STRIP_WIDTH) }, -1);
      return;
    }
  if (self->strip)
    {
      GtkWidget *map = g_ptr_array_index (b->maps, 0);
      int h = self->shape.c * cell;

      if (self->strip_labels != NULL)
        {
          int lw = natural_width (self->strip_labels);

          gtk_widget_measure (self->strip_labels, GTK_ORIENTATION_VERTICAL, -1, NULL, NULL,
                              NULL, NULL);
          gtk_widget_size_allocate (self->strip_labels, &(GtkAllocation) { x0, y, lw, h }, -1);
          x0 += lw + LABEL_GAP;
        }
      gtk_widget_measure (map, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
      gtk_widget_size_allocate (map, &(GtkAllocation) { x0, y, MAX (cell, STRIP_WIDTH), h }, -1);
      return;
    }

  for (guint c = 0; c < b->maps->len; c++)
    {
      GtkWidget *map = g_ptr_array_index (b->maps, c);
      int per_row = MIN (MAX (self->per_row, 1), (int) b->maps->len);
      int mw = self->shape.w * cell, mh = self->shape.h * cell;
      int col = (int) c % per_row, row = (int) c / per_row;

      gtk_widget_measure (map, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
      gtk_widget_size_allocate (map, &(GtkAllocation) {
                                  x0 + col * (mw + CONVOLVE_TRACE_SPACING),
                                  y + row * (mh + CONVOLVE_TRACE_SPACING), mw, mh }, -1);
    }
}

static void
convolve_layer_card_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  ConvolveLayerCard *self = CONVOLVE_LAYER_CARD (widget);
  int inner = width - 2 * PAD;
  int y = PAD, mw, mh;

  maps_size (self, &mw, &mh);
  y += place (self->title, PAD, y, inner) + TITLE_GAP;
  y += place (self->caption, PAD, y, inner) + CAPTION_GAP;
  for (int b = 0; b < self->n_blocks; b++)
    {
      Block *blk = &self->blocks[b];

      if (blk->heading != NULL)
        y += place (blk->heading, PAD, y, inner) + HEADING_GAP;
      place_maps (self, blk, width, y, mw);
      y += mh + MAPS_GAP;
      y += place (blk->legend, PAD, y, inner) + BLOCK_GAP;
    }
  if (self->extra != NULL)
    place (self->extra, PAD, y, inner);
}

static GtkSizeRequestMode
convolve_layer_card_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

/* ---- the rest ---- */

void
convolve_layer_card_set_extra (ConvolveLayerCard *self,
                               GtkWidget         *extra)
{
  g_return_if_fail (CONVOLVE_IS_LAYER_CARD (self));
  g_return_if_fail (extra == NULL || GTK_IS_WIDGET (extra));

  if (self->extra != NULL)
    gtk_widget_unparent (self->extra);
  self->extra = extra;
  if (extra != NULL)
    gtk_widget_set_parent (extra, GTK_WIDGET (self));
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
convolve_layer_card_set_revealed (ConvolveLayerCard *self,
                                  gboolean           revealed)
{
  Block *b;

  g_return_if_fail (CONVOLVE_IS_LAYER_CARD (self));

  self->revealed = revealed;
  if (self->n_blocks < 2)
    return;
  b = &self->blocks[1];
  /* the maps and the legend dim themselves: an opacity node per map
   * would cost an offscreen pass each with the cairo renderer */
  gtk_widget_set_opacity (b->heading, revealed ? 1.0 : CONVOLVE_DIM_ALPHA);
  convolve_legend_set_dimmed (CONVOLVE_LEGEND (b->legend), !revealed);
  for (guint c = 0; c < b->maps->len; c++)
    convolve_heatmap_set_dimmed (g_ptr_array_index (b->maps, c), !revealed);
}

gboolean
convolve_layer_card_get_revealed (ConvolveLayerCard *self)
{
  g_return_val_if_fail (CONVOLVE_IS_LAYER_CARD (self), FALSE);
  return self->revealed;
}

void
convolve_layer_card_set_front (ConvolveLayerCard *self,
                               gboolean           front)
{
  g_return_if_fail (CONVOLVE_IS_LAYER_CARD (self));

  if (front)
    gtk_widget_add_css_class (self->title, "accent");
  else
    gtk_widget_remove_css_class (self->title, "accent");
}

int
convolve_layer_card_get_layer (ConvolveLayerCard *self)
{
  g_return_val_if_fail (CONVOLVE_IS_LAYER_CARD (self), -2);
  return self->layer;
}

const char *
convolve_layer_card_get_caption (ConvolveLayerCard *self)
{
  g_return_val_if_fail (CONVOLVE_IS_LAYER_CARD (self), NULL);
  return self->full_caption;
}

int
convolve_layer_card_get_n_maps (ConvolveLayerCard *self)
{
  g_return_val_if_fail (CONVOLVE_IS_LAYER_CARD (self), 0);
  return (int) self->blocks[0].maps->len;
}

ConvolveHeatmap *
convolve_layer_card_get_map (ConvolveLayerCard *self,
                             int                channel)
{
  g_return_val_if_fail (CONVOLVE_IS_LAYER_CARD (self), NULL);
  g_return_val_if_fail (channel >= 0 && channel < (int) self->blocks[0].maps->len, NULL);
  return g_ptr_array_index (self->blocks[0].maps, channel);
}

ConvolveHeatmap *
convolve_layer_card_get_grad_map (ConvolveLayerCard *self,
                                  int                channel)
{
  g_return_val_if_fail (CONVOLVE_IS_LAYER_CARD (self), NULL);
  if (self->n_blocks < 2)
    return NULL;
  g_return_val_if_fail (channel >= 0 && channel < (int) self->blocks[1].maps->len, NULL);
  return g_ptr_array_index (self->blocks[1].maps, channel);
}

float
convolve_layer_card_get_grad_max (ConvolveLayerCard *self)
{
  g_return_val_if_fail (CONVOLVE_IS_LAYER_CARD (self), 0.0f);
  return self->grad_max;
}

int
convolve_layer_card_get_per_row (ConvolveLayerCard *self)
{
  g_return_val_if_fail (CONVOLVE_IS_LAYER_CARD (self), 0);
  return self->strip ? 1 : MIN (MAX (self->per_row, 1), self->shape.c);
}

static void
convolve_layer_card_dispose (GObject *object)
{
  ConvolveLayerCard *self = CONVOLVE_LAYER_CARD (object);
  GtkWidget *child;

  for (int b = 0; b < 2; b++)
    g_clear_pointer (&self->blocks[b].maps, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONVOLVE_TYPE_LAYER_CARD);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->extra = NULL;
  self->strip_labels = NULL;

  G_OBJECT_CLASS (convolve_layer_card_parent_class)->dispose (object);
}

static void
convolve_layer_card_finalize (GObject *object)
{
  ConvolveLayerCard *self = CONVOLVE_LAYER_CARD (object);

  g_free (self->full_caption);

  G_OBJECT_CLASS (convolve_layer_card_parent_class)->finalize (object);
}

static void
convolve_layer_card_class_init (ConvolveLayerCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = convolve_layer_card_dispose;
  object_class->finalize = convolve_layer_card_finalize;
  widget_class->measure = convolve_layer_card_measure;
  widget_class->size_allocate = convolve_layer_card_size_allocate;
  widget_class->get_request_mode = convolve_layer_card_get_request_mode;

  signals[SIGNAL_MAP_ACTIVATED] =
    g_signal_new ("map-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convolve/Convolve/ui/convolve-layer-card.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvolveLayerCard, title);
  gtk_widget_class_bind_template_child (widget_class, ConvolveLayerCard, caption);

  gtk_widget_class_set_css_name (widget_class, "layercard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
convolve_layer_card_init (ConvolveLayerCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->per_row = 1;
  self->cell = 4;
  self->revealed = TRUE;
}
