/* convolve-classic-maps.c — the drawing through the classic filters and through conv 1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "convolve-classic-maps.h"
#include "convolve-classic-names.h"
#include "convolve-deferred.h"
#include "convolve-map-tile.h"

/* an 8×8 map 40 px wide: 20 maps in two rows at 1000 px */
#define MAP_CELL 5

struct _ConvolveClassicMaps
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkFlowBox *classic_box;
  GtkFlowBox *learned_box;
  GtkLabel *learned_heading;
  GtkLabel *empty_label;

  ConvolveSession *session;
  GtkWidget *classic[CNN_CLASSIC_N];  /* ConvolveMapTile */
  GPtrArray *learned;                 /* ConvolveMapTile, one per conv 1 filter */
  char *spec;                         /* of the network they were made for */
  int pad;                            /* of the classic maps: as conv 1's */
  float input[CNN_INPUT_SIZE];        /* what the classic maps are of */
  gboolean have_input;
};

G_DEFINE_FINAL_TYPE (ConvolveClassicMaps, convolve_classic_maps, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_map (GtkWidget   *tile,
         const float *values,
         CnnShape     shape,
         int          channel)
{
  ConvolveHeatmap *map = convolve_map_tile_get_map (CONVOLVE_MAP_TILE (tile));

  /* each map on its own scale: the bank's filters differ in size by 45× */
  convolve_heatmap_set_scale (map, CONVOLVE_SCALE_DIVERGING, 0.0f);
  convolve_heatmap_set_data (map, values + channel, shape.h, shape.w, shape.c);
}

/* The maps of the last pass */
static void
fill (ConvolveClassicMaps *self)
{
  const CnnNet *net = self->session != NULL ? convolve_session_get_net (self->session) : NULL;
  const float *input;

  /* a new network's first pass comes before "notify::net" (the session
   * holds notifications back while it changes): wait for that */
  if (net == NULL || g_strcmp0 (net->spec, self->spec) != 0)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), convolve_session_get_empty (self->session));

  input = convolve_session_get_input (self->session);
  if (!self->have_input || memcmp (input, self->input, sizeof self->input) != 0)
    {
      CnnShape shape = cnn_classic_maps_shape (self->pad);
      /* [out_h][out_w][12], at most 8×8×12 */
      float maps[CNN_INPUT_SIZE * CNN_CLASSIC_N];

      memcpy (self->input, input, sizeof self->input);
      self->have_input = TRUE;
      cnn_classic_feature_maps (input, self->pad, maps);
      for (int i = 0; i < CNN_CLASSIC_N; i++)
        set_map (self->classic[i], maps, shape, i);
    }

  if (self->learned->len > 0)
    {
      CnnActivations acts;

      convolve_session_get_activations (self->session, &acts);
      for (guint f = 0; f < self->learned->len; f++)
        set_map (g_ptr_array_index (self->learned, f), cnn_activations_values (&acts, 0),
                 net->layers[0].out, (int) f);
    }
}

static GtkWidget *
flow_child (GtkWidget *widget)
{
  GtkWidget *child = gtk_flow_box_child_new ();

  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), widget);
  gtk_widget_set_focusable (child, FALSE);
  return child;
}

static void
clear_learned (ConvolveClassicMaps *self)
{
  GtkWidget *child;

  g_ptr_array_set_size (self->learned, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->learned_box))) != NULL)
    gtk_flow_box_remove (self->learned_box, child);
}

/* A new network: conv 1's tiles, and the classic maps padded as it pads */
static void
on_net (ConvolveClassicMaps *self)
{
  const CnnNet *net = convolve_session_get_net (self->session);
  const CnnLayer *l;

  clear_learned (self);
  self->have_input = FALSE;
  g_clear_pointer (&self->spec, g_free);
  if (net == NULL)
    return;
  self->spec = g_strdup (net->spec);
  l = &net->layers[0];
  self->pad = l->kind == CNN_LAYER_CONV && l->pad == 0 ? 0 : 1;
  if (l->kind == CNN_LAYER_CONV)
    {
      /* Translators: the heading over the learned maps, e.g. "conv 1: 8 maps of 8×8, before its ReLU" */
      g_autofree char *heading = g_strdup_printf (_("Conv 1's own maps: %d of %d×%d, bias added, "
                                                    "before the ReLU"),
                                                  l->out.c, l->out.h, l->out.w);

      gtk_label_set_label (self->learned_heading, heading);
      gtk_widget_add_css_class (GTK_WIDGET (self->learned_heading), "heading");
      for (int f = 0; f < l->out.c; f++)
        {
          g_autofree char *name = g_strdup_printf (_("filter %d"), f + 1);
          g_autofree char *a11y = g_strdup_printf (_("Feature map of learned filter %d"), f + 1);
          GtkWidget *tile = convolve_map_tile_new (name, MAP_CELL);

          gtk_accessible_update_property (GTK_ACCESSIBLE (tile), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          a11y, -1);
          gtk_flow_box_append (self->learned_box, flow_child (tile));
          g_ptr_array_add (self->learned, tile);
        }
    }
  else
    {
      /* a note, as the other sections give theirs, not a heading */
      gtk_label_set_label (self->learned_heading,
                           _("This network does not start with a convolution: it has no maps to "
                             "compare."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->learned_heading), "heading");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->learned_box), self->learned->len > 0);
  fill (self);
}

void
convolve_classic_maps_set_session (ConvolveClassicMaps *self,
                                   ConvolveSession     *session)
{
  g_return_if_fail (CONVOLVE_IS_CLASSIC_MAPS (self));
  g_return_if_fail (session == NULL || CONVOLVE_IS_SESSION (session));

  if (session == self->session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_swapped (session, "notify::net", G_CALLBACK (on_net), self);
      /* after every pass: the drawing, the weights */
      g_signal_connect_swapped (session, "changed", G_CALLBACK (convolve_deferred_queue), self);
      on_net (self);
    }
  else
    clear_learned (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

ConvolveHeatmap *
convolve_classic_maps_get_classic (ConvolveClassicMaps *self,
                                   int                  index)
{
  g_return_val_if_fail (CONVOLVE_IS_CLASSIC_MAPS (self), NULL);
  g_return_val_if_fail (index >= 0 && index < CNN_CLASSIC_N, NULL);
  return convolve_map_tile_get_map (CONVOLVE_MAP_TILE (self->classic[index]));
}

int
convolve_classic_maps_get_pad (ConvolveClassicMaps *self)
{
  g_return_val_if_fail (CONVOLVE_IS_CLASSIC_MAPS (self), 1);
  return self->pad;
}

int
convolve_classic_maps_get_n_learned (ConvolveClassicMaps *self)
{
  g_return_val_if_fail (CONVOLVE_IS_CLASSIC_MAPS (self), 0);
  return (int) self->learned->len;
}

ConvolveHeatmap *
convolve_classic_maps_get_learned (ConvolveClassicMaps *self,
                                   int                  filter)
{
  g_return_val_if_fail (CONVOLVE_IS_CLASSIC_MAPS (self), NULL);
  g_return_val_if_fail (filter >= 0 && filter < (int) self->learned->len, NULL);
  return convolve_map_tile_get_map (g_ptr_array_index (self->learned, filter));
}

static void
convolve_classic_maps_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, CONVOLVE_CLASSIC_MAPS (object)->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_classic_maps_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      convolve_classic_maps_set_session (CONVOLVE_CLASSIC_MAPS (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_classic_maps_dispose (GObject *object)
{
  ConvolveClassicMaps *self = CONVOLVE_CLASSIC_MAPS (object);

  convolve_classic_maps_set_session (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONVOLVE_TYPE_CLASSIC_MAPS);
  g_clear_pointer (&self->learned, g_ptr_array_unref);
  g_clear_pointer (&self->spec, g_free);

  G_OBJECT_CLASS (convolve_classic_maps_parent_class)->dispose (object);
}

static void
convolve_classic_maps_class_init (ConvolveClassicMapsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = convolve_classic_maps_get_property;
  object_class->set_property = convolve_classic_maps_set_property;
  object_class->dispose = convolve_classic_maps_dispose;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CONVOLVE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convolve/Convolve/ui/convolve-classic-maps.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvolveClassicMaps, box);
  gtk_widget_class_bind_template_child (widget_class, ConvolveClassicMaps, classic_box);
  gtk_widget_class_bind_template_child (widget_class, ConvolveClassicMaps, learned_box);
  gtk_widget_class_bind_template_child (widget_class, ConvolveClassicMaps, learned_heading);
  gtk_widget_class_bind_template_child (widget_class, ConvolveClassicMaps, empty_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
convolve_classic_maps_init (ConvolveClassicMaps *self)
{
  convolve_deferred_attach (GTK_WIDGET (self), (ConvolveDeferredFunc) fill);
  self->learned = g_ptr_array_new ();
  self->pad = 1;
  gtk_widget_init_template (GTK_WIDGET (self));
  for (int i = 0; i < CNN_CLASSIC_N; i++)
    {
      g_autofree char *a11y = g_strdup_printf (_("Feature map of the classic filter %s"),
                                               convolve_classic_name (i));

      self->classic[i] = convolve_map_tile_new (convolve_classic_name (i), MAP_CELL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->classic[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      gtk_flow_box_append (self->classic_box, flow_child (self->classic[i]));
    }
}
