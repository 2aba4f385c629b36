/* convolve-filters-view.c — every learned kernel of every conv layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "convolve-deferred.h"
#include "convolve-filters-view.h"
#include "convolve-legend.h"

#define KERNEL_CELL 16
#define KERNEL_CELL_NUMBERS 34

typedef struct
{
  char      *title;
  int        layer;
  int        nth;
  int        filters;
  int        channels;
  GPtrArray *kernels;   /* ConvolveHeatmap, filter-major, borrowed */
  GPtrArray *biases;    /* GtkInscription per filter, borrowed */
  GtkWidget *legend;
} Section;

struct _ConvolveFiltersView
{
  GtkWidget parent_instance;

  GArray   *sections;   /* Section */
  GtkWidget *box;       /* the sections, one below the other */
  gboolean  show_numbers;
  CnnNet   *weights;    /* the newest, until shown (convolve-deferred) */
};

G_DEFINE_FINAL_TYPE (ConvolveFiltersView, convolve_filters_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SHOW_NUMBERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
section_clear (gpointer data)
{
  Section *s = data;

  g_clear_pointer (&s->title, g_free);
  g_clear_pointer (&s->kernels, g_ptr_array_unref);
  g_clear_pointer (&s->biases, g_ptr_array_unref);
}

static void
apply_show_numbers (ConvolveFiltersView *self)
{
  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *s = &g_array_index (self->sections, Section, i);

      for (guint k = 0; k < s->kernels->len; k++)
        {
          ConvolveHeatmap *map = g_ptr_array_index (s->kernels, k);
          int cell = self->show_numbers ? KERNEL_CELL_NUMBERS : KERNEL_CELL;

          convolve_heatmap_set_show_values (map, self->show_numbers);
          convolve_heatmap_set_cell_size (map, cell);
          /* never squeezed below the chosen cell size: scroll instead */
          gtk_widget_set_size_request (GTK_WIDGET (map),
                                       cell * convolve_heatmap_get_cols (map),
                                       cell * convolve_heatmap_get_rows (map));
        }
    }
}

static GtkWidget *
axis_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static char *
bias_text (int   cin,
           int   filter,
           float bias)
{
  return cin > 1 ? g_strdup_printf (_("filter %d, bias %+.2f"), filter + 1, bias)
                 : g_strdup_printf (_("filter %d\nbias %+.2f"), filter + 1, bias);
}

/* A filter's bias changes at every step while training, and a label's new
 * text would lay the whole window out again: a GtkInscription, which it
 * only redraws, sized for the text with the widest number it shows */
static GtkWidget *
bias_figure (int cin,
             int filter)
{
  g_autofree char *widest = bias_text (cin, filter, -88.88f);
  g_auto (GStrv) lines = g_strsplit (widest, "\n", -1);
  GtkWidget *w = gtk_inscription_new (NULL);
  guint chars = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    chars = MAX (chars, (guint) g_utf8_strlen (lines[i], -1));
  gtk_widget_add_css_class (w, "caption");
  gtk_widget_add_css_class (w, "dim-label");
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (w), chars);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (w), chars);
  gtk_inscription_set_min_lines (GTK_INSCRIPTION (w), g_strv_length (lines));
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (w), g_strv_length (lines));
  gtk_inscription_set_xalign (GTK_INSCRIPTION (w), cin > 1 ? 1.0f : 0.5f);
  return w;
}

/* The numbers of one section: kernels, biases, the scale */
static void
fill_section (Section      *s,
              const CnnNet *net)
{
  const CnnLayer *l = &net->layers[s->layer];
  const float *w = net->params + l->w_offset;
  const float *b = net->params + l->b_offset;
  int k = l->k, cin = l->in.c, cout = l->out.c;
  g_autofree float *kernel = g_new (float, (gsize) l->k * l->k);
  /* one scale per layer, symmetric about 0: blue pulls down, red pushes up */
  float range = convolve_colormap_range (CONVOLVE_SCALE_DIVERGING, w, l->n_weights);

  convolve_legend_set_range (CONVOLVE_LEGEND (s->legend), range);
  for (int co = 0; co < cout; co++)
    {
      g_autofree char *text = bias_text (cin, co, b[co]);

      gtk_inscription_set_text (g_ptr_array_index (s->biases, co), text);
      for (int ci = 0; ci < cin; ci++)
        {
          ConvolveHeatmap *map = g_ptr_array_index (s->kernels, co * cin + ci);

          /* weights are [ky][kx][c_in][c_out]: gather one k×k kernel */
          for (int ky = 0; ky < k; ky++)
            for (int kx = 0; kx < k; kx++)
              kernel[ky * k + kx] = w[((ky * k + kx) * cin + ci) * cout + co];
          convolve_heatmap_set_scale (map, CONVOLVE_SCALE_DIVERGING, range);
          convolve_heatmap_set_data (map, kernel, k, k, 1);
        }
    }
}

/* The widgets of one conv layer's section, without numbers */
static void
build_section (ConvolveFiltersView *self,
               const CnnNet        *net,
               int                  layer,
               int                  nth)
{
  const CnnLayer *l = &net->layers[layer];
  int k = l->k, cin = l->in.c, cout = l->out.c;
  Section s = { 0 };
  g_autofree char *desc = cnn_net_describe_layer (net, layer);
  GtkWidget *card, *header, *subtitle, *grid, *top;

  s.layer = layer;
  s.nth = nth;
  s.filters = cout;
  s.channels = cin;
  s.kernels = g_ptr_array_new ();
  s.biases = g_ptr_array_new ();
  s.title = g_strdup_printf (_("conv %d: %d × (%d×%d×%d)"), nth, cout, k, k, cin);

  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "filters-section");
  gtk_widget_set_halign (card, GTK_ALIGN_START);

  /* the title and the scale on one line, the explanation under them: a
   * wrapping label beside something else would make the row's width
   * depend on its height */
  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_box_append (GTK_BOX (top), g_object_new (GTK_TYPE_LABEL,
                                               "label", s.title,
                                               "xalign", 0.0f,
                                               "hexpand", TRUE,
                                               "css-classes", (const char *[]) { "title-4", NULL },
                                               NULL));
  {
    g_autofree char *text = NULL;

    if (cin == 1)
      text = g_strdup_printf (_("%s. Each filter is one %d×%d kernel over the drawing."),
                              desc, k, k);
    else
      text = g_strdup_printf (_("%s. Each filter has one %d×%d kernel per input channel "
                                "(one row per filter, one column per channel); "
                                "their results are added."), desc, k, k);
    subtitle = gtk_label_new (text);
    gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
    gtk_label_set_width_chars (GTK_LABEL (subtitle), 50);
    gtk_label_set_max_width_chars (GTK_LABEL (subtitle), 70);
    gtk_label_set_xalign (GTK_LABEL (subtitle), 0.0f);
    gtk_widget_add_css_class (subtitle, "dim-label");
    gtk_box_append (GTK_BOX (header), subtitle);
  }

  s.legend = convolve_legend_new (CONVOLVE_SCALE_DIVERGING, _("weight"));
  gtk_widget_set_valign (s.legend, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (top), s.legend);
  gtk_box_append (GTK_BOX (header), top);
  gtk_box_reorder_child_after (GTK_BOX (header), top, NULL);
  gtk_box_append (GTK_BOX (card), header);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), cin == 1 ? 12 : 6);
  if (cin > 1)
    {
      GtkWidget *corner = axis_label (_("filter ╲ input channel"));

      gtk_grid_attach (GTK_GRID (grid), corner, 0, 0, 1, 1);
      for (int ci = 0; ci < cin; ci++)
        {
          g_autofree char *text = g_strdup_printf ("%d", ci + 1);
          gtk_grid_attach (GTK_GRID (grid), axis_label (text), ci + 1, 0, 1, 1);
        }
    }

  for (int co = 0; co < cout; co++)
    {
      GtkWidget *bias = bias_figure (cin, co);

      if (cin > 1)
        gtk_grid_attach (GTK_GRID (grid), bias, 0, co + 1, 1, 1);
      else
        gtk_grid_attach (GTK_GRID (grid), bias, co, 1, 1, 1);
      g_ptr_array_add (s.biases, bias);

      for (int ci = 0; ci < cin; ci++)
        {
          GtkWidget *map = convolve_heatmap_new ();
          g_autofree char *label = NULL;

          gtk_widget_set_halign (map, GTK_ALIGN_CENTER);
          gtk_widget_set_valign (map, GTK_ALIGN_CENTER);
          if (cin == 1)
            label = g_strdup_printf (_("conv %d, filter %d kernel"), nth, co + 1);
          else
            label = g_strdup_printf (_("conv %d, filter %d, input channel %d kernel"),
                                     nth, co + 1, ci + 1);
          gtk_accessible_update_property (GTK_ACCESSIBLE (map),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
          if (cin == 1)
            gtk_grid_attach (GTK_GRID (grid), map, co, 0, 1, 1);
          else
            gtk_grid_attach (GTK_GRID (grid), map, ci + 1, co + 1, 1, 1);
          g_ptr_array_add (s.kernels, map);
        }
    }
  gtk_box_append (GTK_BOX (card), grid);
  gtk_box_append (GTK_BOX (self->box), card);
  fill_section (&s, net);
  g_array_append_val (self->sections, s);
}

void
convolve_filters_view_set_net (ConvolveFiltersView *self,
                               const CnnNet        *net)
{
  GtkWidget *child;
  int nth = 0;

  g_return_if_fail (CONVOLVE_IS_FILTERS_VIEW (self));

  /* shown now, whole: older weights waiting would be of another shape */
  g_clear_pointer (&self->weights, cnn_net_unref);
  g_array_set_size (self->sections, 0);
  while ((child = gtk_widget_get_first_child (self->box)) != NULL)
    gtk_box_remove (GTK_BOX (self->box), child);
  if (net == NULL)
    return;

  for (int i = 0; i < net->n_layers; i++)
    if (net->layers[i].kind == CNN_LAYER_CONV)
      build_section (self, net, i, ++nth);
  apply_show_numbers (self);
}

static void
fill_weights (ConvolveFiltersView *self)
{
  g_autoptr (CnnNet) net = g_steal_pointer (&self->weights);

  for (guint i = 0; net != NULL && i < self->sections->len; i++)
    fill_section (&g_array_index (self->sections, Section, i), net);
}

void
convolve_filters_view_set_weights (ConvolveFiltersView *self,
                                   CnnNet              *net)
{
  g_return_if_fail (CONVOLVE_IS_FILTERS_VIEW (self));
  g_return_if_fail (net != NULL);

  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *s = &g_array_index (self->sections, Section, i);

      g_return_if_fail (s->layer < net->n_layers && net->layers[s->layer].kind == CNN_LAYER_CONV
                        && net->layers[s->layer].out.c == s->filters);
    }
  g_clear_pointer (&self->weights, cnn_net_unref);
  self->weights = cnn_net_ref (net);
  convolve_deferred_queue (GTK_WIDGET (self));
}

void
convolve_filters_view_set_show_numbers (ConvolveFiltersView *self,
                                        gboolean             show)
{
  g_return_if_fail (CONVOLVE_IS_FILTERS_VIEW (self));

  show = !!show;
  if (self->show_numbers == show)
    return;
  self->show_numbers = show;
  apply_show_numbers (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_NUMBERS]);
}

gboolean
convolve_filters_view_get_show_numbers (ConvolveFiltersView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_FILTERS_VIEW (self), FALSE);
  return self->show_numbers;
}

int
convolve_filters_view_get_n_sections (ConvolveFiltersView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_FILTERS_VIEW (self), 0);
  return (int) self->sections->len;
}

static Section *
get_section (ConvolveFiltersView *self,
             int                  section)
{
  if (section < 0 || section >= (int) self->sections->len)
    return NULL;
  return &g_array_index (self->sections, Section, section);
}

const char *
convolve_filters_view_get_title (ConvolveFiltersView *self,
                                 int                  section)
{
  Section *s;

  g_return_val_if_fail (CONVOLVE_IS_FILTERS_VIEW (self), NULL);
  s = get_section (self, section);
  g_return_val_if_fail (s != NULL, NULL);
  return s->title;
}

int
convolve_filters_view_get_n_kernels (ConvolveFiltersView *self,
                                     int                  section)
{
  Section *s;

  g_return_val_if_fail (CONVOLVE_IS_FILTERS_VIEW (self), 0);
  s = get_section (self, section);
  g_return_val_if_fail (s != NULL, 0);
  return (int) s->kernels->len;
}

ConvolveHeatmap *
convolve_filters_view_get_kernel (ConvolveFiltersView *self,
                                  int                  section,
                                  int                  filter,
                                  int                  channel)
{
  Section *s;

  g_return_val_if_fail (CONVOLVE_IS_FILTERS_VIEW (self), NULL);
  s = get_section (self, section);
  g_return_val_if_fail (s != NULL, NULL);
  g_return_val_if_fail (filter >= 0 && filter < s->filters, NULL);
  g_return_val_if_fail (channel >= 0 && channel < s->channels, NULL);
  return g_ptr_array_index (s->kernels, filter * s->channels + channel);
}

static void
convolve_filters_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ConvolveFiltersView *self = CONVOLVE_FILTERS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOW_NUMBERS:
      g_value_set_boolean (value, self->show_numbers);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_filters_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ConvolveFiltersView *self = CONVOLVE_FILTERS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SHOW_NUMBERS:
      convolve_filters_view_set_show_numbers (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_filters_view_dispose (GObject *object)
{
  ConvolveFiltersView *self = CONVOLVE_FILTERS_VIEW (object);

  g_clear_pointer (&self->sections, g_array_unref);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->weights, cnn_net_unref);

  G_OBJECT_CLASS (convolve_filters_view_parent_class)->dispose (object);
}

static void
convolve_filters_view_class_init (ConvolveFiltersViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = convolve_filters_view_dispose;
  object_class->get_property = convolve_filters_view_get_property;
  object_class->set_property = convolve_filters_view_set_property;

  properties[PROP_SHOW_NUMBERS] =
    g_param_spec_boolean ("show-numbers", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "filtersview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
convolve_filters_view_init (ConvolveFiltersView *self)
{
  self->sections = g_array_new (FALSE, TRUE, sizeof (Section));
  g_array_set_clear_func (self->sections, section_clear);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  /* while training, new weights come every frame: on a page not shown
   * they would lay out labels nobody sees, and each layout asks the
   * display for the window's bounds */
  convolve_deferred_attach (GTK_WIDGET (self), (ConvolveDeferredFunc) fill_weights);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The learned filters of every convolution layer"),
                                  -1);
}

GtkWidget *
convolve_filters_view_new (void)
{
  return g_object_new (CONVOLVE_TYPE_FILTERS_VIEW, NULL);
}
