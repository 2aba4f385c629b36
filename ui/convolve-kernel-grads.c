/* convolve-kernel-grads.c — a card of dL/dW per parameterised layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "convolve-a11y.h"
#include "convolve-deferred.h"
#include "convolve-heatmap.h"
#include "convolve-kernel-grads.h"
#include "convolve-layer-card.h"
#include "convolve-legend.h"

#define KERNEL_CELL 5
#define DENSE_CELL 4
#define SPACING 3

typedef struct
{
  int        layer;
  GPtrArray *maps;      /* ConvolveHeatmap: conv [channel][filter]; dense one map */
  GtkWidget *legend;
} Layer;

struct _ConvolveKernelGrads
{
  GtkWidget parent_instance;

  GtkWidget *flow;      /* one card per layer, wrapping to the width */
  GArray    *layers;    /* Layer */
  CnnNet    *net;       /* for its shapes and offsets */
  /* the pass to show: drawn at once when on screen, else when it is
   * (below the fold, 150 maps redrawn at every pass cost frames) */
  CnnSnapshot *pass;
};

G_DEFINE_FINAL_TYPE (ConvolveKernelGrads, convolve_kernel_grads, GTK_TYPE_WIDGET)

static void
layer_clear (gpointer data)
{
  g_clear_pointer (&((Layer *) data)->maps, g_ptr_array_unref);
}

static GtkWidget *
new_map (int         rows,
         int         cols,
         int         cell,
         const char *label)
{
  GtkWidget *map = convolve_heatmap_new ();
  g_autofree float *zeros = g_new0 (float, (gsize) rows * cols);

  convolve_heatmap_set_cell_size (CONVOLVE_HEATMAP (map), cell);
  convolve_heatmap_set_data (CONVOLVE_HEATMAP (map), zeros, rows, cols, 1);
  gtk_widget_set_size_request (map, cols * cell, rows * cell);
  gtk_widget_set_halign (map, GTK_ALIGN_START);
  gtk_widget_set_valign (map, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (map), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return map;
}

static GtkWidget *
caption (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  return label;
}

static void
build_layer (ConvolveKernelGrads *self,
             const CnnNet        *net,
             int                  index)
{
  const CnnLayer *l = &net->layers[index];
  g_autofree char *name = convolve_layer_card_stage_name (net, index);
  g_autofree char *title = NULL;
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading, *grid = gtk_grid_new ();
  Layer layer = { index, g_ptr_array_new (), NULL };

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "kernel-card");
  if (l->kind == CNN_LAYER_CONV)
    /* Translators: "conv 2: 16 filters × 8 input channels, 3×3 each" */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %d filters × %d input channel, %d×%d each",
                                          "%s: %d filters × %d input channels, %d×%d each", l->in.c),
                             name, l->out.c, l->in.c, l->k, l->k);
  else
    title = g_strdup_printf (_("%s: %d outputs × %d inputs"), name, l->out.c,
                             (int) cnn_shape_size (l->in));
  heading = gtk_label_new (title);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
  gtk_box_append (GTK_BOX (card), heading);

  gtk_grid_set_row_spacing (GTK_GRID (grid), SPACING);
  gtk_grid_set_column_spacing (GTK_GRID (grid), SPACING);
  if (l->kind == CNN_LAYER_CONV)
    {
      gtk_box_append (GTK_BOX (card), caption (l->in.c == 1 ? _("one kernel per filter →")
                                                            : _("filter → (columns), input channel ↓ (rows)")));
      for (int ch = 0; ch < l->in.c; ch++)
        for (int f = 0; f < l->out.c; f++)
          {
            /* Translators: "dL/dW of conv 2, filter 3, input channel 1" */
            g_autofree char *label = g_strdup_printf (_("dL/dW of %s, filter %d, input channel %d"),
                                                      name, f + 1, ch + 1);
            GtkWidget *map = new_map (l->k, l->k, KERNEL_CELL, label);

            gtk_grid_attach (GTK_GRID (grid), map, f, ch, 1, 1);
            g_ptr_array_add (layer.maps, map);
          }
    }
  else
    {
      g_autofree char *label = g_strdup_printf (_("dL/dW of %s"), name);
      GtkWidget *map = new_map (l->out.c, (int) cnn_shape_size (l->in), DENSE_CELL, label);

      gtk_box_append (GTK_BOX (card), caption (_("one row per output (class), one column per input")));
      gtk_grid_attach (GTK_GRID (grid), map, 0, 0, 1, 1);
      g_ptr_array_add (layer.maps, map);
    }
  gtk_box_append (GTK_BOX (card), grid);
  layer.legend = convolve_legend_new (CONVOLVE_SCALE_DIVERGING, "dL/dW");
  gtk_box_append (GTK_BOX (card), layer.legend);
  gtk_flow_box_append (GTK_FLOW_BOX (self->flow), card);
  /* the cell takes the focus: named by its heading (GTK 4.8 names it by
   * its type, newer GTK by every text in it) */
  convolve_a11y_set_label (gtk_widget_get_parent (card), title);
  g_array_append_val (self->layers, layer);
}

void
convolve_kernel_grads_set_net (ConvolveKernelGrads *self,
                               const CnnNet        *net)
{
  GtkWidget *child;

  g_return_if_fail (CONVOLVE_IS_KERNEL_GRADS (self));

  while ((child = gtk_widget_get_first_child (self->flow)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->flow), child);
  g_array_set_size (self->layers, 0);
  g_clear_pointer (&self->net, cnn_net_unref);
  g_clear_pointer (&self->pass, cnn_snapshot_unref);
  if (net == NULL)
    return;
  self->net = cnn_net_ref ((CnnNet *) net);
  for (int i = 0; i < net->n_layers; i++)
    if (net->layers[i].kind == CNN_LAYER_CONV || net->layers[i].kind == CNN_LAYER_DENSE)
      build_layer (self, net, i);
}

static void
fill (ConvolveKernelGrads *self)
{
  CnnSnapshot *s = self->pass;

  if (s == NULL || self->net == NULL || s->n_params != self->net->n_params || !s->has_probe)
    return;
  for (guint i = 0; i < self->layers->len; i++)
    {
      Layer *layer = &g_array_index (self->layers, Layer, i);
      const CnnLayer *l = &self->net->layers[layer->layer];
      const float *w = s->param_grads + l->w_offset;
      float range = convolve_colormap_range (CONVOLVE_SCALE_DIVERGING, w, l->n_weights);

      if (l->kind == CNN_LAYER_CONV)
        {
          int cin = l->in.c, cout = l->out.c;

          /* weights [ky][kx][c_in][c_out]: kernel (f, ch) starts at ch·cout + f
           * and steps by cin·cout from one cell to the next */
          for (int ch = 0; ch < cin; ch++)
            for (int f = 0; f < cout; f++)
              {
                ConvolveHeatmap *map = g_ptr_array_index (layer->maps, ch * cout + f);

                convolve_heatmap_set_scale (map, CONVOLVE_SCALE_DIVERGING, range);
                convolve_heatmap_set_data (map, w + ch * cout + f, l->k, l->k, cin * cout);
              }
        }
      else
        {
          ConvolveHeatmap *map = g_ptr_array_index (layer->maps, 0);

          convolve_heatmap_set_scale (map, CONVOLVE_SCALE_DIVERGING, range);
          convolve_heatmap_set_data (map, w, l->out.c, (int) cnn_shape_size (l->in), 1);
        }
      convolve_legend_set_range (CONVOLVE_LEGEND (layer->legend), range);
    }
}

void
convolve_kernel_grads_show_pass (ConvolveKernelGrads *self,
                                 CnnSnapshot         *s)
{
  g_return_if_fail (CONVOLVE_IS_KERNEL_GRADS (self));
  g_return_if_fail (s != NULL);

  cnn_snapshot_ref (s);
  g_clear_pointer (&self->pass, cnn_snapshot_unref);
  self->pass = s;
  convolve_deferred_queue (GTK_WIDGET (self));
}

static void
convolve_kernel_grads_dispose (GObject *object)
{
  ConvolveKernelGrads *self = CONVOLVE_KERNEL_GRADS (object);

  g_clear_pointer (&self->flow, gtk_widget_unparent);
  g_clear_pointer (&self->layers, g_array_unref);
  g_clear_pointer (&self->net, cnn_net_unref);
  g_clear_pointer (&self->pass, cnn_snapshot_unref);

  G_OBJECT_CLASS (convolve_kernel_grads_parent_class)->dispose (object);
}

static void
convolve_kernel_grads_class_init (ConvolveKernelGradsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = convolve_kernel_grads_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kernelgrads");
}

static void
convolve_kernel_grads_init (ConvolveKernelGrads *self)
{
  self->layers = g_array_new (FALSE, TRUE, sizeof (Layer));
  g_array_set_clear_func (self->layers, layer_clear);
  /* cards side by side, wrapping when the page is narrow: never wider */
  self->flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (self->flow), FALSE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->flow), 8);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->flow), 12);
  gtk_widget_set_valign (self->flow, GTK_ALIGN_START);
  gtk_widget_set_parent (self->flow, GTK_WIDGET (self));
  convolve_deferred_attach (GTK_WIDGET (self), (ConvolveDeferredFunc) fill);
}

GtkWidget *
convolve_kernel_grads_new (void)
{
  return g_object_new (CONVOLVE_TYPE_KERNEL_GRADS, NULL);
}
