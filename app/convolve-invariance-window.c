/* convolve-invariance-window.c — 25 shifts of the input, one taken apart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything is computed here from the session's input, on each of its
 * "changed": 25 forward passes for the grid, 2 for the shift taken apart
 * and 25 through the dense-only network, some 50 µs — then only numbers
 * and texts change, and GTK lays the window out once a frame whatever
 * their number.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "convolve-invariance-window.h"
#include "convolve-layer-card.h"
#include "convolve-legend.h"

#define DENSE_ONLY_MODEL "/io/github/convolve/Convolve/models/dense-only.cnvm"
#define CENTRE (CNN_N_SHIFTS / 2)
#define IMAGE_CELL 5       /* px: a grid image is 40 px */
#define MAPS_WIDTH 360     /* px a row of maps may take */
#define MAP_PX 40          /* px a map is at most wide */
#define MAP_GAP 4

typedef struct
{
  GtkWidget *widget;        /* GtkToggleButton (the network's), GtkBox (dense-only) */
  ConvolveHeatmap *image;   /* the network's grid only */
  GtkLabel *answer;
} Cell;

/* One row taken apart: a layer's output, original over shifted */
typedef struct
{
  int layer;                /* whose output, −1: the input */
  gboolean vector;          /* the flattened vector, one strip */
  CnnShape shape;           /* of the values shown */
  ConvolveScale scale;
  int change;               /* its index in change[], −1: none */
  GPtrArray *maps[2];       /* ConvolveHeatmap: original, shifted */
  GtkLabel *caption;        /* "8×8×8 · changed by 0.83" */
  GtkWidget *legend;
} Row;

struct _ConvolveInvarianceWindow
{
  AdwWindow parent_instance;

  /* template children */
  AdwWindowTitle *window_title;
  GtkMenuButton *help_button;
  GtkGrid *net_grid;
  GtkGrid *dense_grid;
  GtkLabel *net_summary;
  GtkLabel *dense_summary;
  GtkLabel *why_heading;
  GtkLabel *note;
  GtkBox *layers_box;
  GtkGrid *change_grid;

  ConvolveSession *session;
  CnnNet *net;              /* the session's, which the workspaces were made for */
  CnnWorkspace *grid_ws;
  CnnWorkspace *original;
  CnnWorkspace *shifted;
  float *change;            /* [net->n_layers] */
  CnnNet *dense;            /* the shipped dense-only network; NULL: it did not load */
  CnnWorkspace *dense_ws;

  int dx, dy;
  CnnShiftResult results[CNN_N_SHIFTS];
  CnnShiftResult dense_results[CNN_N_SHIFTS];
  Cell cells[CNN_N_SHIFTS];
  Cell dense_cells[CNN_N_SHIFTS];
  GArray *rows;             /* Row */
  GPtrArray *bars;          /* GtkLevelBar per layer */
  GPtrArray *bar_values;    /* GtkLabel per layer */
};

G_DEFINE_FINAL_TYPE (ConvolveInvarianceWindow, convolve_invariance_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- words ---- */

/* "shifted 1 right, 2 up", "not shifted" */
static char *
describe_shift (int dx,
                int dy)
{
  g_autofree char *across = NULL;
  g_autofree char *down = NULL;

  if (dx == 0 && dy == 0)
    return g_strdup (_("not shifted"));
  /* Translators: parts of "shifted 1 right, 2 up", in cells */
  if (dx != 0)
    across = g_strdup_printf (dx > 0 ? _("%d right") : _("%d left"), ABS (dx));
  if (dy != 0)
    down = g_strdup_printf (dy > 0 ? _("%d down") : _("%d up"), ABS (dy));
  if (across != NULL && down != NULL)
    /* Translators: "shifted 1 right, 2 up" */
    return g_strdup_printf (_("shifted %s, %s"), across, down);
  /* Translators: "shifted 1 right" */
  return g_strdup_printf (_("shifted %s"), across != NULL ? across : down);
}

/* A relative change for people: two decimals, ∞ when the original was 0 */
static char *
format_change (float v)
{
  char buf[32];

  if (isinf (v))
    return g_strdup ("∞");
  return g_strdup (convolve_format_number (v, 2, buf, sizeof buf));
}

/* ---- the grids ---- */

static void
on_cell_toggled (GtkToggleButton          *button,
                 ConvolveInvarianceWindow *self)
{
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "shift-index"));

  if (gtk_toggle_button_get_active (button))
    convolve_invariance_window_set_shift (self, cnn_shift_dx (index), cnn_shift_dy (index));
}

static void
add_headers (GtkGrid *grid)
{
  for (int i = 0; i < CNN_SHIFT_SIDE; i++)
    {
      int d = i - CNN_SHIFT_RANGE;
      /* a real minus sign, and + for the other way */
      g_autofree char *text = d < 0 ? g_strdup_printf ("−%d", -d)
                              : d > 0 ? g_strdup_printf ("+%d", d) : g_strdup ("0");
      GtkWidget *top = gtk_label_new (text);
      GtkWidget *left = gtk_label_new (text);

      gtk_widget_add_css_class (top, "dim-label");
      gtk_widget_add_css_class (top, "caption");
      gtk_widget_add_css_class (left, "dim-label");
      gtk_widget_add_css_class (left, "caption");
      gtk_label_set_xalign (GTK_LABEL (left), 1.0f);
      gtk_widget_set_margin_end (left, 4);
      gtk_grid_attach (grid, top, i + 1, 0, 1, 1);
      gtk_grid_attach (grid, left, 0, i + 1, 1, 1);
    }
}

static void
build_grids (ConvolveInvarianceWindow *self)
{
  GtkToggleButton *group = NULL;
  float blank[CNN_INPUT_SIZE] = { 0 };

  add_headers (self->net_grid);
  add_headers (self->dense_grid);
  for (int i = 0; i < CNN_N_SHIFTS; i++)
    {
      int column = cnn_shift_dx (i) + CNN_SHIFT_RANGE + 1, row = cnn_shift_dy (i) + CNN_SHIFT_RANGE + 1;
      Cell *cell = &self->cells[i];
      Cell *dense = &self->dense_cells[i];
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *image = convolve_heatmap_new ();
      GtkWidget *answer = gtk_label_new ("–");

      /* the network's: a shifted image over its answer, a button that
       * takes the shift apart */
      cell->widget = gtk_toggle_button_new ();
      gtk_widget_add_css_class (cell->widget, "shift-cell");
      if (i == CENTRE)
        gtk_widget_add_css_class (cell->widget, "shift-origin");
      gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (cell->widget), group);
      group = group != NULL ? group : GTK_TOGGLE_BUTTON (cell->widget);
      g_object_set_data (G_OBJECT (cell->widget), "shift-index", GINT_TO_POINTER (i));
      convolve_heatmap_set_cell_size (CONVOLVE_HEATMAP (image), IMAGE_CELL);
      /* a scrolled window gives its child no more than its minimum height
       * when it is short: the images keep their size, and it scrolls */
      gtk_widget_set_size_request (image, CNN_INPUT_W * IMAGE_CELL, CNN_INPUT_H * IMAGE_CELL);
      convolve_heatmap_set_scale (CONVOLVE_HEATMAP (image), CONVOLVE_SCALE_SEQUENTIAL, 1.0f);
      convolve_heatmap_set_data (CONVOLVE_HEATMAP (image), blank, CNN_INPUT_H, CNN_INPUT_W, 1);
      gtk_widget_set_halign (image, GTK_ALIGN_CENTER);
      /* the button says it all to a screen reader */
      gtk_accessible_update_state (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      gtk_widget_set_can_target (image, FALSE);
      gtk_widget_add_css_class (answer, "shift-answer");
      gtk_widget_add_css_class (answer, "numeric");
      gtk_label_set_width_chars (GTK_LABEL (answer), 8);
      gtk_box_append (GTK_BOX (box), image);
      gtk_box_append (GTK_BOX (box), answer);
      gtk_button_set_child (GTK_BUTTON (cell->widget), box);
      g_signal_connect (cell->widget, "toggled", G_CALLBACK (on_cell_toggled), self);
      cell->image = CONVOLVE_HEATMAP (image);
      cell->answer = GTK_LABEL (answer);
      gtk_grid_attach (self->net_grid, cell->widget, column, row, 1, 1);

      /* the dense-only network's: its answer only (the images are the same) */
      dense->widget = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      dense->answer = GTK_LABEL (gtk_label_new ("–"));
      gtk_widget_add_css_class (dense->widget, "shift-cell");
      if (i == CENTRE)
        gtk_widget_add_css_class (dense->widget, "shift-origin");
      gtk_widget_add_css_class (GTK_WIDGET (dense->answer), "shift-answer");
      gtk_widget_add_css_class (GTK_WIDGET (dense->answer), "numeric");
      gtk_label_set_width_chars (dense->answer, 8);
      gtk_box_append (GTK_BOX (dense->widget), GTK_WIDGET (dense->answer));
      gtk_grid_attach (self->dense_grid, dense->widget, column, row, 1, 1);
    }
}

/* One grid's answers, marked by agreement with the centre's: a mark and a
 * tint, blue for the same answer and orange for another (they stay apart
 * for red-green colour blindness; the marks say it without colour). */
static void
show_grid (Cell                 *cells,
           const CnnShiftResult *results,
           gboolean              empty,
           const char           *who,
           GtkLabel             *summary)
{
  int reference = results[CENTRE].predicted;
  int same = 0;

  for (int i = 0; i < CNN_N_SHIFTS; i++)
    {
      const CnnShiftResult *r = &results[i];
      Cell *cell = &cells[i];
      gboolean agrees = r->predicted == reference;
      g_autofree char *text = NULL;
      g_autofree char *where = describe_shift (r->dx, r->dy);
      g_autofree char *name = NULL;
      const char *mark = i == CENTRE ? "" : agrees ? "✓ " : "✗ ";

      if (cell->image != NULL)
        convolve_heatmap_set_data (cell->image, r->input, CNN_INPUT_H, CNN_INPUT_W, 1);
      gtk_widget_remove_css_class (cell->widget, "shift-same");
      gtk_widget_remove_css_class (cell->widget, "shift-differs");
      if (empty)
        {
          gtk_label_set_text (cell->answer, "–");
          /* Translators: a grid cell's name with nothing drawn, "shifted 1 right: nothing drawn" */
          name = g_strdup_printf (_("%s: nothing drawn"), where);
        }
      else
        {
          double percent = 100.0 * r->confidence;

          /* Translators: a grid cell's answer, "✓ 7 · 93 %": the mark, the class, its probability */
          text = g_strdup_printf (_("%s%d · %.0f %%"), mark, r->predicted, percent);
          gtk_label_set_text (cell->answer, text);
          gtk_widget_add_css_class (cell->widget, agrees ? "shift-same" : "shift-differs");
          if (i == CENTRE)
            /* Translators: the centre cell's name, "not shifted: 7, 93 %" */
            name = g_strdup_printf (_("%s: %d, %.0f %%"), where, r->predicted, percent);
          else if (agrees)
            /* Translators: "shifted 1 right, 2 up: 7, 93 %, the same answer" */
            name = g_strdup_printf (_("%s: %d, %.0f %%, the same answer"), where, r->predicted, percent);
          else
            /* Translators: "shifted 1 right, 2 up: 4, 51 %, another answer" */
            name = g_strdup_printf (_("%s: %d, %.0f %%, another answer"), where, r->predicted, percent);
          same += i != CENTRE && agrees;
        }
      if (who != NULL)
        {
          /* Translators: a dense-only grid cell's name: the network, then the cell's */
          g_autofree char *full = g_strdup_printf (_("%s, %s"), who, name);

          g_free (name);
          name = g_steal_pointer (&full);
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (cell->widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
    }

  if (empty)
    gtk_label_set_text (summary, _("Draw a digit to see it shifted."));
  else
    {
      /* Translators: under a grid of 25 shifts: how many of the 24 shifted
       * drawings get the answer of the one in the middle */
      g_autofree char *text = g_strdup_printf (_("The same answer for %d of the 24 shifted drawings."),
                                               same);

      gtk_label_set_text (summary, text);
    }
}

/* ---- the shift taken apart ---- */

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_clear_pointer (&row->maps[0], g_ptr_array_unref);
  g_clear_pointer (&row->maps[1], g_ptr_array_unref);
}

static void
remove_children (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)) != NULL)
    {
      if (GTK_IS_BOX (parent))
        gtk_box_remove (GTK_BOX (parent), child);
      else
        gtk_grid_remove (GTK_GRID (parent), child);
    }
}

/* "conv 1", "flatten"; the vector a dense layer reads by itself */
static char *
row_title (const CnnNet *net,
           const Row    *row)
{
  int f = cnn_net_flatten_layer (net);

  if (row->vector && (f < 0 || net->layers[f].kind != CNN_LAYER_FLATTEN))
    return g_strdup (_("the vector dense reads"));
  if (row->vector)
    return convolve_layer_card_stage_name (net, f);
  return convolve_layer_card_stage_name (net, row->layer);
}

static void
add_row (ConvolveInvarianceWindow *self,
         int                       layer,
         gboolean                  vector)
{
  const CnnNet *net = self->net;
  Row row = { .layer = layer, .vector = vector, .change = -1 };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *grid = gtk_grid_new ();
  g_autofree char *title_text = NULL;
  GtkWidget *title;
  CnnShape shape = layer < 0 ? net->input : net->layers[layer].out;
  int n, cell;

  row.scale = layer >= 0 && (net->layers[layer].kind == CNN_LAYER_CONV
                             || net->layers[layer].kind == CNN_LAYER_DENSE)
              ? CONVOLVE_SCALE_DIVERGING : CONVOLVE_SCALE_SEQUENTIAL;
  if (vector)
    {
      int f = cnn_net_flatten_layer (net);

      row.shape = (CnnShape) { 1, (int) cnn_shape_size (shape), 1 };
      /* flatten's own output changes exactly as its input */
      row.change = net->layers[f].kind == CNN_LAYER_FLATTEN ? f : layer;
    }
  else
    {
      row.shape = shape;
      row.change = layer;
    }
  n = vector ? 1 : row.shape.c;
  /* as large as a row of them fits MAPS_WIDTH, 2..8 px a cell */
  cell = (MAPS_WIDTH - (n - 1) * MAP_GAP) / MAX (n * row.shape.w, 1);
  if (!vector)
    cell = MIN (cell, MAP_PX / MAX (row.shape.h, row.shape.w));
  cell = CLAMP (cell, 2, 8);

  title_text = row_title (net, &row);
  title = gtk_label_new (title_text);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (top), title);
  row.caption = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (row.caption), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (row.caption), "numeric");
  gtk_label_set_xalign (row.caption, 0.0f);
  gtk_widget_set_hexpand (GTK_WIDGET (row.caption), TRUE);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (row.caption));
  row.legend = convolve_legend_new (row.scale, row.scale == CONVOLVE_SCALE_DIVERGING ? _("value")
                                                                                     : _("activation"));
  convolve_legend_set_compact (CONVOLVE_LEGEND (row.legend), TRUE);
  convolve_legend_set_title_visible (CONVOLVE_LEGEND (row.legend), FALSE);
  gtk_widget_set_size_request (row.legend, 140, -1);
  gtk_box_append (GTK_BOX (top), row.legend);
  gtk_box_append (GTK_BOX (box), top);

  gtk_grid_set_row_spacing (GTK_GRID (grid), MAP_GAP);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  for (int s = 0; s < 2; s++)
    {
      /* the heading says which shift */
      GtkWidget *label = gtk_label_new (s == 0 ? _("original") : _("shifted"));
      GtkWidget *maps = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, MAP_GAP);

      gtk_widget_add_css_class (label, "caption");
      gtk_label_set_xalign (GTK_LABEL (label), 1.0f);
      gtk_label_set_width_chars (GTK_LABEL (label), 8);
      row.maps[s] = g_ptr_array_new_with_free_func (g_object_unref);
      for (int c = 0; c < n; c++)
        {
          GtkWidget *map = convolve_heatmap_new ();
          g_autofree char *name = NULL;

          convolve_heatmap_set_cell_size (CONVOLVE_HEATMAP (map), cell);
          gtk_widget_set_size_request (map, row.shape.w * cell, row.shape.h * cell);
          gtk_widget_set_valign (map, GTK_ALIGN_CENTER);
          if (vector)
            /* Translators: "flatten, original" / "flatten, shifted 1 right" */
            name = g_strdup_printf (_("%s, %s"), title_text, s == 0 ? _("original") : _("shifted"));
          else
            /* Translators: "conv 1, map 3, original" */
            name = g_strdup_printf (_("%s, map %d, %s"), title_text, c + 1,
                                    s == 0 ? _("original") : _("shifted"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (map), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
          gtk_box_append (GTK_BOX (maps), map);
          g_ptr_array_add (row.maps[s], g_object_ref (map));
        }
      gtk_grid_attach (GTK_GRID (grid), label, 0, s, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), maps, 1, s, 1, 1);
    }
  gtk_box_append (GTK_BOX (box), grid);
  gtk_box_append (self->layers_box, box);
  g_array_append_val (self->rows, row);
}

/* Rows of maps and bars for the network: conv 1 when the first layer is
 * one, every max-pool, the flattened vector; a bar per layer */
static void
build_layers (ConvolveInvarianceWindow *self)
{
  const CnnNet *net = self->net;
  int f;

  remove_children (GTK_WIDGET (self->layers_box));
  remove_children (GTK_WIDGET (self->change_grid));
  g_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->bars, 0);
  g_ptr_array_set_size (self->bar_values, 0);
  if (net == NULL)
    return;

  if (net->layers[0].kind == CNN_LAYER_CONV)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->note), FALSE);
      add_row (self, 0, FALSE);
    }
  else
    {
      gtk_label_set_text (self->note,
                          _("This network’s first layer is not a convolution, so it has no "
                            "feature maps that shift with the input. Shown below is what it "
                            "has: each layer’s output for the original and the shifted "
                            "input, and how much each changed."));
      gtk_widget_set_visible (GTK_WIDGET (self->note), TRUE);
    }
  for (int i = 0; i < net->n_layers; i++)
    if (net->layers[i].kind == CNN_LAYER_POOL)
      add_row (self, i, FALSE);
  f = cnn_net_flatten_layer (net);
  if (f >= 0)
    add_row (self, f - 1, TRUE);

  for (int i = 0; i < net->n_layers; i++)
    {
      g_autofree char *name = net->layers[i].kind == CNN_LAYER_SOFTMAX
                              ? g_strdup (_("probabilities"))
                              : convolve_layer_card_stage_name (net, i);
      GtkWidget *label = gtk_label_new (name);
      GtkWidget *bar = gtk_level_bar_new ();
      GtkWidget *value = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_widget_add_css_class (label, "caption");
      /* one colour: the level bar's low/high/full offsets would colour
       * a large change as if it were good or bad */
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
      gtk_widget_set_hexpand (bar, TRUE);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_widget_set_size_request (bar, 160, -1);
      gtk_widget_add_css_class (bar, "change-bar");
      gtk_label_set_xalign (GTK_LABEL (value), 1.0f);
      gtk_label_set_width_chars (GTK_LABEL (value), 5);
      gtk_widget_add_css_class (value, "caption");
      gtk_widget_add_css_class (value, "numeric");
      gtk_grid_attach (self->change_grid, label, 0, i, 1, 1);
      gtk_grid_attach (self->change_grid, bar, 1, i, 1, 1);
      gtk_grid_attach (self->change_grid, value, 2, i, 1, 1);
      g_ptr_array_add (self->bars, bar);
      g_ptr_array_add (self->bar_values, value);
    }
}

static void
show_layers (ConvolveInvarianceWindow *self)
{
  g_autofree char *where = describe_shift (self->dx, self->dy);
  g_autofree char *heading = NULL;
  CnnActivations acts[2];
  float top = 1.0f;

  /* Translators: the heading over the maps: "Why? The input shifted 1 right, layer by layer" */
  heading = g_strdup_printf (_("Why? The input %s, layer by layer"), where);
  gtk_label_set_text (self->why_heading, heading);
  cnn_workspace_get_activations (self->original, &acts[0]);
  cnn_workspace_get_activations (self->shifted, &acts[1]);

  for (guint r = 0; r < self->rows->len; r++)
    {
      Row *row = &g_array_index (self->rows, Row, r);
      const float *v[2] = { cnn_activations_values (&acts[0], row->layer),
                            cnn_activations_values (&acts[1], row->layer) };
      gsize size = cnn_shape_size (row->shape);
      float range;
      g_autofree char *caption = NULL;
      g_autofree char *shape = row->vector ? g_strdup_printf ("%d", row->shape.w)
                               : g_strdup_printf ("%d×%d×%d", row->shape.h, row->shape.w, row->shape.c);

      /* one scale for both, so they compare cell by cell; the input's is fixed */
      range = row->layer < 0 ? 1.0f
              : MAX (convolve_colormap_range (row->scale, v[0], size),
                     convolve_colormap_range (row->scale, v[1], size));
      for (int s = 0; s < 2; s++)
        for (guint c = 0; c < row->maps[s]->len; c++)
          {
            ConvolveHeatmap *map = g_ptr_array_index (row->maps[s], c);

            convolve_heatmap_set_scale (map, row->scale, range);
            if (row->vector)
              convolve_heatmap_set_data (map, v[s], 1, row->shape.w, 1);
            else
              convolve_heatmap_set_data (map, v[s] + c, row->shape.h, row->shape.w, row->shape.c);
          }
      convolve_legend_set_range (CONVOLVE_LEGEND (row->legend), range);
      if (row->change >= 0)
        {
          g_autofree char *change = format_change (self->change[row->change]);

          /* Translators: a row's caption: its shape, then how much it changed */
          caption = g_strdup_printf (_("%s · changed by %s"), shape, change);
        }
      gtk_label_set_text (row->caption, caption != NULL ? caption : shape);
    }

  /* the bars on one scale: up to 1, or the largest finite change */
  for (int i = 0; i < self->net->n_layers; i++)
    if (isfinite (self->change[i]))
      top = MAX (top, self->change[i]);
  for (int i = 0; i < self->net->n_layers; i++)
    {
      GtkLevelBar *bar = g_ptr_array_index (self->bars, i);
      float v = self->change[i];
      g_autofree char *text = format_change (v);
      g_autofree char *name = NULL;
      g_autofree char *stage = convolve_layer_card_stage_name (self->net, i);

      gtk_level_bar_set_max_value (bar, top);
      gtk_level_bar_set_value (bar, isfinite (v) ? v : top);
      gtk_label_set_text (g_ptr_array_index (self->bar_values, i), text);
      /* Translators: a bar's name, "conv 1 changed by 0.83" */
      name = g_strdup_printf (_("%s changed by %s"), stage, text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
}

/* ---- following the session ---- */

/* Workspaces and rows for the session's network when it is another one
 * (new weights keep the network: they are written into it) */
static void
ensure_net (ConvolveInvarianceWindow *self)
{
  CnnNet *net = self->session != NULL ? convolve_session_get_net (self->session) : NULL;

  if (net == self->net)
    return;
  g_clear_pointer (&self->grid_ws, cnn_workspace_free);
  g_clear_pointer (&self->original, cnn_workspace_free);
  g_clear_pointer (&self->shifted, cnn_workspace_free);
  g_clear_pointer (&self->change, g_free);
  g_clear_pointer (&self->net, cnn_net_unref);
  if (net != NULL)
    {
      self->net = cnn_net_ref (net);
      self->grid_ws = cnn_workspace_new (net);
      self->original = cnn_workspace_new (net);
      self->shifted = cnn_workspace_new (net);
      self->change = g_new0 (float, net->n_layers);
    }
  build_layers (self);
}

static void
refresh (ConvolveInvarianceWindow *self)
{
  const float *input;
  gboolean empty;

  ensure_net (self);
  if (self->net == NULL)
    return;
  input = convolve_session_get_input (self->session);
  empty = convolve_session_get_empty (self->session);
  cnn_invariance_grid (self->net, self->grid_ws, input, self->results);
  show_grid (self->cells, self->results, empty, NULL, self->net_summary);
  if (self->dense != NULL)
    {
      cnn_invariance_grid (self->dense, self->dense_ws, input, self->dense_results);
      show_grid (self->dense_cells, self->dense_results, empty, _("network without convolutions"),
                 self->dense_summary);
    }
  cnn_shift_compare (self->net, self->original, self->shifted, input, self->dx, self->dy,
                     self->change);
  show_layers (self);
}

static void
on_title (ConvolveInvarianceWindow *self)
{
  adw_window_title_set_subtitle (self->window_title, convolve_session_get_title (self->session));
}

void
convolve_invariance_window_set_session (ConvolveInvarianceWindow *self,
                                        ConvolveSession          *session)
{
  g_return_if_fail (CONVOLVE_IS_INVARIANCE_WINDOW (self));
  g_return_if_fail (session == NULL || CONVOLVE_IS_SESSION (session));

  if (session == self->session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      /* "changed" comes first on a switch, before notify::net: refresh()
       * follows the network either way */
      g_signal_connect_swapped (session, "changed", G_CALLBACK (refresh), self);
      g_signal_connect_swapped (session, "notify::net", G_CALLBACK (refresh), self);
      g_signal_connect_swapped (session, "notify::title", G_CALLBACK (on_title), self);
      on_title (self);
    }
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

ConvolveSession *
convolve_invariance_window_get_session (ConvolveInvarianceWindow *self)
{
  g_return_val_if_fail (CONVOLVE_IS_INVARIANCE_WINDOW (self), NULL);
  return self->session;
}

void
convolve_invariance_window_set_shift (ConvolveInvarianceWindow *self,
                                      int                       dx,
                                      int                       dy)
{
  GtkToggleButton *button;

  g_return_if_fail (CONVOLVE_IS_INVARIANCE_WINDOW (self));

  dx = CLAMP (dx, -CNN_SHIFT_RANGE, CNN_SHIFT_RANGE);
  dy = CLAMP (dy, -CNN_SHIFT_RANGE, CNN_SHIFT_RANGE);
  button = GTK_TOGGLE_BUTTON (self->cells[cnn_shift_index (dx, dy)].widget);
  if (dx == self->dx && dy == self->dy && gtk_toggle_button_get_active (button))
    return;
  self->dx = dx;
  self->dy = dy;
  /* its toggled comes back here, with nothing left to do */
  gtk_toggle_button_set_active (button, TRUE);
  if (self->net == NULL)
    return;
  cnn_shift_compare (self->net, self->original, self->shifted,
                     convolve_session_get_input (self->session), dx, dy, self->change);
  show_layers (self);
}

void
convolve_invariance_window_get_shift (ConvolveInvarianceWindow *self,
                                      int                      *dx,
                                      int                      *dy)
{
  g_return_if_fail (CONVOLVE_IS_INVARIANCE_WINDOW (self));

  if (dx != NULL)
    *dx = self->dx;
  if (dy != NULL)
    *dy = self->dy;
}

/* ---- accessors ---- */

GtkWidget *
convolve_invariance_window_get_cell (ConvolveInvarianceWindow *self,
                                     gboolean                  dense_only,
                                     int                       index)
{
  g_return_val_if_fail (CONVOLVE_IS_INVARIANCE_WINDOW (self), NULL);
  g_return_val_if_fail (index >= 0 && index < CNN_N_SHIFTS, NULL);
  return dense_only ? self->dense_cells[index].widget : self->cells[index].widget;
}

const char *
convolve_invariance_window_get_answer (ConvolveInvarianceWindow *self,
                                       gboolean                  dense_only,
                                       int                       index)
{
  g_return_val_if_fail (CONVOLVE_IS_INVARIANCE_WINDOW (self), NULL);
  g_return_val_if_fail (index >= 0 && index < CNN_N_SHIFTS, NULL);
  return gtk_label_get_text (dense_only ? self->dense_cells[index].answer : self->cells[index].answer);
}

ConvolveHeatmap *
convolve_invariance_window_get_image (ConvolveInvarianceWindow *self,
                                      int                       index)
{
  g_return_val_if_fail (CONVOLVE_IS_INVARIANCE_WINDOW (self), NULL);
  g_return_val_if_fail (index >= 0 && index < CNN_N_SHIFTS, NULL);
  return self->cells[index].image;
}

int
convolve_invariance_window_get_n_rows (ConvolveInvarianceWindow *self)
{
  g_return_val_if_fail (CONVOLVE_IS_INVARIANCE_WINDOW (self), 0);
  return (int) self->rows->len;
}

static Row *
get_row (ConvolveInvarianceWindow *self,
         int                       row)
{
  g_return_val_if_fail (CONVOLVE_IS_INVARIANCE_WINDOW (self), NULL);
  g_return_val_if_fail (row >= 0 && row < (int) self->rows->len, NULL);
  return &g_array_index (self->rows, Row, row);
}

int
convolve_invariance_window_get_row_layer (ConvolveInvarianceWindow *self,
                                          int                       row)
{
  Row *r = get_row (self, row);

  return r != NULL ? r->layer : -2;
}

int
convolve_invariance_window_get_row_n_maps (ConvolveInvarianceWindow *self,
                                           int                       row)
{
  Row *r = get_row (self, row);

  return r != NULL ? (int) r->maps[0]->len : 0;
}

ConvolveHeatmap *
convolve_invariance_window_get_row_map (ConvolveInvarianceWindow *self,
                                        int                       row,
                                        gboolean                  shifted,
                                        int                       channel)
{
  Row *r = get_row (self, row);

  g_return_val_if_fail (r != NULL, NULL);
  g_return_val_if_fail (channel >= 0 && channel < (int) r->maps[0]->len, NULL);
  return g_ptr_array_index (r->maps[shifted ? 1 : 0], channel);
}

GtkLevelBar *
convolve_invariance_window_get_change_bar (ConvolveInvarianceWindow *self,
                                           int                       layer)
{
  g_return_val_if_fail (CONVOLVE_IS_INVARIANCE_WINDOW (self), NULL);
  g_return_val_if_fail (layer >= 0 && layer < (int) self->bars->len, NULL);
  return g_ptr_array_index (self->bars, layer);
}

const char *
convolve_invariance_window_get_change_text (ConvolveInvarianceWindow *self,
                                            int                       layer)
{
  g_return_val_if_fail (CONVOLVE_IS_INVARIANCE_WINDOW (self), NULL);
  g_return_val_if_fail (layer >= 0 && layer < (int) self->bar_values->len, NULL);
  return gtk_label_get_text (g_ptr_array_index (self->bar_values, layer));
}

const char *
convolve_invariance_window_get_note (ConvolveInvarianceWindow *self)
{
  g_return_val_if_fail (CONVOLVE_IS_INVARIANCE_WINDOW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->note)) ? gtk_label_get_text (self->note) : NULL;
}

GtkMenuButton *
convolve_invariance_window_get_help_button (ConvolveInvarianceWindow *self)
{
  g_return_val_if_fail (CONVOLVE_IS_INVARIANCE_WINDOW (self), NULL);
  return self->help_button;
}

/* ---- GObject ---- */

static void
convolve_invariance_window_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, CONVOLVE_INVARIANCE_WINDOW (object)->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_invariance_window_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      convolve_invariance_window_set_session (CONVOLVE_INVARIANCE_WINDOW (object),
                                              g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_invariance_window_dispose (GObject *object)
{
  ConvolveInvarianceWindow *self = CONVOLVE_INVARIANCE_WINDOW (object);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->bars, g_ptr_array_unref);
  g_clear_pointer (&self->bar_values, g_ptr_array_unref);
  g_clear_pointer (&self->grid_ws, cnn_workspace_free);
  g_clear_pointer (&self->original, cnn_workspace_free);
  g_clear_pointer (&self->shifted, cnn_workspace_free);
  g_clear_pointer (&self->change, g_free);
  g_clear_pointer (&self->net, cnn_net_unref);
  g_clear_pointer (&self->dense_ws, cnn_workspace_free);
  g_clear_pointer (&self->dense, cnn_net_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONVOLVE_TYPE_INVARIANCE_WINDOW);

  G_OBJECT_CLASS (convolve_invariance_window_parent_class)->dispose (object);
}

static void
convolve_invariance_window_class_init (ConvolveInvarianceWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = convolve_invariance_window_get_property;
  object_class->set_property = convolve_invariance_window_set_property;
  object_class->dispose = convolve_invariance_window_dispose;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CONVOLVE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convolve/Convolve/ui/convolve-invariance-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvolveInvarianceWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ConvolveInvarianceWindow, help_button);
  gtk_widget_class_bind_template_child (widget_class, ConvolveInvarianceWindow, net_grid);
  gtk_widget_class_bind_template_child (widget_class, ConvolveInvarianceWindow, dense_grid);
  gtk_widget_class_bind_template_child (widget_class, ConvolveInvarianceWindow, net_summary);
  gtk_widget_class_bind_template_child (widget_class, ConvolveInvarianceWindow, dense_summary);
  gtk_widget_class_bind_template_child (widget_class, ConvolveInvarianceWindow, why_heading);
  gtk_widget_class_bind_template_child (widget_class, ConvolveInvarianceWindow, note);
  gtk_widget_class_bind_template_child (widget_class, ConvolveInvarianceWindow, layers_box);
  gtk_widget_class_bind_template_child (widget_class, ConvolveInvarianceWindow, change_grid);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
convolve_invariance_window_init (ConvolveInvarianceWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, row_clear);
  self->bars = g_ptr_array_new ();
  self->bar_values = g_ptr_array_new ();
  /* one cell to the right: the shift that shows equivariance best */
  self->dx = 1;
  self->dy = 0;
  build_grids (self);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->cells[cnn_shift_index (1, 0)].widget), TRUE);

  bytes = g_resources_lookup_data (DENSE_ONLY_MODEL, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes != NULL)
    self->dense = cnn_model_deserialize (bytes, &error);
  if (self->dense != NULL)
    self->dense_ws = cnn_workspace_new (self->dense);
  else
    g_warning ("The network without convolutions did not load: %s", error->message);
}

GtkWidget *
convolve_invariance_window_new (GtkWindow       *parent,
                                ConvolveSession *session)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (session == NULL || CONVOLVE_IS_SESSION (session), NULL);

  ConvolveInvarianceWindow *self = g_object_new (CONVOLVE_TYPE_INVARIANCE_WINDOW,
                                                 "transient-for", parent,
                                                 "session", session,
                                                 NULL);

  /* as tall as the main window allows, up to all of it without
   * scrolling; 660 px over a 700 px one */
  if (parent != NULL && gtk_widget_get_height (GTK_WIDGET (parent)) > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), 960,
                                 CLAMP (gtk_widget_get_height (GTK_WIDGET (parent)) - 40, 480, 800));
  return GTK_WIDGET (self);
}
