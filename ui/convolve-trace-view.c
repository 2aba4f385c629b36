/* convolve-trace-view.c — every layer's output, left to right, as heatmaps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "convolve-legend.h"
#include "convolve-trace-view.h"

/* Compact layout (short or narrow windows): a column's maps share about
 * this many pixels of width whatever their size, so an 8×8 conv map and a
 * 4×4 pooled map line up as equals: two maps a row in 84 px, four in
 * 108 px. Compact columns let the whole digits network (ten columns) fit
 * in about 1200 px. */
#define COLUMN_PIXELS_2 84
#define COLUMN_PIXELS_4 108
#define MAP_SPACING 4
/* tiny maps (2×2) would otherwise get huge cells */
#define MAP_CELL_MAX 12
#define INPUT_CELL 10
#define STRIP_CELL_MAX 18
#define STRIP_CELL_MIN 4
#define STRIP_PIXELS_MAX 390
#define STRIP_WIDTH 14
/* What a column needs besides its maps (title, two caption lines, legend,
 * padding, spacing), to decide how many maps a row its height allows */
#define COLUMN_CHROME 150
/* Roomy layout (the whole trace fits the viewport's width): every map is
 * at least this many pixels a side, the largest that still fits both the
 * viewport's width and height, from the compact size up to the largest */
#define MAP_PIXELS_COMPACT ((COLUMN_PIXELS_2 - MAP_SPACING) / 2)
#define MAP_PIXELS_MAX 128
/* so columns of 8 and of 16 maps are equally tall */
#define ROOMY_ROWS 8
/* one map a row as wide as two of base px */
#define ONE_FOR_BASE(base) (2 * (base) + MAP_SPACING)

typedef struct
{
  int           layer;      /* −1: the input */
  CnnLayerKind  kind;       /* meaningless for the input */
  CnnShape      shape;      /* of the values shown */
  ConvolveScale scale;
  float         fixed_range; /* > 0: a range that does not follow the data */
  gboolean      strip;      /* 1-D: one N×1 heatmap */
  char         *caption;
  GtkWidget    *card;
  GtkWidget    *title;
  GtkWidget    *caption_label;
  GtkWidget    *legend;
  GtkWidget    *maps_box;   /* the maps_grid, or a strip with its labels */
  GtkWidget    *maps_grid;  /* GtkGrid of the maps; NULL for strips */
  GtkWidget    *strip_labels; /* the class digits beside a strip, or NULL */
  int           per_row;    /* maps a row in maps_grid; 0: not laid out */
  int           cell;       /* px a cell of its maps */
  GPtrArray    *maps;       /* ConvolveHeatmap, borrowed from the card */
} Column;

struct _ConvolveTraceView
{
  GtkWidget parent_instance;

  GArray *columns;          /* Column */
  int height_hint;          /* px the columns may take; 0: unknown */
  int width_avail;          /* px of the viewport's width; 0: unknown */
  GtkAdjustment *hadjustment; /* of the enclosing scrolled window, realized */
  gulong page_width_id;
  guint relayout_tick;      /* pending re-layout for a new size */

  /* the saliency under the input: a second map in the input column */
  GtkWidget *saliency_box;
  ConvolveHeatmap *saliency_map;
};

G_DEFINE_FINAL_TYPE (ConvolveTraceView, convolve_trace_view, GTK_TYPE_WIDGET)

static void relayout (ConvolveTraceView *self);

enum {
  MAP_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
column_clear (gpointer data)
{
  Column *col = data;

  g_clear_pointer (&col->caption, g_free);
  g_clear_pointer (&col->maps, g_ptr_array_unref);
  if (col->card != NULL)
    gtk_widget_unparent (col->card);
  col->card = NULL;
}

static void
on_cell_activated (ConvolveHeatmap *map,
                   int              row,
                   int              col,
                   gpointer         user_data)
{
  ConvolveTraceView *self = user_data;
  int layer = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (map), "trace-layer"));
  int channel = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (map), "trace-channel"));

  g_signal_emit (self, signals[MAP_ACTIVATED], 0, layer, channel, row, col);
}

char *
convolve_trace_view_stage_name (const CnnNet *net,
                                int           layer)
{
  int nth = 0, total = 0;

  if (layer < 0)
    return g_strdup (_("input"));

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


/* Maps a row: two when the column's height allows, so maps stay large and
 * columns narrow; four for many channels (16 as 4×4) when it does not. */
static int
maps_per_row (int channels,
              int side,
              int height_hint)
{
  int rows2, map2;

  if (channels <= 2)
    return channels;
  if (channels <= 8)
    return 2;

  rows2 = (channels + 1) / 2;
  map2 = CLAMP ((COLUMN_PIXELS_2 - MAP_SPACING) / 2 / side, 4, MAP_CELL_MAX) * side;
  if (height_hint > 0 &&
      COLUMN_CHROME + rows2 * map2 + (rows2 - 1) * MAP_SPACING <= height_hint)
    return 2;
  return 4;
}

/* Puts col's maps per_row a row (re-attaching them only when that
 * changes) at cell px a cell. */
static void
apply_maps (Column *col,
            int     per_row,
            int     cell)
{
  if (per_row != col->per_row)
    for (guint c = 0; c < col->maps->len; c++)
      {
        GtkWidget *map = g_object_ref (g_ptr_array_index (col->maps, c));

        if (gtk_widget_get_parent (map) != NULL)
          gtk_grid_remove (GTK_GRID (col->maps_grid), map);
        gtk_grid_attach (GTK_GRID (col->maps_grid), map,
                         c % per_row, c / per_row, 1, 1);
        g_object_unref (map);
      }
  col->per_row = per_row;
  col->cell = cell;
  for (guint c = 0; c < col->maps->len; c++)
    convolve_heatmap_set_cell_size (g_ptr_array_index (col->maps, c), cell);
}

/* The compact cell size for per_row maps a row */
static int
compact_cell (const Column *col,
              int           per_row)
{
  int side = MAX (col->shape.h, col->shape.w);
  int width = per_row <= 2 ? COLUMN_PIXELS_2 : COLUMN_PIXELS_4;
  int pixels = (width - (per_row - 1) * MAP_SPACING) / per_row;

  return col->layer < 0 ? INPUT_CELL : CLAMP (pixels / side, 4, MAP_CELL_MAX);
}

static void
apply_strip (Column *col,
             int     cell)
{
  GtkWidget *map = g_ptr_array_index (col->maps, 0);

  col->cell = cell;
  convolve_heatmap_set_cell_size (CONVOLVE_HEATMAP (map), cell);
  /* cells as wide as the class rows are tall, at least a bar's width */
  gtk_widget_set_size_request (map, MAX (cell, STRIP_WIDTH), -1);
  if (col->strip_labels != NULL)
    for (GtkWidget *label = gtk_widget_get_first_child (col->strip_labels); label != NULL;
         label = gtk_widget_get_next_sibling (label))
      gtk_widget_set_size_request (label, -1, cell);
}

/* The caption as shown under the column's title, "conv 1": without the
 * kind the title already names, and split before the arrow when long, so
 * it is no wider than the maps under it — "conv 3×3, 8 filters → 8×8×8"
 * becomes "3×3, 8 filters" over "→ 8×8×8". The full caption is the
 * label's tooltip. */
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

static GtkWidget *
make_strip_labels (int n,
                   int cell)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_valign (box, GTK_ALIGN_START);
  for (int i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("%d", i);
      GtkWidget *label = gtk_label_new (text);

      gtk_widget_set_size_request (label, -1, cell);
      gtk_widget_add_css_class (label, "strip-label");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_box_append (GTK_BOX (box), label);
    }
  return box;
}

static GtkWidget *
make_saliency_box (ConvolveTraceView *self,
                   int                rows,
                   int                cols)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = gtk_label_new (_("saliency"));
  GtkWidget *map = convolve_heatmap_new ();
  GtkWidget *legend = convolve_legend_new (CONVOLVE_SCALE_DIVERGING, NULL);
  g_autofree float *zeros = g_new0 (float, (gsize) rows * cols);

  gtk_widget_add_css_class (box, "saliency");
  gtk_widget_set_margin_top (box, 6);

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_widget_set_tooltip_text (title,
                               _("How much each input pixel raises (red) or lowers (blue) "
                                 "the top class's score: its gradient, scaled so the "
                                 "strongest is ±1"));
  gtk_box_append (GTK_BOX (box), title);

  convolve_heatmap_set_cell_size (CONVOLVE_HEATMAP (map), INPUT_CELL);
  convolve_heatmap_set_scale (CONVOLVE_HEATMAP (map), CONVOLVE_SCALE_DIVERGING, 1.0f);
  convolve_heatmap_set_data (CONVOLVE_HEATMAP (map), zeros, rows, cols, 1);
  gtk_widget_set_halign (map, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (map),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
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
build_column (ConvolveTraceView *self,
              const CnnNet      *net,
              int                layer)
{
  Column col = { 0 };
  g_autofree char *name = convolve_trace_view_stage_name (net, layer);
  g_autofree char *shown_caption = NULL;
  GtkWidget *caption, *title, *maps_box;
  const char *legend_title;
  int per_row;

  col.layer = layer;
  col.maps = g_ptr_array_new ();
  if (layer < 0)
    {
      col.shape = net->input;
      col.scale = CONVOLVE_SCALE_SEQUENTIAL;
      col.fixed_range = 1.0f;
      col.caption = g_strdup_printf (_("input → %d×%d×%d"),
                                     net->input.h, net->input.w, net->input.c);
      legend_title = _("ink");
    }
  else
    {
      const CnnLayer *l = &net->layers[layer];

      col.kind = l->kind;
      col.shape = l->out;
      col.caption = cnn_net_describe_layer (net, layer);
      col.strip = l->out.h == 1 && l->out.w == 1;
      switch (l->kind)
        {
        case CNN_LAYER_CONV:
        case CNN_LAYER_DENSE:
          /* before the ReLU: negative values matter */
          col.scale = CONVOLVE_SCALE_DIVERGING;
          legend_title = l->kind == CNN_LAYER_DENSE ? _("score") : _("value");
          break;
        case CNN_LAYER_SOFTMAX:
          col.scale = CONVOLVE_SCALE_SEQUENTIAL;
          col.fixed_range = 1.0f;
          legend_title = _("probability");
          break;
        default:
          col.scale = CONVOLVE_SCALE_SEQUENTIAL;
          legend_title = _("activation");
          break;
        }
    }

  col.card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (col.card, "card");
  gtk_widget_add_css_class (col.card, "trace-column");
  gtk_widget_set_valign (col.card, GTK_ALIGN_START);

  title = gtk_label_new (name);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_box_append (GTK_BOX (col.card), title);

  /* flatten reads as the bridge from maps to a vector: "2×2×16 → 64" */
  if (col.kind == CNN_LAYER_FLATTEN && layer >= 0)
    {
      const CnnShape *in = &net->layers[layer].in;

      shown_caption = g_strdup_printf ("%d×%d×%d → %d", in->h, in->w, in->c, col.shape.c);
    }
  else
    shown_caption = display_caption (col.caption, name);
  caption = gtk_label_new (shown_caption);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (caption), 0.0);
  gtk_widget_set_tooltip_text (caption, col.caption);
  gtk_box_append (GTK_BOX (col.card), caption);
  col.title = title;
  col.caption_label = caption;

  if (col.strip)
    {
      int n = col.shape.c;
      int cell = CLAMP (STRIP_PIXELS_MAX / n, STRIP_CELL_MIN, STRIP_CELL_MAX);
      GtkWidget *map = convolve_heatmap_new ();
      g_autofree char *label = g_strdup_printf (_("%s, %d values"), name, n);

      maps_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      gtk_widget_set_halign (maps_box, GTK_ALIGN_CENTER);
      /* one row per class: label the rows with the class digits */
      if (col.kind == CNN_LAYER_DENSE || col.kind == CNN_LAYER_SOFTMAX)
        if (n == net->n_classes)
          {
            col.strip_labels = make_strip_labels (n, cell);
            gtk_box_append (GTK_BOX (maps_box), col.strip_labels);
          }

      gtk_widget_set_valign (map, GTK_ALIGN_START);
      gtk_accessible_update_property (GTK_ACCESSIBLE (map),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      if (col.kind == CNN_LAYER_FLATTEN)
        gtk_widget_set_tooltip_text (maps_box,
                                     _("The last feature maps laid out as one list of "
                                       "numbers, position by position: the dense layer "
                                       "sees this vector"));
      g_object_set_data (G_OBJECT (map), "trace-layer", GINT_TO_POINTER (layer));
      g_object_set_data (G_OBJECT (map), "trace-channel", GINT_TO_POINTER (0));
      g_signal_connect (map, "cell-activated", G_CALLBACK (on_cell_activated), self);
      gtk_box_append (GTK_BOX (maps_box), map);
      g_ptr_array_add (col.maps, map);
      apply_strip (&col, cell);
    }
  else
    {
      gboolean clickable = layer >= 0 && (col.kind == CNN_LAYER_CONV ||
                                          col.kind == CNN_LAYER_RELU);

      maps_box = col.maps_grid = gtk_grid_new ();
      gtk_grid_set_row_spacing (GTK_GRID (maps_box), MAP_SPACING);
      gtk_grid_set_column_spacing (GTK_GRID (maps_box), MAP_SPACING);
      gtk_widget_set_halign (maps_box, GTK_ALIGN_CENTER);
      for (int c = 0; c < col.shape.c; c++)
        {
          GtkWidget *map = convolve_heatmap_new ();
          g_autofree char *label = NULL;

          if (layer < 0)
            label = g_strdup (_("input drawing"));
          else
            label = g_strdup_printf (_("%s, feature map %d"), name, c + 1);
          gtk_accessible_update_property (GTK_ACCESSIBLE (map),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
          g_object_set_data (G_OBJECT (map), "trace-layer", GINT_TO_POINTER (layer));
          g_object_set_data (G_OBJECT (map), "trace-channel", GINT_TO_POINTER (c));
          g_signal_connect (map, "cell-activated", G_CALLBACK (on_cell_activated), self);
          if (clickable)
            {
              gtk_widget_set_cursor_from_name (map, "pointer");
              gtk_widget_add_css_class (map, "clickable-map");
            }
          g_ptr_array_add (col.maps, map);
        }
      per_row = maps_per_row (col.shape.c, MAX (col.shape.h, col.shape.w),
                              self->height_hint);
      apply_maps (&col, per_row, compact_cell (&col, per_row));
    }
  col.maps_box = maps_box;
  gtk_box_append (GTK_BOX (col.card), maps_box);

  col.legend = convolve_legend_new (col.scale, legend_title);
  convolve_legend_set_compact (CONVOLVE_LEGEND (col.legend), TRUE);
  if (col.fixed_range > 0)
    convolve_legend_set_range (CONVOLVE_LEGEND (col.legend), col.fixed_range);
  gtk_widget_set_vexpand (col.legend, FALSE);
  gtk_box_append (GTK_BOX (col.card), col.legend);

  if (layer < 0)
    {
      self->saliency_box = make_saliency_box (self, col.shape.h, col.shape.w);
      gtk_box_append (GTK_BOX (col.card), self->saliency_box);
    }

  gtk_widget_set_parent (col.card, GTK_WIDGET (self));
  g_array_append_val (self->columns, col);
}

void
convolve_trace_view_set_net (ConvolveTraceView *self,
                             const CnnNet      *net)
{
  g_return_if_fail (CONVOLVE_IS_TRACE_VIEW (self));

  g_array_set_size (self->columns, 0);
  self->saliency_box = NULL;
  self->saliency_map = NULL;
  if (net == NULL)
    return;

  build_column (self, net, -1);
  for (int i = 0; i < net->n_layers; i++)
    build_column (self, net, i);
  relayout (self);
}

void
convolve_trace_view_update (ConvolveTraceView *self,
                            CnnWorkspace      *ws)
{
  g_return_if_fail (CONVOLVE_IS_TRACE_VIEW (self));
  g_return_if_fail (ws != NULL);

  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *col = &g_array_index (self->columns, Column, i);
      const float *values = col->layer < 0 ? cnn_workspace_input (ws)
                                           : cnn_workspace_output (ws, col->layer);
      gsize n = cnn_shape_size (col->shape);
      /* one range for the whole column, so its maps compare at a glance */
      float range = col->fixed_range > 0 ? col->fixed_range
                                         : convolve_colormap_range (col->scale, values, n);

      if (col->strip)
        {
          ConvolveHeatmap *map = g_ptr_array_index (col->maps, 0);

          convolve_heatmap_set_scale (map, col->scale, range);
          convolve_heatmap_set_data (map, values, col->shape.c, 1, 1);
        }
      else
        {
          for (int c = 0; c < col->shape.c; c++)
            {
              ConvolveHeatmap *map = g_ptr_array_index (col->maps, c);

              convolve_heatmap_set_scale (map, col->scale, range);
              convolve_heatmap_set_data (map, values + c, col->shape.h, col->shape.w,
                                         col->shape.c);
            }
        }
      if (col->fixed_range <= 0)
        convolve_legend_set_range (CONVOLVE_LEGEND (col->legend), range);
    }
}

int
convolve_trace_view_get_n_columns (ConvolveTraceView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRACE_VIEW (self), 0);
  return (int) self->columns->len;
}

static Column *
get_column (ConvolveTraceView *self,
            int                column)
{
  if (column < 0 || column >= (int) self->columns->len)
    return NULL;
  return &g_array_index (self->columns, Column, column);
}

int
convolve_trace_view_get_column_layer (ConvolveTraceView *self,
                                      int                column)
{
  Column *col;

  g_return_val_if_fail (CONVOLVE_IS_TRACE_VIEW (self), -2);
  col = get_column (self, column);
  g_return_val_if_fail (col != NULL, -2);
  return col->layer;
}

const char *
convolve_trace_view_get_caption (ConvolveTraceView *self,
                                 int                column)
{
  Column *col;

  g_return_val_if_fail (CONVOLVE_IS_TRACE_VIEW (self), NULL);
  col = get_column (self, column);
  g_return_val_if_fail (col != NULL, NULL);
  return col->caption;
}

int
convolve_trace_view_get_n_maps (ConvolveTraceView *self,
                                int                column)
{
  Column *col;

  g_return_val_if_fail (CONVOLVE_IS_TRACE_VIEW (self), 0);
  col = get_column (self, column);
  g_return_val_if_fail (col != NULL, 0);
  return (int) col->maps->len;
}

ConvolveHeatmap *
convolve_trace_view_get_map (ConvolveTraceView *self,
                             int                column,
                             int                channel)
{
  Column *col;

  g_return_val_if_fail (CONVOLVE_IS_TRACE_VIEW (self), NULL);
  col = get_column (self, column);
  g_return_val_if_fail (col != NULL, NULL);
  g_return_val_if_fail (channel >= 0 && channel < (int) col->maps->len, NULL);
  return g_ptr_array_index (col->maps, channel);
}

void
convolve_trace_view_set_saliency (ConvolveTraceView *self,
                                  const float       *values)
{
  g_return_if_fail (CONVOLVE_IS_TRACE_VIEW (self));

  if (self->saliency_box == NULL)
    return;
  if (values != NULL)
    {
      int rows = convolve_heatmap_get_rows (self->saliency_map);
      int cols = convolve_heatmap_get_cols (self->saliency_map);

      convolve_heatmap_set_data (self->saliency_map, values, rows, cols, 1);
    }
  gtk_widget_set_visible (self->saliency_box, values != NULL);
}

ConvolveHeatmap *
convolve_trace_view_get_saliency_map (ConvolveTraceView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRACE_VIEW (self), NULL);

  if (self->saliency_box == NULL || !gtk_widget_get_visible (self->saliency_box))
    return NULL;
  return self->saliency_map;
}

/* The saliency map is drawn like the input */
static void
sync_saliency_cell (ConvolveTraceView *self)
{
  Column *input = self->columns->len > 0 ? &g_array_index (self->columns, Column, 0) : NULL;

  if (self->saliency_map != NULL && input != NULL && input->layer < 0)
    convolve_heatmap_set_cell_size (self->saliency_map, input->cell);
}

/* Short or narrow: 84 or 108 px of maps a column (see maps_per_row) */
static void
layout_compact (ConvolveTraceView *self)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *col = &g_array_index (self->columns, Column, i);
      int per_row;

      if (col->strip)
        {
          apply_strip (col, CLAMP (STRIP_PIXELS_MAX / col->shape.c,
                                   STRIP_CELL_MIN, STRIP_CELL_MAX));
          continue;
        }
      per_row = maps_per_row (col->shape.c, MAX (col->shape.h, col->shape.w),
                              self->height_hint);
      apply_maps (col, per_row, compact_cell (col, per_row));
    }
}

/* What a column takes besides its maps, measured (fonts vary): its height
 * (chrome_h) and the width its title, caption and legend need anyway
 * (text_w), which maps may then fill for free. Returns the trace's own
 * vertical padding. */
static int
measure_chrome (ConvolveTraceView *self,
                int               *chrome_h,
                int               *text_w)
{
  int tallest = 0, trace_h;

  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *col = &g_array_index (self->columns, Column, i);
      GtkWidget *texts[] = { col->title, col->caption_label, col->legend };
      int card_h, maps_h;

      gtk_widget_measure (col->card, GTK_ORIENTATION_VERTICAL, -1, NULL, &card_h, NULL, NULL);
      gtk_widget_measure (col->maps_box, GTK_ORIENTATION_VERTICAL, -1, NULL, &maps_h,
                          NULL, NULL);
      chrome_h[i] = card_h - maps_h;
      tallest = MAX (tallest, card_h);
      text_w[i] = 0;
      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        {
          int w;

          gtk_widget_measure (texts[t], GTK_ORIENTATION_HORIZONTAL, -1, NULL, &w, NULL, NULL);
          text_w[i] = MAX (text_w[i], w);
        }
    }
  gtk_widget_measure (GTK_WIDGET (self), GTK_ORIENTATION_VERTICAL, -1, NULL, &trace_h,
                      NULL, NULL);
  return MAX (trace_h - tallest, 0);
}

/* Roomy: every map at least base px a side, each column at most
 * ROOMY_ROWS rows (16 maps: 8 rows of two; 8 maps: one a row). Columns of
 * several maps a row grow up to their caption's width (which costs no
 * width) if the height allows; those of one map a row, all alike, towards
 * filling the height, up to one px (or their captions' width). Strips as
 * tall as the tallest maps. FALSE when some column does not fit height px
 * at base. */
static gboolean
layout_roomy (ConvolveTraceView *self,
              int                base,
              int                one,
              int                height,
              const int         *chrome_h,
              const int         *text_w)
{
  guint n_columns = self->columns->len;
  g_autofree int *per_row = g_new0 (int, n_columns);
  g_autofree int *fit = g_new0 (int, n_columns);
  gboolean fits = TRUE;
  int tallest = 0, filled = MAP_PIXELS_MAX, one_free = MAP_PIXELS_MAX;

  for (guint i = 0; i < n_columns; i++)
    {
      Column *col = &g_array_index (self->columns, Column, i);
      int n = col->shape.c, room = height - chrome_h[i], rows;

      if (col->strip)
        continue;
      for (per_row[i] = 1; (n + per_row[i] - 1) / per_row[i] > ROOMY_ROWS; per_row[i] *= 2)
        ;
      rows = (n + per_row[i] - 1) / per_row[i];
      fit[i] = (room - (rows - 1) * MAP_SPACING) / rows;
      if (fit[i] < base)
        fits = FALSE;
      /* one size for all the one-a-row columns, so they line up */
      if (per_row[i] == 1 && n > 1)
        {
          filled = MIN (filled, fit[i]);
          one_free = MIN (one_free, text_w[i]);
        }
    }

  for (guint i = 0; i < n_columns; i++)
    {
      Column *col = &g_array_index (self->columns, Column, i);
      int n = col->shape.c, side = MAX (col->shape.h, col->shape.w);
      int rows, free_w, size, cell;

      if (col->strip)
        continue;
      rows = (n + per_row[i] - 1) / per_row[i];
      free_w = (text_w[i] - (per_row[i] - 1) * MAP_SPACING) / per_row[i];
      if (per_row[i] == 1)
        size = MIN (MIN (filled, fit[i]), MAX (one, one_free));
      else
        size = MIN (fit[i], free_w);
      size = CLAMP (size, base, MAP_PIXELS_MAX);
      if (col->layer < 0)
        cell = MAX (INPUT_CELL, size / side);
      else
        cell = CLAMP (size / side, 4, MAX (MAP_CELL_MAX, size / 4));
      apply_maps (col, per_row[i], cell);
      tallest = MAX (tallest, rows * cell * side + (rows - 1) * MAP_SPACING);
    }

  for (guint i = 0; i < n_columns; i++)
    {
      Column *col = &g_array_index (self->columns, Column, i);
      int pixels = MIN (MAX (STRIP_PIXELS_MAX, tallest), height - chrome_h[i]);

      if (col->strip)
        apply_strip (col, CLAMP (pixels / col->shape.c, STRIP_CELL_MIN,
                                 MAX (STRIP_CELL_MAX, base / 3)));
    }
  return fits;
}

static gboolean
try_roomy (ConvolveTraceView *self,
           int                base,
           int                one,
           int                height,
           const int         *chrome_h,
           const int         *text_w)
{
  int width;

  if (!layout_roomy (self, base, one, height, chrome_h, text_w))
    return FALSE;
  gtk_widget_measure (GTK_WIDGET (self), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width,
                      NULL, NULL);
  return width <= self->width_avail;
}

/* The largest size in lo..hi (lo fitting) for which the trace fits: of
 * all maps (grow_base), else of the one-a-row maps with the others at the
 * compact size */
static int
bisect (ConvolveTraceView *self,
        int                lo,
        int                hi,
        gboolean           grow_base,
        int                height,
        const int         *chrome_h,
        const int         *text_w)
{
  hi++;
  while (hi - lo > 1)
    {
      int mid = (lo + hi) / 2;
      gboolean fits = grow_base
        ? try_roomy (self, mid, ONE_FOR_BASE (mid), height, chrome_h, text_w)
        : try_roomy (self, MAP_PIXELS_COMPACT, mid, height, chrome_h, text_w);

      if (fits)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/* Sizes the maps for the viewport (height_hint × width_avail). When the
 * whole trace fits its width even in the roomy layout, the largest maps
 * that still fit both ways; otherwise the compact layout, scrolling.
 * A few trial layouts, measured: only ever on a size change. */
static void
relayout (ConvolveTraceView *self)
{
  g_autofree int *chrome_h = NULL;
  g_autofree int *text_w = NULL;
  int height, base, one;

  if (self->columns->len == 0)
    return;
  if (self->height_hint <= 0 || self->width_avail <= 0)
    {
      layout_compact (self);
      sync_saliency_cell (self);
      return;
    }

  chrome_h = g_new (int, self->columns->len);
  text_w = g_new (int, self->columns->len);
  height = self->height_hint - measure_chrome (self, chrome_h, text_w);
  /* All maps grow alike, as long as the trace fits the width, columns of
   * one map a row about as wide as those of two (one = 2 base): bisect, the
   * fit being monotonic in the size. Too narrow for that even at the
   * compact size, only the one-a-row maps grow, as far as the width
   * allows. */
  if (try_roomy (self, MAP_PIXELS_COMPACT, ONE_FOR_BASE (MAP_PIXELS_COMPACT),
                 height, chrome_h, text_w))
    {
      base = bisect (self, MAP_PIXELS_COMPACT, MAP_PIXELS_MAX, TRUE, height, chrome_h, text_w);
      one = ONE_FOR_BASE (base);
    }
  else if (try_roomy (self, MAP_PIXELS_COMPACT, 0, height, chrome_h, text_w))
    {
      base = MAP_PIXELS_COMPACT;
      one = bisect (self, 0, ONE_FOR_BASE (MAP_PIXELS_COMPACT), FALSE,
                    height, chrome_h, text_w);
    }
  else
    {
      layout_compact (self);
      sync_saliency_cell (self);
      return;
    }
  layout_roomy (self, base, one, height, chrome_h, text_w);
  sync_saliency_cell (self);
}

static gboolean
relayout_tick_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  ConvolveTraceView *self = CONVOLVE_TRACE_VIEW (widget);

  self->relayout_tick = 0;
  relayout (self);
  return G_SOURCE_REMOVE;
}

/* New sizes usually arrive while the scrolled window is being allocated:
 * re-attaching or resizing maps then would leave them unallocated for this
 * frame. Realized, re-layout before the next one; unrealized (tests), now.
 * The layout depends only on the viewport's size, which does not depend on
 * it: no feedback. */
static void
queue_relayout (ConvolveTraceView *self)
{
  if (gtk_widget_get_realized (GTK_WIDGET (self)))
    {
      if (self->relayout_tick == 0)
        self->relayout_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self),
                                                            relayout_tick_cb,
                                                            NULL, NULL);
      return;
    }
  relayout (self);
}

void
convolve_trace_view_set_height_hint (ConvolveTraceView *self,
                                     int                height)
{
  g_return_if_fail (CONVOLVE_IS_TRACE_VIEW (self));

  height = MAX (height, 0);
  if (height == self->height_hint)
    return;

  self->height_hint = height;
  queue_relayout (self);
}

/* The width the maps may take: the enclosing scrolled window's page */
static void
on_page_width (ConvolveTraceView *self)
{
  int width = self->hadjustment != NULL ? (int) gtk_adjustment_get_page_size (self->hadjustment)
                                        : 0;

  if (width == self->width_avail)
    return;
  self->width_avail = width;
  queue_relayout (self);
}

static void
convolve_trace_view_realize (GtkWidget *widget)
{
  ConvolveTraceView *self = CONVOLVE_TRACE_VIEW (widget);
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);

  GTK_WIDGET_CLASS (convolve_trace_view_parent_class)->realize (widget);

  if (scroller != NULL)
    {
      self->hadjustment =
        g_object_ref (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller)));
      self->page_width_id = g_signal_connect_swapped (self->hadjustment, "notify::page-size",
                                                      G_CALLBACK (on_page_width), self);
    }
}

static void
convolve_trace_view_unrealize (GtkWidget *widget)
{
  ConvolveTraceView *self = CONVOLVE_TRACE_VIEW (widget);

  if (self->hadjustment != NULL)
    g_clear_signal_handler (&self->page_width_id, self->hadjustment);
  g_clear_object (&self->hadjustment);
  self->width_avail = 0;

  GTK_WIDGET_CLASS (convolve_trace_view_parent_class)->unrealize (widget);
}

int
convolve_trace_view_get_maps_per_row (ConvolveTraceView *self,
                                      int                column)
{
  Column *col;

  g_return_val_if_fail (CONVOLVE_IS_TRACE_VIEW (self), 0);
  col = get_column (self, column);
  g_return_val_if_fail (col != NULL, 0);
  return col->strip ? 1 : col->per_row;
}

static void
convolve_trace_view_dispose (GObject *object)
{
  ConvolveTraceView *self = CONVOLVE_TRACE_VIEW (object);

  if (self->relayout_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->relayout_tick);
  self->relayout_tick = 0;
  if (self->hadjustment != NULL)
    g_clear_signal_handler (&self->page_width_id, self->hadjustment);
  g_clear_object (&self->hadjustment);
  g_clear_pointer (&self->columns, g_array_unref);
  self->saliency_box = NULL;
  self->saliency_map = NULL;

  G_OBJECT_CLASS (convolve_trace_view_parent_class)->dispose (object);
}

static void
convolve_trace_view_class_init (ConvolveTraceViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = convolve_trace_view_dispose;
  widget_class->realize = convolve_trace_view_realize;
  widget_class->unrealize = convolve_trace_view_unrealize;

  signals[MAP_ACTIVATED] =
    g_signal_new ("map-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "traceview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
convolve_trace_view_init (ConvolveTraceView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_HORIZONTAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  self->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_array_set_clear_func (self->columns, column_clear);
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
