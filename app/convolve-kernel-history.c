/* convolve-kernel-history.c — the kernels before and after training
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "convolve-kernel-history.h"
#include "convolve-deferred.h"
#include "convolve-legend.h"
#include "convolve-map-tile.h"

#define KERNEL_CELL 12
#define KERNEL_CELL_NUMBERS 34
#define MATRIX_CELL 10

typedef struct
{
  int layer;
  int filters, channels, k;
  int selected;              /* the filter shown when channels > 1 */
  float *norms;              /* [filters][channels] */
  GPtrArray *start;          /* ConvolveMapTile per pair */
  GPtrArray *now;
  GPtrArray *norm_labels;    /* GtkLabel per pair */
  GPtrArray *pair_labels;    /* GtkLabel per pair: "filter 3" / "channel 3" */
  GtkLabel *total_label;
  ConvolveHeatmap *matrix;   /* NULL for one input channel */
  GtkSpinButton *filter_spin;
} Section;

struct _ConvolveKernelHistory
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *sections_box;

  ConvolveSession *session;
  GArray *sections;          /* Section */
  gboolean show_numbers;
};

G_DEFINE_FINAL_TYPE (ConvolveKernelHistory, convolve_kernel_history, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SHOW_NUMBERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
section_clear (gpointer data)
{
  Section *s = data;

  g_clear_pointer (&s->norms, g_free);
  g_clear_pointer (&s->start, g_ptr_array_unref);
  g_clear_pointer (&s->now, g_ptr_array_unref);
  g_clear_pointer (&s->norm_labels, g_ptr_array_unref);
  g_clear_pointer (&s->pair_labels, g_ptr_array_unref);
}

/* Pair j is (filter, channel): every filter of a one-channel layer, or
 * every input channel of the selected filter */
static void
pair_kernel (const Section *s,
             int            j,
             int           *filter,
             int           *channel)
{
  *filter = s->channels == 1 ? j : s->selected;
  *channel = s->channels == 1 ? 0 : j;
}

static void
set_text (GtkLabel   *label,
          const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_label (label, text);
}

static ConvolveHeatmap *
tile_map (gpointer tile)
{
  return convolve_map_tile_get_map (CONVOLVE_MAP_TILE (tile));
}

static void
set_kernel (gpointer     tile,
            const float *kernel,
            int          k,
            float        range)
{
  convolve_heatmap_set_scale (tile_map (tile), CONVOLVE_SCALE_DIVERGING, range);
  convolve_heatmap_set_data (tile_map (tile), kernel, k, k, 1);
}

static void
fill_section (Section      *s,
              const CnnNet *net,
              const float  *start)
{
  const CnnLayer *l = &net->layers[s->layer];
  g_autofree float *kernel = g_new (float, (gsize) s->k * s->k);
  /* one scale for start and now: a kernel that grew shows it */
  float range = MAX (convolve_colormap_range (CONVOLVE_SCALE_DIVERGING, start + l->w_offset,
                                              l->n_weights),
                     convolve_colormap_range (CONVOLVE_SCALE_DIVERGING, net->params + l->w_offset,
                                              l->n_weights));
  double total = 0.0;
  char number[32];
  g_autofree char *text = NULL;

  cnn_kernel_deltas (net, s->layer, start, net->params, s->norms);
  for (int i = 0; i < s->filters * s->channels; i++)
    total += (double) s->norms[i] * s->norms[i];

  for (guint j = 0; j < s->start->len; j++)
    {
      int f, c;
      g_autofree char *norm = NULL;

      pair_kernel (s, (int) j, &f, &c);
      cnn_conv_kernel (net, start, s->layer, f, c, kernel);
      set_kernel (g_ptr_array_index (s->start, j), kernel, s->k, range);
      cnn_conv_kernel (net, net->params, s->layer, f, c, kernel);
      set_kernel (g_ptr_array_index (s->now, j), kernel, s->k, range);
      convolve_format_number (s->norms[f * s->channels + c], 2, number, sizeof number);
      /* Translators: how far a kernel moved since the start: "‖ΔW‖ 0.42" */
      norm = g_strdup_printf (_("‖ΔW‖ %s"), number);
      set_text (g_ptr_array_index (s->norm_labels, j), norm);
    }
  if (s->matrix != NULL)
    convolve_heatmap_set_data (s->matrix, s->norms, s->filters, s->channels, 1);
  convolve_format_number ((float) sqrt (total), 2, number, sizeof number);
  /* Translators: the change of a whole layer's weights since the start */
  text = g_strdup_printf (_("the whole layer: ‖ΔW‖ %s"), number);
  set_text (s->total_label, text);
}

static void
fill (ConvolveKernelHistory *self)
{
  const CnnNet *net = self->session != NULL ? convolve_session_get_net (self->session) : NULL;
  const float *start = self->session != NULL ? convolve_session_get_start (self->session) : NULL;

  if (net == NULL || start == NULL)
    return;
  for (guint i = 0; i < self->sections->len; i++)
    fill_section (&g_array_index (self->sections, Section, i), net, start);
}

static void
apply_show_numbers (ConvolveKernelHistory *self)
{
  int cell = self->show_numbers ? KERNEL_CELL_NUMBERS : KERNEL_CELL;

  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *s = &g_array_index (self->sections, Section, i);

      for (guint j = 0; j < s->start->len; j++)
        {
          GPtrArray *maps[2] = { s->start, s->now };

          for (int m = 0; m < 2; m++)
            {
              ConvolveHeatmap *map = tile_map (g_ptr_array_index (maps[m], j));

              convolve_heatmap_set_show_values (map, self->show_numbers);
              convolve_heatmap_set_cell_size (map, cell);
            }
        }
    }
}

static void
set_pair_labels (Section *s)
{
  for (guint j = 0; j < s->pair_labels->len; j++)
    {
      /* Translators: over one pair of kernels, start and now */
      g_autofree char *text = s->channels == 1 ? g_strdup_printf (_("filter %u"), j + 1)
                                               : g_strdup_printf (_("channel %u"), j + 1);

      set_text (g_ptr_array_index (s->pair_labels, j), text);
    }
}

static Section *
find_section (ConvolveKernelHistory *self,
              int                    section)
{
  if (section < 0 || section >= (int) self->sections->len)
    return NULL;
  return &g_array_index (self->sections, Section, section);
}

void
convolve_kernel_history_select_filter (ConvolveKernelHistory *self,
                                       int                    section,
                                       int                    filter)
{
  Section *s;

  g_return_if_fail (CONVOLVE_IS_KERNEL_HISTORY (self));
  s = find_section (self, section);
  g_return_if_fail (s != NULL);
  g_return_if_fail (filter >= 0 && filter < s->filters);

  if (s->channels == 1 || filter == s->selected)
    return;
  s->selected = filter;
  if ((int) gtk_spin_button_get_value_as_int (s->filter_spin) != filter + 1)
    gtk_spin_button_set_value (s->filter_spin, filter + 1);
  if (s->matrix != NULL)
    convolve_heatmap_set_highlight (s->matrix, filter, 0);
  if (self->session != NULL && convolve_session_get_start (self->session) != NULL)
    fill_section (s, convolve_session_get_net (self->session),
                  convolve_session_get_start (self->session));
}

static void
on_spin (GtkSpinButton         *spin,
         ConvolveKernelHistory *self)
{
  int section = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (spin), "section"));

  convolve_kernel_history_select_filter (self, section, gtk_spin_button_get_value_as_int (spin) - 1);
}

static void
on_matrix_cell (ConvolveHeatmap       *matrix,
                int                    row,
                int                    col,
                ConvolveKernelHistory *self)
{
  int section = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (matrix), "section"));

  convolve_kernel_history_select_filter (self, section, row);
}

static GtkWidget *
caption_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "numeric");
  return label;
}

/* One pair: its name, start → now, ‖ΔW‖ */
static GtkWidget *
make_pair (Section *s)
{
  GtkWidget *pair = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *maps = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *child = gtk_flow_box_child_new ();
  GtkWidget *start = convolve_map_tile_new (NULL, KERNEL_CELL);
  GtkWidget *now = convolve_map_tile_new (NULL, KERNEL_CELL);
  GtkWidget *name = caption_label ("");
  GtkWidget *norm = caption_label ("");

  gtk_label_set_width_chars (GTK_LABEL (name), 10);
  /* "‖ΔW‖ 0.42": a changing number, never a changing width */
  gtk_label_set_width_chars (GTK_LABEL (norm), 11);
  gtk_accessible_update_property (GTK_ACCESSIBLE (start), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Kernel at the start of the run"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (now), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Kernel now"), -1);
  gtk_widget_set_tooltip_text (maps, _("Left: at the start of the run. Right: now."));
  gtk_widget_set_halign (maps, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (maps), start);
  gtk_box_append (GTK_BOX (maps), g_object_new (GTK_TYPE_LABEL, "label", "→",
                                                "css-classes", (const char *[]) { "dim-label", NULL },
                                                NULL));
  gtk_box_append (GTK_BOX (maps), now);
  gtk_box_append (GTK_BOX (pair), name);
  gtk_box_append (GTK_BOX (pair), maps);
  gtk_box_append (GTK_BOX (pair), norm);
  g_ptr_array_add (s->start, start);
  g_ptr_array_add (s->now, now);
  g_ptr_array_add (s->pair_labels, name);
  g_ptr_array_add (s->norm_labels, norm);
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), pair);
  gtk_widget_set_focusable (child, FALSE);
  return child;
}

static void
build_section (ConvolveKernelHistory *self,
               const CnnNet          *net,
               int                    layer,
               int                    nth)
{
  const CnnLayer *l = &net->layers[layer];
  Section s = { .layer = layer, .filters = l->out.c, .channels = l->in.c, .k = l->k };
  GtkWidget *block = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *pairs = gtk_flow_box_new ();
  g_autofree char *title = g_strdup_printf (_("conv %d"), nth);
  int n_pairs = s.channels == 1 ? s.filters : s.channels;

  s.norms = g_new0 (float, (gsize) s.filters * s.channels);
  s.start = g_ptr_array_new ();
  s.now = g_ptr_array_new ();
  s.norm_labels = g_ptr_array_new ();
  s.pair_labels = g_ptr_array_new ();

  gtk_box_append (GTK_BOX (head), g_object_new (GTK_TYPE_LABEL, "label", title, "xalign", 0.0f,
                                                "css-classes", (const char *[]) { "heading", NULL },
                                                NULL));
  s.total_label = GTK_LABEL (caption_label (""));
  gtk_widget_add_css_class (GTK_WIDGET (s.total_label), "dim-label");
  gtk_box_append (GTK_BOX (head), GTK_WIDGET (s.total_label));
  gtk_box_append (GTK_BOX (block), head);

  if (s.channels > 1)
    {
      /* ‖ΔW‖ of every kernel, and which filter's pairs are shown */
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *spin_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *spin_label = gtk_label_new_with_mnemonic (_("_Filter"));
      g_autofree char *explain = g_strdup_printf (_("‖ΔW‖ of each of its %d × %d kernels: one row "
                                                    "per filter, one column per input channel. "
                                                    "Click a row, or choose a filter, to see its "
                                                    "kernels before and after."),
                                                  s.filters, s.channels);
      GtkWidget *explain_label = gtk_label_new (explain);

      s.matrix = CONVOLVE_HEATMAP (convolve_heatmap_new ());
      convolve_heatmap_set_scale (s.matrix, CONVOLVE_SCALE_SEQUENTIAL, 0.0f);
      convolve_heatmap_set_cell_size (s.matrix, MATRIX_CELL);
      convolve_heatmap_set_highlight (s.matrix, 0, 0);
      gtk_widget_set_valign (GTK_WIDGET (s.matrix), GTK_ALIGN_START);
      gtk_widget_add_css_class (GTK_WIDGET (s.matrix), "clickable-map");
      gtk_accessible_update_property (GTK_ACCESSIBLE (s.matrix), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("How far each kernel moved since the start"), -1);
      g_object_set_data (G_OBJECT (s.matrix), "section", GINT_TO_POINTER (self->sections->len));
      g_signal_connect (s.matrix, "cell-activated", G_CALLBACK (on_matrix_cell), self);

      s.filter_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, s.filters, 1));
      gtk_label_set_mnemonic_widget (GTK_LABEL (spin_label), GTK_WIDGET (s.filter_spin));
      g_object_set_data (G_OBJECT (s.filter_spin), "section", GINT_TO_POINTER (self->sections->len));
      g_signal_connect (s.filter_spin, "value-changed", G_CALLBACK (on_spin), self);
      gtk_label_set_wrap (GTK_LABEL (explain_label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (explain_label), 60);
      gtk_label_set_xalign (GTK_LABEL (explain_label), 0.0f);
      gtk_widget_add_css_class (explain_label, "dim-label");
      gtk_box_append (GTK_BOX (spin_row), spin_label);
      gtk_box_append (GTK_BOX (spin_row), GTK_WIDGET (s.filter_spin));
      gtk_box_append (GTK_BOX (side), explain_label);
      gtk_box_append (GTK_BOX (side), spin_row);
      gtk_box_append (GTK_BOX (row), GTK_WIDGET (s.matrix));
      gtk_box_append (GTK_BOX (row), side);
      gtk_box_append (GTK_BOX (block), row);
    }

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (pairs), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (pairs), 16);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (pairs), 16);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (pairs), 8);
  for (int j = 0; j < n_pairs; j++)
    gtk_flow_box_append (GTK_FLOW_BOX (pairs), make_pair (&s));
  gtk_box_append (GTK_BOX (block), pairs);
  gtk_box_append (GTK_BOX (self->sections_box), block);
  set_pair_labels (&s);
  g_array_append_val (self->sections, s);
}

static void
on_net (ConvolveKernelHistory *self)
{
  const CnnNet *net = convolve_session_get_net (self->session);
  GtkWidget *child;
  int nth = 0;

  g_array_set_size (self->sections, 0);
  while ((child = gtk_widget_get_first_child (self->sections_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->sections_box), child);
  if (net == NULL)
    return;
  for (int i = 0; i < net->n_layers; i++)
    if (net->layers[i].kind == CNN_LAYER_CONV)
      build_section (self, net, i, ++nth);
  gtk_widget_set_visible (GTK_WIDGET (self), nth > 0);
  apply_show_numbers (self);
  fill (self);
}

void
convolve_kernel_history_set_session (ConvolveKernelHistory *self,
                                     ConvolveSession       *session)
{
  g_return_if_fail (CONVOLVE_IS_KERNEL_HISTORY (self));
  g_return_if_fail (session == NULL || CONVOLVE_IS_SESSION (session));

  if (session == self->session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_swapped (session, "notify::net", G_CALLBACK (on_net), self);
      g_signal_connect_swapped (session, "weights-changed", G_CALLBACK (convolve_deferred_queue), self);
      g_signal_connect_swapped (session, "start-changed", G_CALLBACK (convolve_deferred_queue), self);
      on_net (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
convolve_kernel_history_set_show_numbers (ConvolveKernelHistory *self,
                                          gboolean               show)
{
  g_return_if_fail (CONVOLVE_IS_KERNEL_HISTORY (self));

  show = !!show;
  if (show == self->show_numbers)
    return;
  self->show_numbers = show;
  apply_show_numbers (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_NUMBERS]);
}

int
convolve_kernel_history_get_n_sections (ConvolveKernelHistory *self)
{
  g_return_val_if_fail (CONVOLVE_IS_KERNEL_HISTORY (self), 0);
  return (int) self->sections->len;
}

int
convolve_kernel_history_get_layer (ConvolveKernelHistory *self,
                                   int                    section)
{
  Section *s;

  g_return_val_if_fail (CONVOLVE_IS_KERNEL_HISTORY (self), -1);
  s = find_section (self, section);
  g_return_val_if_fail (s != NULL, -1);
  return s->layer;
}

int
convolve_kernel_history_get_selected (ConvolveKernelHistory *self,
                                      int                    section)
{
  Section *s;

  g_return_val_if_fail (CONVOLVE_IS_KERNEL_HISTORY (self), -1);
  s = find_section (self, section);
  g_return_val_if_fail (s != NULL, -1);
  return s->selected;
}

static Section *
find_pair (ConvolveKernelHistory *self,
           int                    section,
           int                    j)
{
  Section *s = find_section (self, section);

  if (s == NULL || j < 0 || j >= (int) s->start->len)
    return NULL;
  return s;
}

ConvolveHeatmap *
convolve_kernel_history_get_start (ConvolveKernelHistory *self,
                                   int                    section,
                                   int                    j)
{
  Section *s;

  g_return_val_if_fail (CONVOLVE_IS_KERNEL_HISTORY (self), NULL);
  s = find_pair (self, section, j);
  g_return_val_if_fail (s != NULL, NULL);
  return tile_map (g_ptr_array_index (s->start, j));
}

ConvolveHeatmap *
convolve_kernel_history_get_now (ConvolveKernelHistory *self,
                                 int                    section,
                                 int                    j)
{
  Section *s;

  g_return_val_if_fail (CONVOLVE_IS_KERNEL_HISTORY (self), NULL);
  s = find_pair (self, section, j);
  g_return_val_if_fail (s != NULL, NULL);
  return tile_map (g_ptr_array_index (s->now, j));
}

float
convolve_kernel_history_get_norm (ConvolveKernelHistory *self,
                                  int                    section,
                                  int                    filter,
                                  int                    channel)
{
  Section *s;

  g_return_val_if_fail (CONVOLVE_IS_KERNEL_HISTORY (self), 0.0f);
  s = find_section (self, section);
  g_return_val_if_fail (s != NULL, 0.0f);
  g_return_val_if_fail (filter >= 0 && filter < s->filters, 0.0f);
  g_return_val_if_fail (channel >= 0 && channel < s->channels, 0.0f);
  return s->norms[filter * s->channels + channel];
}

const char *
convolve_kernel_history_get_norm_text (ConvolveKernelHistory *self,
                                       int                    section,
                                       int                    j)
{
  Section *s;

  g_return_val_if_fail (CONVOLVE_IS_KERNEL_HISTORY (self), NULL);
  s = find_pair (self, section, j);
  g_return_val_if_fail (s != NULL, NULL);
  return gtk_label_get_label (g_ptr_array_index (s->norm_labels, j));
}

ConvolveHeatmap *
convolve_kernel_history_get_matrix (ConvolveKernelHistory *self,
                                    int                    section)
{
  Section *s;

  g_return_val_if_fail (CONVOLVE_IS_KERNEL_HISTORY (self), NULL);
  s = find_section (self, section);
  g_return_val_if_fail (s != NULL, NULL);
  return s->matrix;
}

/* ---- GObject ---- */

static void
convolve_kernel_history_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ConvolveKernelHistory *self = CONVOLVE_KERNEL_HISTORY (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_SHOW_NUMBERS:
      g_value_set_boolean (value, self->show_numbers);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_kernel_history_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  ConvolveKernelHistory *self = CONVOLVE_KERNEL_HISTORY (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      convolve_kernel_history_set_session (self, g_value_get_object (value));
      break;
    case PROP_SHOW_NUMBERS:
      convolve_kernel_history_set_show_numbers (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_kernel_history_dispose (GObject *object)
{
  ConvolveKernelHistory *self = CONVOLVE_KERNEL_HISTORY (object);

  convolve_kernel_history_set_session (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONVOLVE_TYPE_KERNEL_HISTORY);
  g_clear_pointer (&self->sections, g_array_unref);

  G_OBJECT_CLASS (convolve_kernel_history_parent_class)->dispose (object);
}

static void
convolve_kernel_history_class_init (ConvolveKernelHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = convolve_kernel_history_get_property;
  object_class->set_property = convolve_kernel_history_set_property;
  object_class->dispose = convolve_kernel_history_dispose;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CONVOLVE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_NUMBERS] =
    g_param_spec_boolean ("show-numbers", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convolve/Convolve/ui/convolve-kernel-history.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvolveKernelHistory, box);
  gtk_widget_class_bind_template_child (widget_class, ConvolveKernelHistory, sections_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
convolve_kernel_history_init (ConvolveKernelHistory *self)
{
  convolve_deferred_attach (GTK_WIDGET (self), (ConvolveDeferredFunc) fill);
  self->sections = g_array_new (FALSE, TRUE, sizeof (Section));
  g_array_set_clear_func (self->sections, section_clear);
  gtk_widget_init_template (GTK_WIDGET (self));
}
