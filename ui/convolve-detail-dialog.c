/* convolve-detail-dialog.c — one feature map taken apart: kernel, patch, sum
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "convolve-detail-dialog.h"
#include "convolve-layer-card.h"
#include "convolve-legend.h"

#define MAP_PIXELS 300
#define SMALL_CELL 30

struct _ConvolveDetailDialog
{
  AdwWindow parent_instance;

  /* the conv layer, copied: shapes, padding, one filter */
  int       layer;
  int       channel;
  gboolean  after_relu;  /* the clicked map was the ReLU's */
  int       k, pad;
  CnnShape  in, out;
  float    *input;       /* [in.h][in.w][in.c], the conv's input */
  float    *kernel;      /* [c_in][k][k] */
  float     bias;
  float    *map;         /* [out.h][out.w], the map shown */
  float     input_range;
  ConvolveScale input_scale;

  int       row, col;
  float     z;
  float    *patch;       /* [c_in][k][k], 0 where the patch hangs over the edge */
  char     *arithmetic;

  ConvolveHeatmap *map_view;
  GPtrArray *patch_views;  /* ConvolveHeatmap per input channel */
  GPtrArray *sum_labels;   /* GtkLabel per input channel */
  GtkLabel  *arithmetic_label;
  GtkLabel  *cell_label;
};

G_DEFINE_FINAL_TYPE (ConvolveDetailDialog, convolve_detail_dialog, ADW_TYPE_WINDOW)

/* Two decimals with a real minus sign, and no "−0.00". */
static void
append_number (GString *s,
               float    v)
{
  char buf[32];

  g_string_append (s, convolve_format_number (v, 2, buf, sizeof buf));
}

/* A factor of a product: "(−1.46)", so "0.05×(−1.46)" cannot be read as a
 * subtraction. */
static void
append_factor (GString *s,
               float    v)
{
  char buf[32];

  convolve_format_number (v, 2, buf, sizeof buf);
  if (g_str_has_prefix (buf, "−"))
    g_string_append_printf (s, "(%s)", buf);
  else
    g_string_append (s, buf);
}

/* " + 0.07" or " − 0.52": a term added to a sum */
static void
append_term (GString *s,
             float    v)
{
  char buf[32];

  convolve_format_number (v, 2, buf, sizeof buf);
  if (g_str_has_prefix (buf, "−"))
    g_string_append_printf (s, " − %s", buf + strlen ("−"));
  else
    g_string_append_printf (s, " + %s", buf);
}

static char *
format_number (float v)
{
  GString *s = g_string_new (NULL);

  append_number (s, v);
  return g_string_free (s, FALSE);
}

static void
recompute (ConvolveDetailDialog *self)
{
  int k = self->k, cin = self->in.c;
  g_autofree float *sums = g_new0 (float, cin);
  GString *text = g_string_new (NULL);
  float total = 0.0f, relu;

  for (int ci = 0; ci < cin; ci++)
    for (int ky = 0; ky < k; ky++)
      for (int kx = 0; kx < k; kx++)
        {
          int iy = self->row + ky - self->pad;
          int ix = self->col + kx - self->pad;
          float v = 0.0f;

          if (iy >= 0 && iy < self->in.h && ix >= 0 && ix < self->in.w)
            v = self->input[(iy * self->in.w + ix) * cin + ci];
          self->patch[(ci * k + ky) * k + kx] = v;
          sums[ci] += v * self->kernel[(ci * k + ky) * k + kx];
        }
  for (int ci = 0; ci < cin; ci++)
    total += sums[ci];
  self->z = total + self->bias;
  relu = MAX (self->z, 0.0f);

  if (cin == 1)
    {
      for (int i = 0; i < k * k; i++)
        {
          if (i > 0)
            g_string_append (text, " + ");
          append_factor (text, self->patch[i]);
          g_string_append (text, "×");
          append_factor (text, self->kernel[i]);
        }
    }
  else
    {
      for (int ci = 0; ci < cin; ci++)
        {
          if (ci > 0)
            g_string_append (text, " + ");
          g_string_append_printf (text, _("channel %d: "), ci + 1);
          append_number (text, sums[ci]);
        }
    }
  g_string_append (text, " = ");
  append_number (text, total);
  g_string_append (text, "\n");
  /* "z = 0.19 + 0.07 (bias) = 0.26" */
  g_string_append (text, "z = ");
  append_number (text, total);
  append_term (text, self->bias);
  g_string_append (text, _(" (bias) = "));
  append_number (text, self->z);
  g_string_append (text, "\n");
  g_string_append (text, "ReLU(z) = max(0, ");
  append_number (text, self->z);
  g_string_append (text, ") = ");
  append_number (text, relu);

  g_free (self->arithmetic);
  self->arithmetic = g_string_free (text, FALSE);

  if (self->arithmetic_label == NULL)
    return;

  gtk_label_set_text (self->arithmetic_label, self->arithmetic);
  convolve_heatmap_set_highlight (self->map_view, self->row, self->col);
  for (int ci = 0; ci < cin; ci++)
    {
      g_autofree char *sum = format_number (sums[ci]);
      g_autofree char *eq = g_strdup_printf ("= %s", sum);

      convolve_heatmap_set_data (g_ptr_array_index (self->patch_views, ci),
                                 self->patch + ci * k * k, k, k, 1);
      gtk_label_set_text (g_ptr_array_index (self->sum_labels, ci), eq);
    }
  {
    g_autofree char *cell = g_strdup_printf (_("Output cell: row %d, column %d"),
                                             self->row + 1, self->col + 1);
    gtk_label_set_text (self->cell_label, cell);
  }
}

void
convolve_detail_dialog_set_cell (ConvolveDetailDialog *self,
                                 int                   row,
                                 int                   col)
{
  g_return_if_fail (CONVOLVE_IS_DETAIL_DIALOG (self));
  g_return_if_fail (row >= 0 && row < self->out.h);
  g_return_if_fail (col >= 0 && col < self->out.w);

  self->row = row;
  self->col = col;
  recompute (self);
}

void
convolve_detail_dialog_get_cell (ConvolveDetailDialog *self,
                                 int                  *row,
                                 int                  *col)
{
  g_return_if_fail (CONVOLVE_IS_DETAIL_DIALOG (self));
  if (row != NULL)
    *row = self->row;
  if (col != NULL)
    *col = self->col;
}

int
convolve_detail_dialog_get_conv_layer (ConvolveDetailDialog *self)
{
  g_return_val_if_fail (CONVOLVE_IS_DETAIL_DIALOG (self), -1);
  return self->layer;
}

float
convolve_detail_dialog_get_z (ConvolveDetailDialog *self)
{
  g_return_val_if_fail (CONVOLVE_IS_DETAIL_DIALOG (self), NAN);
  return self->z;
}

const char *
convolve_detail_dialog_get_arithmetic (ConvolveDetailDialog *self)
{
  g_return_val_if_fail (CONVOLVE_IS_DETAIL_DIALOG (self), NULL);
  return self->arithmetic;
}

ConvolveHeatmap *
convolve_detail_dialog_get_map (ConvolveDetailDialog *self)
{
  g_return_val_if_fail (CONVOLVE_IS_DETAIL_DIALOG (self), NULL);
  return self->map_view;
}

static void
on_map_cell_activated (ConvolveHeatmap      *map,
                       int                   row,
                       int                   col,
                       ConvolveDetailDialog *self)
{
  convolve_detail_dialog_set_cell (self, row, col);
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  return label;
}

static GtkWidget *
small_heatmap (ConvolveScale scale,
               float         range,
               const char   *accessible)
{
  GtkWidget *map = convolve_heatmap_new ();

  convolve_heatmap_set_cell_size (CONVOLVE_HEATMAP (map), SMALL_CELL);
  convolve_heatmap_set_show_values (CONVOLVE_HEATMAP (map), TRUE);
  convolve_heatmap_set_scale (CONVOLVE_HEATMAP (map), scale, range);
  gtk_widget_set_halign (map, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (map, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (map),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return map;
}

static void
build (ConvolveDetailDialog *self,
       const char           *title,
       const char           *subtitle)
{
  GtkWidget *outer, *header, *scroller, *body, *left, *right, *grid, *legend, *note;
  int k = self->k, cin = self->in.c;
  float kernel_range, map_range;
  ConvolveScale map_scale = self->after_relu ? CONVOLVE_SCALE_SEQUENTIAL
                                             : CONVOLVE_SCALE_DIVERGING;

  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_window_set_default_size (GTK_WINDOW (self), 980, 660);

  outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (title, subtitle));
  gtk_box_append (GTK_BOX (outer), header);

  scroller = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (outer), scroller);

  body = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 36);
  gtk_widget_add_css_class (body, "detail-body");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), body);
  /* the viewport would otherwise squeeze the maps to their smallest cells */
  {
    GtkWidget *viewport = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));

    gtk_scrollable_set_hscroll_policy (GTK_SCROLLABLE (viewport), GTK_SCROLL_NATURAL);
    gtk_scrollable_set_vscroll_policy (GTK_SCROLLABLE (viewport), GTK_SCROLL_NATURAL);
  }

  /* left: the map, large; a click picks the cell to explain */
  left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  gtk_widget_set_valign (left, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (body), left);
  gtk_box_append (GTK_BOX (left), heading (self->after_relu ? _("Feature map after ReLU")
                                                            : _("Feature map (z, before ReLU)")));
  note = gtk_label_new (_("Click a cell to see how it is computed."));
  gtk_widget_add_css_class (note, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (note), 0.0f);
  gtk_box_append (GTK_BOX (left), note);

  map_range = convolve_colormap_range (map_scale, self->map, (gsize) self->out.h * self->out.w);
  self->map_view = CONVOLVE_HEATMAP (convolve_heatmap_new ());
  convolve_heatmap_set_cell_size (self->map_view, MAP_PIXELS / MAX (self->out.h, self->out.w));
  convolve_heatmap_set_show_values (self->map_view, TRUE);
  convolve_heatmap_set_scale (self->map_view, map_scale, map_range);
  convolve_heatmap_set_data (self->map_view, self->map, self->out.h, self->out.w, 1);
  gtk_widget_set_focusable (GTK_WIDGET (self->map_view), TRUE);
  gtk_widget_set_halign (GTK_WIDGET (self->map_view), GTK_ALIGN_START);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->map_view), "pointer");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->map_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_signal_connect (self->map_view, "cell-activated",
                    G_CALLBACK (on_map_cell_activated), self);
  gtk_box_append (GTK_BOX (left), GTK_WIDGET (self->map_view));
  legend = convolve_legend_new (map_scale, self->after_relu ? _("activation") : _("z"));
  convolve_legend_set_range (CONVOLVE_LEGEND (legend), map_range);
  gtk_box_append (GTK_BOX (left), legend);

  /* right: patch ⊙ kernel per input channel, then the sum */
  right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  gtk_widget_set_hexpand (right, TRUE);
  gtk_box_append (GTK_BOX (body), right);
  gtk_box_append (GTK_BOX (right), heading (_("How one cell is computed")));
  self->cell_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->cell_label, 0.0f);
  gtk_widget_add_css_class (GTK_WIDGET (self->cell_label), "dim-label");
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (self->cell_label));

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 10);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_box_append (GTK_BOX (right), grid);
  gtk_grid_attach (GTK_GRID (grid), heading (_("input patch")), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), heading (_("kernel")), 3, 0, 1, 1);

  kernel_range = convolve_colormap_range (CONVOLVE_SCALE_DIVERGING, self->kernel, (gsize) k * k * cin);
  self->patch_views = g_ptr_array_new ();
  self->sum_labels = g_ptr_array_new ();
  for (int ci = 0; ci < cin; ci++)
    {
      g_autofree char *name = g_strdup_printf (_("channel %d"), ci + 1);
      g_autofree char *patch_name = g_strdup_printf (_("input patch, channel %d"), ci + 1);
      g_autofree char *kernel_name = g_strdup_printf (_("kernel, channel %d"), ci + 1);
      GtkWidget *label = gtk_label_new (cin > 1 ? name : "");
      GtkWidget *patch = small_heatmap (self->input_scale, self->input_range, patch_name);
      GtkWidget *kernel = small_heatmap (CONVOLVE_SCALE_DIVERGING, kernel_range, kernel_name);
      GtkWidget *times = gtk_label_new ("⊙");
      GtkWidget *sum = gtk_label_new (NULL);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (times, "title-3");
      gtk_widget_add_css_class (sum, "numeric");
      gtk_label_set_xalign (GTK_LABEL (sum), 0.0f);
      convolve_heatmap_set_data (CONVOLVE_HEATMAP (kernel), self->kernel + ci * k * k, k, k, 1);
      gtk_grid_attach (GTK_GRID (grid), label, 0, ci + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), patch, 1, ci + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), times, 2, ci + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), kernel, 3, ci + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), sum, 4, ci + 1, 1, 1);
      g_ptr_array_add (self->patch_views, patch);
      g_ptr_array_add (self->sum_labels, sum);
    }

  gtk_box_append (GTK_BOX (right), heading (_("Σ (patch ⊙ kernel) + bias = z → ReLU(z)")));
  self->arithmetic_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->arithmetic_label, TRUE);
  gtk_label_set_selectable (self->arithmetic_label, TRUE);
  gtk_label_set_xalign (self->arithmetic_label, 0.0f);
  gtk_label_set_max_width_chars (self->arithmetic_label, 60);
  gtk_widget_add_css_class (GTK_WIDGET (self->arithmetic_label), "arithmetic");
  gtk_box_append (GTK_BOX (right), GTK_WIDGET (self->arithmetic_label));

  note = gtk_label_new (cin > 1
                        ? _("Each input channel has its own kernel: the cells of the patch are "
                            "multiplied by the kernel's numbers and added up, per channel; the "
                            "channel sums and the filter's bias make z. Cells outside the "
                            "map count as 0 (padding).")
                        : _("The cells of the patch are multiplied by the kernel's numbers and "
                            "added up; the filter's bias makes z. Cells outside the drawing "
                            "count as 0 (padding)."));
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (note), 0.0f);
  gtk_label_set_max_width_chars (GTK_LABEL (note), 60);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_box_append (GTK_BOX (right), note);

  adw_window_set_content (ADW_WINDOW (self), outer);
}

GtkWidget *
convolve_detail_dialog_new (GtkWindow    *parent,
                            const CnnNet *net,
                            CnnWorkspace *ws,
                            int           layer,
                            int           channel)
{
  ConvolveDetailDialog *self;
  const CnnLayer *l;
  const float *in, *out, *w;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  gsize n_in;
  float in_min = 0.0f;
  int best, conv;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (net != NULL && ws != NULL, NULL);
  g_return_val_if_fail (layer >= 0 && layer < net->n_layers, NULL);

  conv = cnn_net_explained_conv (net, layer);
  g_return_val_if_fail (conv >= 0, NULL);

  self = g_object_new (CONVOLVE_TYPE_DETAIL_DIALOG,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       "destroy-with-parent", TRUE,
                       NULL);

  self->after_relu = conv != layer;
  layer = conv;
  l = &net->layers[layer];
  g_return_val_if_fail (channel >= 0 && channel < l->out.c, NULL);

  self->layer = layer;
  self->channel = channel;
  self->k = l->k;
  self->pad = l->pad;
  self->in = l->in;
  self->out = l->out;

  in = layer == 0 ? cnn_workspace_input (ws) : cnn_workspace_output (ws, layer - 1);
  n_in = cnn_shape_size (l->in);
  self->input = g_memdup2 (in, n_in * sizeof (float));
  for (gsize i = 0; i < n_in; i++)
    in_min = MIN (in_min, in[i]);
  self->input_scale = in_min < 0 ? CONVOLVE_SCALE_DIVERGING : CONVOLVE_SCALE_SEQUENTIAL;
  self->input_range = layer == 0 ? 1.0f : convolve_colormap_range (self->input_scale, in, n_in);

  /* weights are [ky][kx][c_in][c_out]; keep this filter's as [c_in][ky][kx] */
  w = net->params + l->w_offset;
  self->kernel = g_new (float, l->k * l->k * l->in.c);
  for (int ky = 0; ky < l->k; ky++)
    for (int kx = 0; kx < l->k; kx++)
      for (int ci = 0; ci < l->in.c; ci++)
        self->kernel[(ci * l->k + ky) * l->k + kx] =
          w[((ky * l->k + kx) * l->in.c + ci) * l->out.c + channel];
  self->bias = net->params[l->b_offset + channel];
  self->patch = g_new0 (float, l->k * l->k * l->in.c);

  out = cnn_workspace_output (ws, layer);
  self->map = g_new (float, l->out.h * l->out.w);
  for (int i = 0; i < l->out.h * l->out.w; i++)
    {
      float z = out[i * l->out.c + channel];

      self->map[i] = self->after_relu ? MAX (z, 0.0f) : z;
    }
  best = cnn_argmax (self->map, l->out.h * l->out.w);

  {
    g_autofree char *name = convolve_layer_card_stage_name (net, self->after_relu ? layer + 1 : layer);

    /* Translators: "ReLU 1, feature map 3" */
    title = g_strdup_printf (_("%s, feature map %d"), name, channel + 1);
  }
  subtitle = cnn_net_describe_layer (net, layer);
  build (self, title, subtitle);

  /* start on the strongest response: the most telling cell */
  convolve_detail_dialog_set_cell (self, best / l->out.w, best % l->out.w);

  return GTK_WIDGET (self);
}

static void
convolve_detail_dialog_finalize (GObject *object)
{
  ConvolveDetailDialog *self = CONVOLVE_DETAIL_DIALOG (object);

  g_free (self->input);
  g_free (self->kernel);
  g_free (self->map);
  g_free (self->patch);
  g_free (self->arithmetic);
  g_clear_pointer (&self->patch_views, g_ptr_array_unref);
  g_clear_pointer (&self->sum_labels, g_ptr_array_unref);

  G_OBJECT_CLASS (convolve_detail_dialog_parent_class)->finalize (object);
}

static void
convolve_detail_dialog_class_init (ConvolveDetailDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = convolve_detail_dialog_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
convolve_detail_dialog_init (ConvolveDetailDialog *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "detail-dialog");
}
