/* convolve-classic-matches.c — the classic filter bank beside the learned kernels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "convolve-classic-matches.h"
#include "convolve-classic-names.h"
#include "convolve-deferred.h"
#include "convolve-legend.h"
#include "convolve-map-tile.h"

/* as the learned kernels above them (convolve-filters-view.c) */
#define KERNEL_CELL 16
#define KERNEL_CELL_NUMBERS 34

typedef struct
{
  GtkWidget *learned;     /* ConvolveMapTile: "filter 3" */
  GtkWidget *matched;     /* ConvolveMapTile: the match, with the learned sign */
  GtkLabel *caption;
  int match;              /* bank index shown, −1: none */
  double similarity;
} Pair;

struct _ConvolveClassicMatches
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkFlowBox *bank_box;
  GtkFlowBox *pair_box;
  GtkLabel *note_label;

  ConvolveSession *session;
  GtkWidget *bank[CNN_CLASSIC_N];   /* ConvolveMapTile */
  GArray *pairs;                    /* Pair, one per conv 1 filter */
  gboolean show_numbers;
};

G_DEFINE_FINAL_TYPE (ConvolveClassicMatches, convolve_classic_matches, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SHOW_NUMBERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_kernel (GtkWidget   *tile,
            const float *kernel)
{
  ConvolveHeatmap *map = convolve_map_tile_get_map (CONVOLVE_MAP_TILE (tile));

  /* each kernel to its own largest |weight|: the cosine ignores scale */
  convolve_heatmap_set_scale (map, CONVOLVE_SCALE_DIVERGING,
                              convolve_colormap_range (CONVOLVE_SCALE_DIVERGING, kernel,
                                                       CNN_CLASSIC_TAPS));
  convolve_heatmap_set_data (map, kernel, CNN_CLASSIC_SIZE, CNN_CLASSIC_SIZE, 1);
}

static void
apply_cells (ConvolveClassicMatches *self,
             GtkWidget              *tile)
{
  ConvolveHeatmap *map = convolve_map_tile_get_map (CONVOLVE_MAP_TILE (tile));

  convolve_heatmap_set_show_values (map, self->show_numbers);
  convolve_heatmap_set_cell_size (map, self->show_numbers ? KERNEL_CELL_NUMBERS : KERNEL_CELL);
}

static void
apply_show_numbers (ConvolveClassicMatches *self)
{
  for (int i = 0; i < CNN_CLASSIC_N; i++)
    apply_cells (self, self->bank[i]);
  for (guint f = 0; f < self->pairs->len; f++)
    {
      Pair *p = &g_array_index (self->pairs, Pair, f);

      apply_cells (self, p->learned);
      apply_cells (self, p->matched);
    }
}

/* The numbers: each learned kernel, its match and the caption */
static void
fill (ConvolveClassicMatches *self)
{
  const CnnNet *net = self->session != NULL ? convolve_session_get_net (self->session) : NULL;

  if (net == NULL || self->pairs->len == 0)
    return;
  for (guint f = 0; f < self->pairs->len; f++)
    {
      Pair *p = &g_array_index (self->pairs, Pair, f);
      float kernel[CNN_CLASSIC_TAPS], shown[CNN_CLASSIC_TAPS];
      g_autofree char *text = NULL;
      char cosine[32];

      cnn_conv_kernel (net, net->params, 0, (int) f, 0, kernel);
      set_kernel (p->learned, kernel);
      p->match = cnn_classic_match (kernel, &p->similarity);
      if (p->match < 0)
        {
          memset (shown, 0, sizeof shown);
          text = g_strdup (_("all weights 0:\nlike nothing"));
        }
      else
        {
          const float *bank = cnn_classic_kernel (p->match);
          float sign = p->similarity < 0 ? -1.0f : 1.0f;

          /* drawn with the learned kernel's sign, so the likeness shows */
          for (int i = 0; i < CNN_CLASSIC_TAPS; i++)
            shown[i] = sign * bank[i];
          convolve_format_number ((float) p->similarity, 2, cosine, sizeof cosine);
          /* Translators: under a learned kernel and its closest classic filter:
           * "≈ −0.97 · Sobel x", then "nearly the same, sign-flipped" */
          text = g_strdup_printf (_("≈ %s · %s\n%s"), cosine, convolve_classic_name (p->match),
                                  convolve_classic_verdict (p->similarity));
        }
      set_kernel (p->matched, shown);
      if (g_strcmp0 (gtk_label_get_label (p->caption), text) != 0)
        gtk_label_set_label (p->caption, text);
    }
}

static void
clear_pairs (ConvolveClassicMatches *self)
{
  GtkWidget *child;

  g_array_set_size (self->pairs, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pair_box))) != NULL)
    gtk_flow_box_remove (self->pair_box, child);
}

static GtkWidget *
flow_child (GtkWidget *widget)
{
  GtkWidget *child = gtk_flow_box_child_new ();

  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), widget);
  /* pictures to look at, not stops on the way through the page */
  gtk_widget_set_focusable (child, FALSE);
  return child;
}

/* A new network: one pair per conv 1 filter, or the note */
static void
on_net (ConvolveClassicMatches *self)
{
  const CnnNet *net = convolve_session_get_net (self->session);
  g_autoptr (GError) error = NULL;

  clear_pairs (self);
  if (net == NULL)
    return;
  if (!cnn_classic_available (net, &error))
    {
      gtk_label_set_label (self->note_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->note_label), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->pair_box), FALSE);
      return;
    }
  gtk_label_set_label (self->note_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->pair_box), TRUE);

  for (int f = 0; f < net->layers[0].out.c; f++)
    {
      g_autofree char *name = g_strdup_printf (_("filter %d"), f + 1);
      g_autofree char *a11y = g_strdup_printf (_("Learned filter %d and its closest classic filter"),
                                               f + 1);
      GtkWidget *pair = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *maps = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *title = gtk_label_new (name);
      Pair p = { .match = -1 };

      p.learned = convolve_map_tile_new (NULL, KERNEL_CELL);
      p.matched = convolve_map_tile_new (NULL, KERNEL_CELL);
      p.caption = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_justify (p.caption, GTK_JUSTIFY_CENTER);
      /* room for the longest caption, so a new match moves nothing */
      gtk_label_set_width_chars (p.caption, 26);
      gtk_widget_add_css_class (GTK_WIDGET (p.caption), "caption");
      gtk_widget_add_css_class (GTK_WIDGET (p.caption), "numeric");
      gtk_widget_add_css_class (title, "caption-heading");
      gtk_widget_set_halign (maps, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (maps), p.learned);
      gtk_box_append (GTK_BOX (maps), g_object_new (GTK_TYPE_LABEL, "label", "≈",
                                                    "css-classes", (const char *[]) { "dim-label", NULL },
                                                    NULL));
      gtk_box_append (GTK_BOX (maps), p.matched);
      gtk_box_append (GTK_BOX (pair), title);
      gtk_box_append (GTK_BOX (pair), maps);
      gtk_box_append (GTK_BOX (pair), GTK_WIDGET (p.caption));
      gtk_widget_add_css_class (pair, "classic-pair");
      gtk_accessible_update_property (GTK_ACCESSIBLE (pair), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      gtk_flow_box_append (self->pair_box, flow_child (pair));
      g_array_append_val (self->pairs, p);
    }
  apply_show_numbers (self);
  fill (self);
}

void
convolve_classic_matches_set_session (ConvolveClassicMatches *self,
                                      ConvolveSession        *session)
{
  g_return_if_fail (CONVOLVE_IS_CLASSIC_MATCHES (self));
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
      on_net (self);
    }
  else
    clear_pairs (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
convolve_classic_matches_set_show_numbers (ConvolveClassicMatches *self,
                                           gboolean                show)
{
  g_return_if_fail (CONVOLVE_IS_CLASSIC_MATCHES (self));

  show = !!show;
  if (show == self->show_numbers)
    return;
  self->show_numbers = show;
  apply_show_numbers (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_NUMBERS]);
}

/* ---- for tests ---- */

static Pair *
get_pair (ConvolveClassicMatches *self,
          int                     filter)
{
  if (filter < 0 || filter >= (int) self->pairs->len)
    return NULL;
  return &g_array_index (self->pairs, Pair, filter);
}

ConvolveHeatmap *
convolve_classic_matches_get_bank (ConvolveClassicMatches *self,
                                   int                     index)
{
  g_return_val_if_fail (CONVOLVE_IS_CLASSIC_MATCHES (self), NULL);
  g_return_val_if_fail (index >= 0 && index < CNN_CLASSIC_N, NULL);
  return convolve_map_tile_get_map (CONVOLVE_MAP_TILE (self->bank[index]));
}

const char *
convolve_classic_matches_get_bank_name (ConvolveClassicMatches *self,
                                        int                     index)
{
  g_return_val_if_fail (CONVOLVE_IS_CLASSIC_MATCHES (self), NULL);
  g_return_val_if_fail (index >= 0 && index < CNN_CLASSIC_N, NULL);
  return convolve_map_tile_get_caption (CONVOLVE_MAP_TILE (self->bank[index]));
}

int
convolve_classic_matches_get_n_pairs (ConvolveClassicMatches *self)
{
  g_return_val_if_fail (CONVOLVE_IS_CLASSIC_MATCHES (self), 0);
  return (int) self->pairs->len;
}

ConvolveHeatmap *
convolve_classic_matches_get_learned (ConvolveClassicMatches *self,
                                      int                     filter)
{
  Pair *p;

  g_return_val_if_fail (CONVOLVE_IS_CLASSIC_MATCHES (self), NULL);
  p = get_pair (self, filter);
  g_return_val_if_fail (p != NULL, NULL);
  return convolve_map_tile_get_map (CONVOLVE_MAP_TILE (p->learned));
}

ConvolveHeatmap *
convolve_classic_matches_get_matched (ConvolveClassicMatches *self,
                                      int                     filter)
{
  Pair *p;

  g_return_val_if_fail (CONVOLVE_IS_CLASSIC_MATCHES (self), NULL);
  p = get_pair (self, filter);
  g_return_val_if_fail (p != NULL, NULL);
  return convolve_map_tile_get_map (CONVOLVE_MAP_TILE (p->matched));
}

int
convolve_classic_matches_get_match (ConvolveClassicMatches *self,
                                    int                     filter,
                                    double                 *similarity)
{
  Pair *p;

  g_return_val_if_fail (CONVOLVE_IS_CLASSIC_MATCHES (self), -1);
  p = get_pair (self, filter);
  g_return_val_if_fail (p != NULL, -1);
  if (similarity != NULL)
    *similarity = p->similarity;
  return p->match;
}

const char *
convolve_classic_matches_get_caption (ConvolveClassicMatches *self,
                                      int                     filter)
{
  Pair *p;

  g_return_val_if_fail (CONVOLVE_IS_CLASSIC_MATCHES (self), NULL);
  p = get_pair (self, filter);
  g_return_val_if_fail (p != NULL, NULL);
  return gtk_label_get_label (p->caption);
}

const char *
convolve_classic_matches_get_note (ConvolveClassicMatches *self)
{
  g_return_val_if_fail (CONVOLVE_IS_CLASSIC_MATCHES (self), NULL);
  return gtk_label_get_label (self->note_label);
}

/* ---- GObject ---- */

static void
convolve_classic_matches_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  ConvolveClassicMatches *self = CONVOLVE_CLASSIC_MATCHES (object);

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
convolve_classic_matches_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  ConvolveClassicMatches *self = CONVOLVE_CLASSIC_MATCHES (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      convolve_classic_matches_set_session (self, g_value_get_object (value));
      break;
    case PROP_SHOW_NUMBERS:
      convolve_classic_matches_set_show_numbers (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_classic_matches_dispose (GObject *object)
{
  ConvolveClassicMatches *self = CONVOLVE_CLASSIC_MATCHES (object);

  convolve_classic_matches_set_session (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONVOLVE_TYPE_CLASSIC_MATCHES);
  g_clear_pointer (&self->pairs, g_array_unref);

  G_OBJECT_CLASS (convolve_classic_matches_parent_class)->dispose (object);
}

static void
convolve_classic_matches_class_init (ConvolveClassicMatchesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = convolve_classic_matches_get_property;
  object_class->set_property = convolve_classic_matches_set_property;
  object_class->dispose = convolve_classic_matches_dispose;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CONVOLVE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_NUMBERS] =
    g_param_spec_boolean ("show-numbers", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convolve/Convolve/ui/convolve-classic-matches.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvolveClassicMatches, box);
  gtk_widget_class_bind_template_child (widget_class, ConvolveClassicMatches, bank_box);
  gtk_widget_class_bind_template_child (widget_class, ConvolveClassicMatches, pair_box);
  gtk_widget_class_bind_template_child (widget_class, ConvolveClassicMatches, note_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
convolve_classic_matches_init (ConvolveClassicMatches *self)
{
  convolve_deferred_attach (GTK_WIDGET (self), (ConvolveDeferredFunc) fill);
  self->pairs = g_array_new (FALSE, TRUE, sizeof (Pair));
  gtk_widget_init_template (GTK_WIDGET (self));

  /* the bank never changes: made once */
  for (int i = 0; i < CNN_CLASSIC_N; i++)
    {
      g_autofree char *a11y = g_strdup_printf (_("Classic filter: %s"), convolve_classic_name (i));

      self->bank[i] = convolve_map_tile_new (convolve_classic_name (i), KERNEL_CELL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->bank[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      set_kernel (self->bank[i], cnn_classic_kernel (i));
      gtk_flow_box_append (self->bank_box, flow_child (self->bank[i]));
    }
  apply_show_numbers (self);
}
