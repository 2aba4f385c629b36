/* convolve-gradient-view.c — the backward pass of one probe sample, layer by layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sections, top to bottom: "one SGD step explained" (four stages and how
 * much each kernel moved), the flow of dL/d(output) from the loss back to
 * the input (one card per layer, as in the forward trace), dL/dW of every
 * kernel, and each parameterised layer's gradient norm over the steps.
 *
 * Widgets are built once per net; a snapshot only feeds new numbers to
 * them (snapshots may come 60 times a second).
 *
 * A reveal is never cut short: a snapshot that comes mid-reveal puts its
 * point on the norm chart at once and waits as the one pending pass (a
 * newer one replaces it; nothing queues). When the reveal ends, the
 * pending pass — the newest data — is shown and revealed in its turn, so
 * a student follows whole backward passes even at full training speed.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "convolve-gradient-view.h"
#include "convolve-heatmap.h"
#include "convolve-trace-view.h"
#include "convolve-legend.h"
#include "convolve-plot.h"

/* the whole backward pass revealed in this many seconds at speed 1 */
#define REVEAL_SECONDS 1.2
#define SPEED_MIN 0.1
#define SPEED_MAX 4.0
#define DIMMED_OPACITY 0.25
/* every feature map gets about this many pixels a side */
#define MAP_PIXELS 32
#define MAP_SPACING 3
#define INPUT_CELL 8
#define STRIP_CELL 14
#define KERNEL_CELL 5
#define DELTA_CELL 14

/* One layer's card in the backward flow. slot 0 is the input, slot i + 1
 * the output of layer i (the snapshot's numbering). */
typedef struct
{
  int        slot;
  CnnShape   shape;
  gboolean   strip;        /* 1×1×C: one row of cells */
  gboolean   no_maps;      /* flatten: the same numbers as the layer before */
  ConvolveScale fwd_scale;
  float      fwd_fixed;    /* > 0: a fixed forward range */
  GtkWidget *card;
  GtkWidget *title;
  GtkWidget *grad_box;     /* dimmed until revealed */
  GtkWidget *grad_note;    /* flatten: the gradient's size in words */
  GtkWidget *legend;
  GPtrArray *fwd_maps;     /* ConvolveHeatmap, borrowed */
  GPtrArray *grad_maps;
  float      grad_max;     /* the largest |dL/d(slot)| shown */
} Card;

/* One parameterised layer: its kernels' dL/dW, how much they moved, its
 * series on the norm chart */
typedef struct
{
  int        layer;
  char      *name;         /* "conv 1", "dense" */
  gboolean   conv;
  int        units;        /* conv: filters; dense: outputs */
  int        series;
  GPtrArray *kernels;      /* ConvolveHeatmap of dL/dW, borrowed: conv [channel][filter],
                            * dense one n_out × n_in map */
  GtkWidget *dw_legend;
  GtkWidget *delta_map;    /* 1 × units: ‖ΔW‖ of each filter/output */
  GtkWidget *delta_label;
  float     *deltas;       /* [units] */
} ParamLayer;

struct _ConvolveGradientView
{
  GtkWidget parent_instance;

  CnnNet      *net;
  CnnSnapshot *snapshot;     /* the pass being shown (revealed) */
  CnnSnapshot *pending;      /* the newest one that came mid-reveal: shown next */
  double       speed;

  /* the animation: cards revealed from the output */
  int          n_reveal;     /* slots with a gradient: every one but the softmax's */
  int          revealed;
  guint        tick_id;
  gint64       start_time;   /* frame time of the first tick; 0 before it */

  /* the previous snapshot's weights, for ‖ΔW‖ per kernel */
  float       *prev_params;
  gsize        n_prev_params;
  guint        prev_run;
  gint64       prev_step;
  gboolean     have_run;
  guint        run;
  gint64       last_chart_step;

  GArray      *cards;        /* Card, slot order */
  GArray      *params;       /* ParamLayer */

  /* the widgets of the sections */
  GtkWidget   *content;      /* everything built for a net */
  GtkWidget   *step_heading;
  GtkWidget   *stage_forward, *stage_loss, *stage_backward, *stage_update;
  GtkWidget   *stage_titles[4];
  GtkWidget   *loss_value;
  GtkWidget   *loss_detail;
  GtkWidget   *plot;
};

G_DEFINE_FINAL_TYPE (ConvolveGradientView, convolve_gradient_view, GTK_TYPE_WIDGET)

static void
card_clear (gpointer data)
{
  Card *c = data;

  g_clear_pointer (&c->fwd_maps, g_ptr_array_unref);
  g_clear_pointer (&c->grad_maps, g_ptr_array_unref);
}

static void
param_layer_clear (gpointer data)
{
  ParamLayer *p = data;

  g_clear_pointer (&p->name, g_free);
  g_clear_pointer (&p->kernels, g_ptr_array_unref);
  g_clear_pointer (&p->deltas, g_free);
}

static GtkWidget *
small_label (const char *text,
             gboolean    dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "caption");
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  return label;
}

static GtkWidget *
heading (const char *text,
         const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, css_class);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  return label;
}

static GtkWidget *
new_map (int         rows,
         int         cols,
         int         cell,
         const char *accessible_label)
{
  GtkWidget *map = convolve_heatmap_new ();

  convolve_heatmap_set_cell_size (CONVOLVE_HEATMAP (map), cell);
  /* never squeezed below its cell size (a scrolled window may hand out
   * only the minimum height): scroll instead */
  gtk_widget_set_size_request (map, cols * cell, rows * cell);
  gtk_widget_set_halign (map, GTK_ALIGN_START);
  gtk_widget_set_valign (map, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (map),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  return map;
}

/* A card: padding the libadwaita "card" style does not give */
static GtkWidget *
new_card (int spacing)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, spacing);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_valign (card, GTK_ALIGN_START);
  return card;
}

static void
pad (GtkWidget *widget,
     int        h,
     int        v)
{
  gtk_widget_set_margin_start (widget, h);
  gtk_widget_set_margin_end (widget, h);
  gtk_widget_set_margin_top (widget, v);
  gtk_widget_set_margin_bottom (widget, v);
}

/* Narrow cards, so the whole flow fits about 1200 px: 8 maps in rows of
 * 3, 16 in rows of 3 (six rows of ~35 px), 4 as 2×2 */
static int
maps_per_row (int channels)
{
  if (channels <= 3)
    return channels;
  return channels == 4 ? 2 : 3;
}

/* The 0..9 above a class strip */
static GtkWidget *
class_labels (int n)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  for (int i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("%d", i);
      GtkWidget *label = gtk_label_new (text);

      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_size_request (label, STRIP_CELL, -1);
      gtk_label_set_xalign (GTK_LABEL (label), 0.5f);
      gtk_box_append (GTK_BOX (box), label);
    }
  return box;
}

/* A grid of one map per channel; returns the grid */
static GtkWidget *
build_maps (GPtrArray  *maps,
            CnnShape    shape,
            gboolean    strip,
            int         cell,
            const char *name,
            const char *what)
{
  GtkWidget *grid = gtk_grid_new ();
  int n = strip ? 1 : shape.c;
  int per_row = maps_per_row (n);

  gtk_grid_set_row_spacing (GTK_GRID (grid), MAP_SPACING);
  gtk_grid_set_column_spacing (GTK_GRID (grid), MAP_SPACING);
  for (int c = 0; c < n; c++)
    {
      g_autofree char *label = NULL;
      GtkWidget *map;

      if (strip || shape.c == 1)
        /* Translators: "dense, gradient", "input, drawing" */
        label = g_strdup_printf (_("%s, %s"), name, what);
      else
        /* Translators: "conv 2, gradient of map 3" */
        label = g_strdup_printf (_("%s, %s of map %d"), name, what, c + 1);
      map = strip ? new_map (1, shape.c, cell, label)
                  : new_map (shape.h, shape.w, cell, label);
      gtk_grid_attach (GTK_GRID (grid), map, c % per_row, c / per_row, 1, 1);
      g_ptr_array_add (maps, map);
    }
  return grid;
}

static void
build_card (ConvolveGradientView *self,
            GtkWidget            *flow,
            int                   slot)
{
  const CnnNet *net = self->net;
  int layer = slot - 1;
  g_autofree char *name = convolve_trace_view_stage_name (net, layer);
  g_autofree char *caption = NULL;
  GtkWidget *cap, *grad_caption;
  Card c = { 0 };
  int cell;

  c.slot = slot;
  c.fwd_maps = g_ptr_array_new ();
  c.grad_maps = g_ptr_array_new ();
  c.fwd_scale = CONVOLVE_SCALE_SEQUENTIAL;
  if (layer < 0)
    {
      c.shape = net->input;
      c.fwd_fixed = 1.0f;
      caption = g_strdup_printf (_("the sample, %d×%d"), net->input.h, net->input.w);
      cell = INPUT_CELL;
    }
  else
    {
      const CnnLayer *l = &net->layers[layer];

      c.shape = l->out;
      caption = cnn_net_describe_layer (net, layer);
      c.strip = l->out.h == 1 && l->out.w == 1;
      c.no_maps = l->kind == CNN_LAYER_FLATTEN;
      /* before the ReLU, negative values matter */
      if (l->kind == CNN_LAYER_CONV || l->kind == CNN_LAYER_DENSE)
        c.fwd_scale = CONVOLVE_SCALE_DIVERGING;
      cell = c.strip ? STRIP_CELL : MAX (4, MAP_PIXELS / MAX (l->out.h, l->out.w));
    }

  c.card = new_card (6);
  pad (c.card, 0, 0);
  c.title = heading (name, "heading");
  gtk_box_append (GTK_BOX (c.card), c.title);
  /* explicit line breaks, no wrapping: a wrapped label's height depends
   * on its width, and the sideways scroller would measure the row for
   * another width than it gets, clipping the tallest card; every card
   * breaks before its output shape, for narrow cards that read alike */
  {
    g_auto (GStrv) parts = g_strsplit (caption, " → ", 2);

    if (parts[0] != NULL && parts[1] != NULL)
      {
        g_free (caption);
        caption = g_strdup_printf ("%s\n→ %s", parts[0], parts[1]);
      }
  }
  cap = small_label (caption, TRUE);
  gtk_box_append (GTK_BOX (c.card), cap);

  if (c.no_maps)
    {
      GtkWidget *note = small_label (_("only reshapes: the\ngradient passes back\nunchanged"),
                                     TRUE);

      gtk_box_append (GTK_BOX (c.card), note);
    }
  else
    {
      const char *fwd_title;

      if (layer < 0)
        fwd_title = _("forward: the input");
      else if (net->layers[layer].kind == CNN_LAYER_DENSE && c.strip)
        fwd_title = _("forward: logits");
      else
        fwd_title = _("forward: output");
      gtk_box_append (GTK_BOX (c.card), small_label (fwd_title, FALSE));
      if (c.strip && c.shape.c == net->n_classes)
        gtk_box_append (GTK_BOX (c.card), class_labels (c.shape.c));
      gtk_box_append (GTK_BOX (c.card),
                      build_maps (c.fwd_maps, c.shape, c.strip, cell, name, _("output")));
    }

  c.grad_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  if (layer < 0)
    grad_caption = small_label (_("backward:\ndL/d(input)"), FALSE);
  else if (c.strip && layer == net->n_layers - 2 &&
           net->layers[net->n_layers - 1].kind == CNN_LAYER_SOFTMAX)
    grad_caption = small_label (_("backward: dL/d(logits)\n= p − one-hot"), FALSE);
  else
    grad_caption = small_label (_("backward:\ndL/d(output)"), FALSE);
  gtk_box_append (GTK_BOX (c.grad_box), grad_caption);
  if (c.no_maps)
    {
      c.grad_note = small_label ("", TRUE);
      gtk_box_append (GTK_BOX (c.grad_box), c.grad_note);
    }
  else
    {
      gtk_box_append (GTK_BOX (c.grad_box),
                      build_maps (c.grad_maps, c.shape, c.strip, cell, name, _("gradient")));
      c.legend = convolve_legend_new (CONVOLVE_SCALE_DIVERGING, NULL);
      /* as wide as the maps above it, not a fixed 160 px strip */
      convolve_legend_set_compact (CONVOLVE_LEGEND (c.legend), TRUE);
      gtk_box_append (GTK_BOX (c.grad_box), c.legend);
    }
  gtk_widget_set_opacity (c.grad_box, DIMMED_OPACITY);
  gtk_box_append (GTK_BOX (c.card), c.grad_box);

  /* cards sit apart by an arrow pointing the way the gradient goes */
  if (slot > 0)
    {
      GtkWidget *arrow = gtk_label_new ("←");

      gtk_widget_add_css_class (arrow, "dim-label");
      gtk_widget_set_valign (arrow, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (flow), arrow);
    }
  gtk_box_append (GTK_BOX (flow), c.card);
  g_array_append_val (self->cards, c);
}

/* Inner padding of a card: its children get margins */
static void
pad_children (GtkWidget *box)
{
  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gtk_widget_set_margin_start (child, 10);
      gtk_widget_set_margin_end (child, 10);
    }
  if (gtk_widget_get_first_child (box) != NULL)
    {
      gtk_widget_set_margin_top (gtk_widget_get_first_child (box), 8);
      gtk_widget_set_margin_bottom (gtk_widget_get_last_child (box), 10);
    }
}

static GtkWidget *
build_loss_card (ConvolveGradientView *self,
                 GtkWidget            *flow)
{
  GtkWidget *card = new_card (4);
  GtkWidget *arrow = gtk_label_new ("←");

  gtk_widget_add_css_class (arrow, "dim-label");
  gtk_widget_set_valign (arrow, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (flow), arrow);

  gtk_box_append (GTK_BOX (card), heading (_("loss"), "heading"));
  gtk_box_append (GTK_BOX (card), small_label (_("cross-entropy\nL = −log p(label)"), TRUE));
  self->loss_value = heading ("–", "title-2");
  gtk_widget_add_css_class (self->loss_value, "numeric");
  gtk_box_append (GTK_BOX (card), self->loss_value);
  self->loss_detail = small_label ("", FALSE);
  gtk_box_append (GTK_BOX (card), self->loss_detail);
  gtk_box_append (GTK_BOX (card),
                  small_label (_("the backward pass\nstarts here"), TRUE));
  pad_children (card);
  gtk_box_append (GTK_BOX (flow), card);
  return card;
}

/* A section: its heading and a line saying how to read it */
static GtkWidget *
section (GtkWidget  *parent,
         const char *title,
         const char *subtitle)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *sub;

  gtk_box_append (GTK_BOX (box), heading (title, "title-4"));
  if (subtitle != NULL)
    {
      sub = gtk_label_new (subtitle);
      gtk_widget_add_css_class (sub, "dim-label");
      gtk_label_set_xalign (GTK_LABEL (sub), 0.0f);
      gtk_label_set_wrap (GTK_LABEL (sub), TRUE);
      gtk_box_append (GTK_BOX (box), sub);
    }
  gtk_box_append (GTK_BOX (parent), box);
  return box;
}

/* A row that scrolls sideways when wider than the view */
static GtkWidget *
hscroller (GtkWidget *child)
{
  GtkWidget *sw = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (sw), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (sw), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (sw), child);
  /* the viewport would squeeze the row to its minimum width, shrinking
   * every map to 4 px cells; scroll rather than shrink */
  gtk_scrollable_set_hscroll_policy (GTK_SCROLLABLE (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (sw))),
                                     GTK_SCROLL_NATURAL);
  return sw;
}

static GtkWidget *
stage_chip (ConvolveGradientView *self,
            GtkWidget            *row,
            int                   index,
            const char           *title,
            GtkWidget           **body)
{
  GtkWidget *card = new_card (4);
  /* the row is homogeneous over cells of [card →], so the four cards get
   * exactly the same width; the last arrow is there, unseen, to keep it so.
   * Grids, not horizontal boxes: a box allocates each child the width it
   * needs *for the row's height*, which a wrapping label finds by trying
   * widths one after another (~30 text layouts each); a grid asks widths
   * first, then heights for them, so a new pass's text costs a few. */
  GtkWidget *cell = gtk_grid_new ();
  GtkWidget *arrow = gtk_label_new ("→");

  gtk_widget_set_hexpand (card, TRUE);
  gtk_widget_set_valign (card, GTK_ALIGN_FILL);
  gtk_widget_add_css_class (arrow, "title-3");
  gtk_widget_add_css_class (arrow, "dim-label");
  if (index == 3)
    gtk_widget_set_opacity (arrow, 0.0);
  gtk_grid_set_column_spacing (GTK_GRID (cell), 8);
  /* its one row takes the whole height: cards as tall as the tallest */
  gtk_grid_set_row_homogeneous (GTK_GRID (cell), TRUE);
  gtk_grid_attach (GTK_GRID (cell), card, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (cell), arrow, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (row), cell, index, 0, 1, 1);
  self->stage_titles[index] = heading (title, "heading");
  gtk_box_append (GTK_BOX (card), self->stage_titles[index]);
  *body = gtk_label_new ("");
  /* wraps to the card's share of the row (at any character if a word is
   * wider than the card): never clipped; at most 30 chars wide */
  gtk_label_set_wrap (GTK_LABEL (*body), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (*body), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (*body), 0.0f);
  gtk_label_set_yalign (GTK_LABEL (*body), 0.0f);
  gtk_label_set_width_chars (GTK_LABEL (*body), 10);
  gtk_label_set_max_width_chars (GTK_LABEL (*body), 30);
  gtk_box_append (GTK_BOX (card), *body);
  pad_children (card);
  return card;
}

static void
build_param_layer (ConvolveGradientView *self,
                   GtkWidget            *dw_row,
                   GtkWidget            *delta_grid,
                   int                   layer,
                   int                   index)
{
  const CnnLayer *l = &self->net->layers[layer];
  ParamLayer p = { 0 };
  GtkWidget *card, *grid, *name_label;
  g_autofree char *title = NULL;
  g_autofree char *delta_name = NULL;

  p.layer = layer;
  p.name = convolve_trace_view_stage_name (self->net, layer);
  p.conv = l->kind == CNN_LAYER_CONV;
  p.units = l->out.c;
  p.kernels = g_ptr_array_new ();
  p.deltas = g_new0 (float, p.units);

  /* dL/dW: conv kernels as a grid with one column per filter and one row
   * per input channel; a dense layer as one n_out × n_in map */
  card = new_card (6);
  if (p.conv)
    title = g_strdup_printf (_("%s: %d filters × %d input channel%s, %d×%d each"), p.name,
                             l->out.c, l->in.c, l->in.c == 1 ? "" : "s", l->k, l->k);
  else
    title = g_strdup_printf (_("%s: %d outputs × %d inputs"), p.name, l->out.c,
                             (int) cnn_shape_size (l->in));
  gtk_box_append (GTK_BOX (card), heading (title, "heading"));
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), MAP_SPACING);
  gtk_grid_set_column_spacing (GTK_GRID (grid), MAP_SPACING);
  if (p.conv)
    {
      gtk_box_append (GTK_BOX (card),
                      small_label (l->in.c == 1 ? _("one kernel per filter →")
                                                : _("filter → (columns), input channel ↓ (rows)"),
                                   TRUE));
      for (int ch = 0; ch < l->in.c; ch++)
        for (int f = 0; f < l->out.c; f++)
          {
            g_autofree char *label = NULL;
            GtkWidget *map;

            /* Translators: "dL/dW of conv 2, filter 3, input channel 1" */
            label = g_strdup_printf (_("dL/dW of %s, filter %d, input channel %d"),
                                     p.name, f + 1, ch + 1);
            map = new_map (l->k, l->k, KERNEL_CELL, label);
            gtk_grid_attach (GTK_GRID (grid), map, f, ch, 1, 1);
            g_ptr_array_add (p.kernels, map);
          }
    }
  else
    {
      g_autofree char *label = g_strdup_printf (_("dL/dW of %s"), p.name);
      GtkWidget *map = new_map (l->out.c, (int) cnn_shape_size (l->in), 4, label);

      gtk_box_append (GTK_BOX (card), small_label (_("one row per output (class), "
                                                     "one column per input"), TRUE));
      gtk_grid_attach (GTK_GRID (grid), map, 0, 0, 1, 1);
      g_ptr_array_add (p.kernels, map);
    }
  gtk_box_append (GTK_BOX (card), grid);
  p.dw_legend = convolve_legend_new (CONVOLVE_SCALE_DIVERGING, "dL/dW");
  gtk_box_append (GTK_BOX (card), p.dw_legend);
  pad_children (card);
  gtk_box_append (GTK_BOX (dw_row), card);

  /* how much each filter (or output's weights) moved in the update */
  name_label = gtk_label_new (p.name);
  gtk_label_set_xalign (GTK_LABEL (name_label), 0.0f);
  gtk_widget_add_css_class (name_label, "heading");
  gtk_grid_attach (GTK_GRID (delta_grid), name_label, 0, index, 1, 1);
  delta_name = g_strdup_printf (p.conv ? _("%s, change of each filter's weights")
                                       : _("%s, change of each output's weights"), p.name);
  p.delta_map = new_map (1, p.units, DELTA_CELL, delta_name);
  gtk_widget_set_valign (p.delta_map, GTK_ALIGN_CENTER);
  gtk_grid_attach (GTK_GRID (delta_grid), p.delta_map, 1, index, 1, 1);
  p.delta_label = small_label ("", FALSE);
  gtk_widget_add_css_class (p.delta_label, "numeric");
  /* a long sentence: wrap it rather than widen the page */
  gtk_label_set_wrap (GTK_LABEL (p.delta_label), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (p.delta_label), 16);
  gtk_label_set_max_width_chars (GTK_LABEL (p.delta_label), 70);
  gtk_widget_set_hexpand (p.delta_label, TRUE);
  gtk_grid_attach (GTK_GRID (delta_grid), p.delta_label, 2, index, 1, 1);

  p.series = convolve_plot_add_series (CONVOLVE_PLOT (self->plot), p.name, NULL, FALSE);
  g_array_append_val (self->params, p);
}

static void stop_animation (ConvolveGradientView *self);
static void show_pass (ConvolveGradientView *self, CnnSnapshot *snapshot);
static void start_animation (ConvolveGradientView *self);

static void
clear_content (ConvolveGradientView *self)
{
  stop_animation (self);
  if (self->cards != NULL)
    g_array_set_size (self->cards, 0);
  if (self->params != NULL)
    g_array_set_size (self->params, 0);
  if (self->content != NULL)
    gtk_widget_unparent (self->content);
  self->content = NULL;
  self->plot = NULL;
  self->loss_value = self->loss_detail = NULL;
  memset (self->stage_titles, 0, sizeof self->stage_titles);
  self->revealed = 0;
}

static void
build (ConvolveGradientView *self)
{
  GtkWidget *sec, *row, *flow, *dw_row, *delta_grid, *update_box, *plot_card;
  GtkWidget *direction;

  self->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  pad (self->content, 18, 12);
  gtk_widget_set_parent (self->content, GTK_WIDGET (self));

  /* 1. one SGD step explained */
  sec = section (self->content, _("One training step, explained"), NULL);
  self->step_heading = gtk_widget_get_first_child (sec);
  row = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (row), 8);
  gtk_grid_set_column_homogeneous (GTK_GRID (row), TRUE);
  stage_chip (self, row, 0, _("1 · Forward"), &self->stage_forward);
  stage_chip (self, row, 1, _("2 · Loss"), &self->stage_loss);
  stage_chip (self, row, 2, _("3 · Backward"), &self->stage_backward);
  stage_chip (self, row, 3, _("4 · Update"), &self->stage_update);
  gtk_box_append (GTK_BOX (sec), row);

  update_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  {
    GtkWidget *caption = small_label (_("How much each kernel changed in the update (‖ΔW‖ per "
                                        "filter or output; the stronger the colour, the more "
                                        "it moved):"), TRUE);

    gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
    gtk_box_append (GTK_BOX (update_box), caption);
  }
  delta_grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (delta_grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (delta_grid), 12);
  gtk_box_append (GTK_BOX (update_box), delta_grid);
  gtk_box_append (GTK_BOX (sec), update_box);

  /* 2. the backward flow */
  sec = section (self->content, _("Gradients flowing backward"),
                 _("Each card shows a layer's output (forward) above dL/d(output): how the "
                   "loss would change if that value grew. Red: growing it raises the loss; "
                   "blue: lowers it. The cards light up from the loss back to the input."));
  direction = gtk_label_new (_("← the gradient flows backward, from the loss to the input"));
  gtk_widget_add_css_class (direction, "accent");
  gtk_widget_set_halign (direction, GTK_ALIGN_END);
  /* wraps rather than widening the page (which would cut it off) */
  gtk_label_set_wrap (GTK_LABEL (direction), TRUE);
  gtk_label_set_xalign (GTK_LABEL (direction), 1.0f);
  gtk_label_set_justify (GTK_LABEL (direction), GTK_JUSTIFY_RIGHT);
  gtk_box_append (GTK_BOX (sec), direction);
  flow = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_bottom (flow, 6);
  for (int slot = 0; slot < self->n_reveal; slot++)
    build_card (self, flow, slot);
  for (guint i = 0; i < self->cards->len; i++)
    pad_children (g_array_index (self->cards, Card, i).card);
  build_loss_card (self, flow);
  gtk_box_append (GTK_BOX (sec), hscroller (flow));

  /* 3. dL/dW and 4. the norm chart, built together: one series per layer */
  self->plot = convolve_plot_new (_("step"), _("‖dL/dW‖ (L2)"));
  convolve_plot_set_log_y (CONVOLVE_PLOT (self->plot), TRUE);
  /* wide enough for many steps, tall enough for several decades, and not
   * squeezed by a scrolled window handing out minimum heights */
  gtk_widget_set_size_request (self->plot, 720, 240);

  sec = section (self->content, _("dL/dW: the gradient of every kernel"),
                 _("What the update uses: each weight moves against its gradient. "
                   "For this one sample (the batch averages many)."));
  dw_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  for (int i = 0, n = 0; i < self->net->n_layers; i++)
    if (self->net->layers[i].kind == CNN_LAYER_CONV || self->net->layers[i].kind == CNN_LAYER_DENSE)
      build_param_layer (self, dw_row, delta_grid, i, n++);
  gtk_box_append (GTK_BOX (sec), hscroller (dw_row));

  sec = section (self->content, _("Gradient size over the steps"),
                 _("‖dL/dW‖ of each layer for the mini-batch, on a log scale: a curve "
                   "sinking decade after decade is a vanishing gradient, one shooting up "
                   "an exploding one."));
  plot_card = new_card (0);
  gtk_widget_set_halign (plot_card, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (plot_card), self->plot);
  pad (self->plot, 6, 6);
  gtk_box_append (GTK_BOX (sec), plot_card);
}

/* ---- showing a snapshot ---- */

static Card *
card_for_slot (ConvolveGradientView *self,
               int                   slot)
{
  if (slot < 0 || slot >= (int) self->cards->len)
    return NULL;
  return &g_array_index (self->cards, Card, slot);
}

static void
set_maps (GPtrArray    *maps,
          const float  *values,
          CnnShape      shape,
          gboolean      strip,
          ConvolveScale scale,
          float         range)
{
  if (strip)
    {
      convolve_heatmap_set_scale (g_ptr_array_index (maps, 0), scale, range);
      convolve_heatmap_set_data (g_ptr_array_index (maps, 0), values, 1, shape.c, 1);
      return;
    }
  for (guint c = 0; c < maps->len; c++)
    {
      convolve_heatmap_set_scale (g_ptr_array_index (maps, c), scale, range);
      convolve_heatmap_set_data (g_ptr_array_index (maps, c), values + c, shape.h, shape.w,
                                 shape.c);
    }
}

static float
max_abs (const float *v,
         gsize        n)
{
  float m = 0.0f;

  for (gsize i = 0; i < n; i++)
    if (isfinite (v[i]))
      m = MAX (m, fabsf (v[i]));
  return m;
}

static void
show_forward (ConvolveGradientView *self)
{
  for (guint i = 0; i < self->cards->len; i++)
    {
      Card *c = &g_array_index (self->cards, Card, i);
      const float *values = cnn_snapshot_activation (self->snapshot, c->slot - 1);
      float range;

      if (c->no_maps || values == NULL)
        continue;
      range = c->fwd_fixed > 0 ? c->fwd_fixed
                               : convolve_colormap_range (c->fwd_scale, values,
                                                          cnn_shape_size (c->shape));
      set_maps (c->fwd_maps, values, c->shape, c->strip, c->fwd_scale, range);
    }
}

/* The slot's gradient into its card, which stops being dimmed */
static void
reveal_card (ConvolveGradientView *self,
             Card                 *c)
{
  const float *g = cnn_snapshot_activation_grad (self->snapshot, c->slot - 1);
  gsize n = cnn_shape_size (c->shape);

  if (g == NULL)
    return;
  c->grad_max = max_abs (g, n);
  if (c->no_maps)
    {
      g_autofree char *text = g_strdup_printf (_("%zu values,\nlargest |g| %.2g"), n,
                                               c->grad_max);

      gtk_label_set_text (GTK_LABEL (c->grad_note), text);
    }
  else
    {
      /* one range for the whole layer, so its maps compare at a glance */
      float range = convolve_colormap_range (CONVOLVE_SCALE_DIVERGING, g, n);

      set_maps (c->grad_maps, g, c->shape, c->strip, CONVOLVE_SCALE_DIVERGING, range);
      convolve_legend_set_range (CONVOLVE_LEGEND (c->legend), range);
    }
  gtk_widget_set_opacity (c->grad_box, 1.0);
}

/* Reveals cards until count are shown (counted from the output); the
 * newest one's title in the accent colour marks where the gradient is */
static void
reveal_to (ConvolveGradientView *self,
           int                   count)
{
  count = CLAMP (count, 0, self->n_reveal);
  while (self->revealed < count)
    {
      Card *c = card_for_slot (self, self->n_reveal - 1 - self->revealed);

      self->revealed++;
      if (c != NULL)
        reveal_card (self, c);
    }
  for (guint i = 0; i < self->cards->len; i++)
    {
      Card *c = &g_array_index (self->cards, Card, i);
      gboolean front = self->tick_id != 0 && self->revealed < self->n_reveal &&
                       c->slot == self->n_reveal - self->revealed;

      if (front)
        gtk_widget_add_css_class (c->title, "accent");
      else
        gtk_widget_remove_css_class (c->title, "accent");
    }
}

static void
stop_animation (ConvolveGradientView *self)
{
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  if (self->stage_titles[2] != NULL)
    gtk_widget_remove_css_class (self->stage_titles[2], "accent");
}

int
convolve_gradient_view_reveal_count (double elapsed,
                                     double speed,
                                     int    n_cards)
{
  double per_card = REVEAL_SECONDS / CLAMP (speed, SPEED_MIN, SPEED_MAX) / MAX (1, n_cards);

  /* the first card at once: the loss's gradient is known as soon as it is */
  double count = 1.0 + floor (elapsed / per_card + 1e-9);

  return (int) CLAMP (count, 0.0, (double) MAX (0, n_cards));
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  ConvolveGradientView *self = CONVOLVE_GRADIENT_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double elapsed;

  if (self->start_time == 0)
    self->start_time = now;
  elapsed = (now - self->start_time) / (double) G_USEC_PER_SEC;
  reveal_to (self, convolve_gradient_view_reveal_count (elapsed, self->speed, self->n_reveal));
  if (self->revealed >= self->n_reveal)
    {
      /* the whole pass was seen: now the newest step that came meanwhile,
       * in this same tick callback */
      if (self->pending != NULL)
        {
          CnnSnapshot *next = g_steal_pointer (&self->pending);

          show_pass (self, next);
          cnn_snapshot_unref (next);
          start_animation (self);
          return G_SOURCE_CONTINUE;
        }
      self->tick_id = 0;
      gtk_widget_remove_css_class (self->stage_titles[2], "accent");
      reveal_to (self, self->n_reveal);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
start_animation (ConvolveGradientView *self)
{
  /* dim everything again: the old numbers stay until the new ones arrive */
  for (guint i = 0; i < self->cards->len; i++)
    gtk_widget_set_opacity (g_array_index (self->cards, Card, i).grad_box, DIMMED_OPACITY);
  self->revealed = 0;
  self->start_time = 0;
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
  gtk_widget_add_css_class (self->stage_titles[2], "accent");
  reveal_to (self, 0);
}

static void
show_param_grads (ConvolveGradientView *self)
{
  CnnSnapshot *s = self->snapshot;

  for (guint i = 0; i < self->params->len; i++)
    {
      ParamLayer *p = &g_array_index (self->params, ParamLayer, i);
      const CnnLayer *l = &self->net->layers[p->layer];
      const float *w = s->param_grads + l->w_offset;
      float range = convolve_colormap_range (CONVOLVE_SCALE_DIVERGING, w, l->n_weights);

      if (p->conv)
        {
          int cin = l->in.c, cout = l->out.c;

          /* weights [ky][kx][c_in][c_out]: kernel (f, ch) starts at ch·cout + f
           * and steps by cin·cout from one cell to the next */
          for (int ch = 0; ch < cin; ch++)
            for (int f = 0; f < cout; f++)
              {
                ConvolveHeatmap *map = g_ptr_array_index (p->kernels, ch * cout + f);

                convolve_heatmap_set_scale (map, CONVOLVE_SCALE_DIVERGING, range);
                convolve_heatmap_set_data (map, w + ch * cout + f, l->k, l->k, cin * cout);
              }
        }
      else
        {
          ConvolveHeatmap *map = g_ptr_array_index (p->kernels, 0);

          convolve_heatmap_set_scale (map, CONVOLVE_SCALE_DIVERGING, range);
          convolve_heatmap_set_data (map, w, l->out.c, (int) cnn_shape_size (l->in), 1);
        }
      convolve_legend_set_range (CONVOLVE_LEGEND (p->dw_legend), range);
    }
}

/* ‖ΔW‖ of each filter (conv) or output row (dense) between the previous
 * snapshot's weights and these */
static void
show_deltas (ConvolveGradientView *self,
             gboolean              have_prev,
             gint64                steps)
{
  CnnSnapshot *s = self->snapshot;

  for (guint i = 0; i < self->params->len; i++)
    {
      ParamLayer *p = &g_array_index (self->params, ParamLayer, i);
      const CnnLayer *l = &self->net->layers[p->layer];
      g_autofree char *text = NULL;
      int most = 0;

      if (have_prev)
        {
          const float *now = s->params + l->w_offset;
          const float *before = self->prev_params + l->w_offset;
          gsize per_unit = l->n_weights / p->units;

          for (int u = 0; u < p->units; u++)
            {
              double sum = 0.0;

              for (gsize j = 0; j < per_unit; j++)
                {
                  /* conv: [k·k·c_in][c_out], a filter is a column; dense: [out][in], a row */
                  gsize idx = p->conv ? j * p->units + u : u * per_unit + j;
                  double d = (double) now[idx] - before[idx];

                  sum += d * d;
                }
              p->deltas[u] = (float) sqrt (sum);
              if (p->deltas[u] > p->deltas[most])
                most = u;
            }
          convolve_heatmap_set_scale (CONVOLVE_HEATMAP (p->delta_map), CONVOLVE_SCALE_SEQUENTIAL,
                                      convolve_colormap_range (CONVOLVE_SCALE_SEQUENTIAL,
                                                               p->deltas, p->units));
          convolve_heatmap_set_data (CONVOLVE_HEATMAP (p->delta_map), p->deltas, 1, p->units, 1);

          if (steps > 1)
            text = g_strdup_printf (p->conv ? _("‖ΔW‖ %.3g this step; over the last %" G_GINT64_FORMAT
                                                " steps filter %d changed most (%.3g)")
                                            : _("‖ΔW‖ %.3g this step; over the last %" G_GINT64_FORMAT
                                                " steps output %d's weights changed most (%.3g)"),
                                    s->update_norms[p->layer], steps,
                                    p->conv ? most + 1 : most, p->deltas[most]);
          else
            text = g_strdup_printf (p->conv ? _("‖ΔW‖ %.3g: filter %d changed most (%.3g)")
                                            : _("‖ΔW‖ %.3g: output %d's weights changed most (%.3g)"),
                                    s->update_norms[p->layer],
                                    p->conv ? most + 1 : most, p->deltas[most]);
        }
      else
        {
          memset (p->deltas, 0, sizeof (float) * p->units);
          convolve_heatmap_set_data (CONVOLVE_HEATMAP (p->delta_map), p->deltas, 1, p->units, 1);
          text = g_strdup_printf (_("‖ΔW‖ %.3g (each filter's share from the next step on)"),
                                  s->update_norms[p->layer]);
        }
      gtk_label_set_text (GTK_LABEL (p->delta_label), text);
    }
}

static void
show_stages (ConvolveGradientView *self)
{
  CnnSnapshot *s = self->snapshot;
  const CnnNet *net = self->net;
  g_autofree char *heading_text = NULL;
  g_autofree char *fwd = NULL, *loss = NULL, *back = NULL;
  g_autoptr (GString) upd = g_string_new (NULL);

  if (s->step > 0)
    heading_text = g_strdup_printf (_("One training step, explained — step %" G_GINT64_FORMAT
                                      ", epoch %d"), s->step, s->epoch);
  else
    heading_text = g_strdup (_("One training step, explained — no step taken yet"));
  gtk_label_set_text (GTK_LABEL (self->step_heading), heading_text);

  if (s->has_probe)
    {
      const float *probs = cnn_snapshot_activation (s, net->n_layers - 1);
      int best = cnn_argmax (probs, net->n_classes);
      g_autofree char *sample = NULL;

      if (s->probe_index >= 0)
        sample = g_strdup_printf (_("Training sample #%d (a %d)"), s->probe_index, s->probe_label);
      else
        sample = g_strdup_printf (_("Your drawing (labelled %d)"), s->probe_label);
      /* Translators: "Training sample #12 (a 3) goes through the 9 layers. …" */
      fwd = g_strdup_printf (_("%s goes through the %d layers. The network answers %d, "
                               "%.0f%% sure."),
                             sample, net->n_layers, best, 100.0 * probs[best]);
      loss = g_strdup_printf (_("The right answer is %d and the network gives it p = %.2f, "
                                "so the loss is −log %.2f = %.3f. Lower is better: 0 means "
                                "sure and right."),
                              s->probe_label, probs[s->probe_label], probs[s->probe_label],
                              s->probe_loss);
      {
        g_autofree char *value = g_strdup_printf ("%.3f", s->probe_loss);
        g_autofree char *detail = g_strdup_printf (_("label %d\np(%d) = %.2f\nanswer %d"),
                                                   s->probe_label, s->probe_label,
                                                   probs[s->probe_label], best);

        gtk_label_set_text (GTK_LABEL (self->loss_value), value);
        gtk_label_set_text (GTK_LABEL (self->loss_detail), detail);
      }
    }
  else
    {
      fwd = g_strdup (_("A sample goes through every layer to class probabilities."));
      loss = g_strdup (_("Cross-entropy: −log of the probability given to the right label."));
    }
  back = g_strdup (_("The chain rule carries dL/d(output) back through each layer (below), "
                     "giving dL/dW for every weight on the way."));
  gtk_label_set_text (GTK_LABEL (self->stage_forward), fwd);
  gtk_label_set_text (GTK_LABEL (self->stage_loss), loss);
  gtk_label_set_text (GTK_LABEL (self->stage_backward), back);

  g_string_append (upd, _("Each weight moves a little against its gradient (the optimizer "
                          "decides how far). Size of the change, ‖ΔW‖:"));
  for (guint i = 0; i < self->params->len; i++)
    {
      ParamLayer *p = &g_array_index (self->params, ParamLayer, i);

      g_string_append_printf (upd, "\n%s: %.3g", p->name, s->update_norms[p->layer]);
    }
  gtk_label_set_text (GTK_LABEL (self->stage_update), upd->str);
}

static void
chart_snapshot (ConvolveGradientView *self,
                CnnSnapshot          *s)
{
  /* the gradient of a step: nothing before the first, once per step */
  if (s->step <= 0 || s->step == self->last_chart_step)
    return;
  self->last_chart_step = s->step;
  for (guint i = 0; i < self->params->len; i++)
    {
      ParamLayer *p = &g_array_index (self->params, ParamLayer, i);

      convolve_plot_append (CONVOLVE_PLOT (self->plot), p->series, (double) s->step,
                            s->grad_norms[p->layer]);
    }
}

static void
forget_history (ConvolveGradientView *self)
{
  g_clear_pointer (&self->prev_params, g_free);
  self->n_prev_params = 0;
  self->last_chart_step = -1;
  if (self->plot != NULL)
    convolve_plot_clear (CONVOLVE_PLOT (self->plot));
}

/* ---- public ---- */

void
convolve_gradient_view_set_net (ConvolveGradientView *self,
                                const CnnNet         *net)
{
  g_return_if_fail (CONVOLVE_IS_GRADIENT_VIEW (self));

  stop_animation (self);
  clear_content (self);
  g_clear_pointer (&self->snapshot, cnn_snapshot_unref);
  g_clear_pointer (&self->pending, cnn_snapshot_unref);
  g_clear_pointer (&self->net, cnn_net_unref);
  forget_history (self);
  self->have_run = FALSE;
  if (net == NULL)
    return;

  self->net = cnn_net_copy (net);
  /* every slot but the softmax's, whose gradient is fused into the dense
   * layer's before it */
  self->n_reveal = net->n_layers + (net->layers[net->n_layers - 1].kind == CNN_LAYER_SOFTMAX ? 0 : 1);
  build (self);
}

/* The same state published again (a pause, say) is not a new pass */
static gboolean
same_pass (const CnnSnapshot *a,
           const CnnSnapshot *b)
{
  return a != NULL && a->run == b->run && a->step == b->step &&
         a->has_probe == b->has_probe && a->n_act == b->n_act &&
         memcmp (a->act_grads, b->act_grads, sizeof (float) * b->n_act) == 0;
}

/* Everything that explains the pass of snapshot: the four stages, the
 * forward maps, dL/dW and how far each kernel moved since the pass shown
 * before. The gradients of the flow come card by card in reveal_to(). */
static void
show_pass (ConvolveGradientView *self,
           CnnSnapshot          *snapshot)
{
  gboolean have_prev;
  gint64 steps = 0;

  cnn_snapshot_ref (snapshot);
  g_clear_pointer (&self->snapshot, cnn_snapshot_unref);
  self->snapshot = snapshot;

  have_prev = self->prev_params != NULL && self->n_prev_params == snapshot->n_params &&
              snapshot->step > self->prev_step;
  if (have_prev)
    steps = snapshot->step - self->prev_step;

  show_stages (self);
  show_param_grads (self);
  /* a snapshot with no new step keeps the last step's changes */
  if (have_prev || self->prev_params == NULL)
    show_deltas (self, have_prev, steps);
  if (self->prev_params == NULL || snapshot->step != self->prev_step)
    {
      if (self->prev_params == NULL)
        self->prev_params = g_new (float, snapshot->n_params);
      memcpy (self->prev_params, snapshot->params, sizeof (float) * snapshot->n_params);
      self->n_prev_params = snapshot->n_params;
      self->prev_step = snapshot->step;
    }
  if (snapshot->has_probe)
    show_forward (self);
}

void
convolve_gradient_view_set_snapshot (ConvolveGradientView *self,
                                     CnnSnapshot          *snapshot)
{
  gboolean new_pass;

  g_return_if_fail (CONVOLVE_IS_GRADIENT_VIEW (self));
  g_return_if_fail (snapshot != NULL);

  /* a snapshot of another structure (the worker not yet replaced after a
   * new spec) has nothing to show here */
  if (self->net == NULL || snapshot->n_layers != self->net->n_layers ||
      snapshot->n_params != self->net->n_params)
    return;

  if (!self->have_run || snapshot->run != self->run)
    {
      /* new weights or a new run: the old pass is not worth finishing */
      forget_history (self);
      stop_animation (self);
      g_clear_pointer (&self->pending, cnn_snapshot_unref);
      self->run = snapshot->run;
      self->have_run = TRUE;
    }

  /* the history does not wait for the reveal */
  chart_snapshot (self, snapshot);

  /* mid-reveal: the newest step waits its turn, alone */
  if (self->tick_id != 0)
    {
      if (!same_pass (self->pending != NULL ? self->pending : self->snapshot, snapshot))
        {
          cnn_snapshot_ref (snapshot);
          g_clear_pointer (&self->pending, cnn_snapshot_unref);
          self->pending = snapshot;
        }
      return;
    }

  new_pass = !same_pass (self->snapshot, snapshot);
  show_pass (self, snapshot);
  if (!snapshot->has_probe)
    return;
  if (new_pass)
    start_animation (self);
  else
    reveal_to (self, self->n_reveal);
}

void
convolve_gradient_view_set_speed (ConvolveGradientView *self,
                                  double                speed)
{
  g_return_if_fail (CONVOLVE_IS_GRADIENT_VIEW (self));

  if (!isfinite (speed))
    speed = 1.0;
  speed = CLAMP (speed, SPEED_MIN, SPEED_MAX);
  /* mid-animation, carry on from where it is at the new pace */
  if (self->tick_id != 0 && self->start_time != 0)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

      if (clock != NULL)
        {
          gint64 now = gdk_frame_clock_get_frame_time (clock);

          self->start_time = now - (gint64) ((now - self->start_time) * self->speed / speed);
        }
    }
  self->speed = speed;
}

double
convolve_gradient_view_get_speed (ConvolveGradientView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_GRADIENT_VIEW (self), 1.0);

  return self->speed;
}

gboolean
convolve_gradient_view_is_animating (ConvolveGradientView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_GRADIENT_VIEW (self), FALSE);

  return self->tick_id != 0;
}

int
convolve_gradient_view_get_revealed (ConvolveGradientView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_GRADIENT_VIEW (self), 0);

  return self->revealed;
}

float
convolve_gradient_view_get_layer_grad_max (ConvolveGradientView *self,
                                           int                   layer)
{
  Card *c;

  g_return_val_if_fail (CONVOLVE_IS_GRADIENT_VIEW (self), 0.0f);

  c = card_for_slot (self, layer + 1);
  if (c == NULL)
    return 0.0f;
  return c->grad_max;
}

void
convolve_gradient_view_skip_animation (ConvolveGradientView *self)
{
  g_return_if_fail (CONVOLVE_IS_GRADIENT_VIEW (self));

  if (self->tick_id == 0)
    return;
  stop_animation (self);
  if (self->pending != NULL)
    {
      CnnSnapshot *next = g_steal_pointer (&self->pending);

      show_pass (self, next);
      cnn_snapshot_unref (next);
      self->revealed = 0;
    }
  reveal_to (self, self->n_reveal);
}

gint64
convolve_gradient_view_get_shown_step (ConvolveGradientView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_GRADIENT_VIEW (self), -1);

  return self->snapshot != NULL ? self->snapshot->step : -1;
}

gint64
convolve_gradient_view_get_pending_step (ConvolveGradientView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_GRADIENT_VIEW (self), -1);

  return self->pending != NULL ? self->pending->step : -1;
}

/* ---- GObject ---- */

static void
convolve_gradient_view_dispose (GObject *object)
{
  ConvolveGradientView *self = CONVOLVE_GRADIENT_VIEW (object);

  stop_animation (self);
  clear_content (self);
  g_clear_pointer (&self->cards, g_array_unref);
  g_clear_pointer (&self->params, g_array_unref);
  g_clear_pointer (&self->snapshot, cnn_snapshot_unref);
  g_clear_pointer (&self->pending, cnn_snapshot_unref);
  g_clear_pointer (&self->net, cnn_net_unref);
  g_clear_pointer (&self->prev_params, g_free);

  G_OBJECT_CLASS (convolve_gradient_view_parent_class)->dispose (object);
}

static void
convolve_gradient_view_class_init (ConvolveGradientViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = convolve_gradient_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gradientview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
convolve_gradient_view_init (ConvolveGradientView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  self->speed = 1.0;
  self->last_chart_step = -1;
  self->cards = g_array_new (FALSE, TRUE, sizeof (Card));
  g_array_set_clear_func (self->cards, card_clear);
  self->params = g_array_new (FALSE, TRUE, sizeof (ParamLayer));
  g_array_set_clear_func (self->params, param_layer_clear);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The backward pass: gradients from the loss back to the input"),
                                  -1);
}

GtkWidget *
convolve_gradient_view_new (void)
{
  return g_object_new (CONVOLVE_TYPE_GRADIENT_VIEW, NULL);
}
