/* convolve-flatten-bridge.c — the flatten strip and its block, outlined together
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "convolve-flatten-bridge.h"
#include "convolve-legend.h"

#define CHANNEL_KEY "convolve-flatten-bridge-channel"

struct _ConvolveFlattenBridge
{
  GObject parent_instance;

  CnnShape block;           /* H×W×C, the flatten layer's input */
  char *block_name;         /* "max-pool 2" */
  ConvolveHeatmap *strip;   /* flatten's one map: H·W·C cells, a row or a column */
  GPtrArray *maps;          /* ConvolveHeatmap [C], the block's maps */
  GtkEventController *keys; /* on the strip */
  GtkEventController *focus;

  int hovered;              /* −1: none */
  int selected;             /* by the keys, −1: none */
  int shown;                /* outlined now, −1: none */
};

G_DEFINE_FINAL_TYPE (ConvolveFlattenBridge, convolve_flatten_bridge, G_TYPE_OBJECT)

/* The strip's cell of element e: it lies down (H·W·C rows, one column)
 * or across (one row), as the trace's layout turned it */
static void
strip_cell (ConvolveFlattenBridge *self,
            int                    element,
            int                   *row,
            int                   *col)
{
  int cols = MAX (convolve_heatmap_get_cols (self->strip), 1);

  *row = element / cols;
  *col = element % cols;
}

static int
n_elements (ConvolveFlattenBridge *self)
{
  return (int) cnn_shape_size (self->block);
}

static void
show (ConvolveFlattenBridge *self)
{
  int element = self->hovered >= 0 ? self->hovered : self->selected;
  int y, x, c, row, col;

  if (element == self->shown)
    return;
  if (self->shown >= 0)
    {
      cnn_flatten_to_hwc (self->block, self->shown, &y, &x, &c);
      convolve_heatmap_set_highlight (g_ptr_array_index (self->maps, c), -1, -1);
    }
  convolve_heatmap_set_highlight (self->strip, -1, -1);
  self->shown = element;
  if (element < 0)
    return;

  cnn_flatten_to_hwc (self->block, element, &y, &x, &c);
  convolve_heatmap_set_highlight (g_ptr_array_index (self->maps, c), y, x);
  strip_cell (self, element, &row, &col);
  convolve_heatmap_set_highlight (self->strip, row, col);
}

/* "element 37 = max-pool 2, row 1, column 0, channel 5", then the
 * arithmetic and the value */
static char *
strip_tooltip (ConvolveHeatmap *map,
               int              row,
               int              col,
               float            value,
               gpointer         user_data)
{
  ConvolveFlattenBridge *self = user_data;
  int element = row * convolve_heatmap_get_cols (map) + col;
  char number[32];
  int y, x, c;

  if (element >= n_elements (self))
    return g_strdup ("");
  cnn_flatten_to_hwc (self->block, element, &y, &x, &c);
  convolve_format_number (value, 3, number, sizeof number);
  /* Translators: a flatten element's tooltip: where it came from in the
   * last maps, all counted from 0 as in the formula on the second line
   * ((row × width + column) × channels + channel = element), and its value */
  return g_strdup_printf (_("element %d = %s, row %d, column %d, channel %d\n"
                            "(%d × %d + %d) × %d + %d = %d, counted from 0\n"
                            "value %s"),
                          element, self->block_name, y, x, c,
                          y, self->block.w, x, self->block.c, c, element, number);
}

static char *
block_tooltip (ConvolveHeatmap *map,
               int              row,
               int              col,
               float            value,
               gpointer         user_data)
{
  ConvolveFlattenBridge *self = user_data;
  int c = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (map), CHANNEL_KEY));
  char number[32];

  convolve_format_number (value, 3, number, sizeof number);
  /* Translators: a cell of the last maps before flatten, counted from 0:
   * "max-pool 2, row 1, column 0, channel 5: 0.420", then where it goes */
  return g_strdup_printf (_("%s, row %d, column %d, channel %d: %s\n→ flatten element %d"),
                          self->block_name, row, col, c, number,
                          cnn_flatten_from_hwc (self->block, row, col, c));
}

static void
on_strip_hovered (ConvolveHeatmap       *strip,
                  int                    row,
                  int                    col,
                  ConvolveFlattenBridge *self)
{
  int element = row >= 0 && col >= 0 ? row * convolve_heatmap_get_cols (strip) + col : -1;

  self->hovered = element < n_elements (self) ? element : -1;
  show (self);
}

static void
on_block_hovered (ConvolveHeatmap       *map,
                  int                    row,
                  int                    col,
                  ConvolveFlattenBridge *self)
{
  int c = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (map), CHANNEL_KEY));

  self->hovered = row >= 0 && col >= 0 ? cnn_flatten_from_hwc (self->block, row, col, c) : -1;
  show (self);
}

/* The arrows step along the strip, whichever way it lies; Home and End */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                ConvolveFlattenBridge *self)
{
  int n = n_elements (self);
  int element = MAX (self->selected, 0);

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      element = MAX (element - 1, 0);
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      element = MIN (element + 1, n - 1);
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      element = 0;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      element = n - 1;
      break;
    default:
      return FALSE;
    }
  convolve_flatten_bridge_select (self, element);
  return TRUE;
}

static void
on_focus_enter (ConvolveFlattenBridge *self)
{
  convolve_flatten_bridge_select (self, MAX (self->selected, 0));
}

static void
on_focus_leave (ConvolveFlattenBridge *self)
{
  convolve_flatten_bridge_select (self, -1);
}

void
convolve_flatten_bridge_select (ConvolveFlattenBridge *self,
                                int                    element)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CONVOLVE_IS_FLATTEN_BRIDGE (self));
  g_return_if_fail (element >= -1 && element < n_elements (self));

  self->selected = element;
  show (self);
  /* a screen reader says where the chosen element came from */
  if (element >= 0)
    {
      int row, col;

      strip_cell (self, element, &row, &col);
      text = strip_tooltip (self->strip, row, col, convolve_heatmap_get_value (self->strip, row, col),
                            self);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->strip),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
    }
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->strip), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

ConvolveFlattenBridge *
convolve_flatten_bridge_new (const CnnNet      *net,
                             ConvolveLayerCard *block,
                             ConvolveLayerCard *flatten)
{
  ConvolveFlattenBridge *self;
  int f;

  g_return_val_if_fail (net != NULL, NULL);
  g_return_val_if_fail (CONVOLVE_IS_LAYER_CARD (block) && CONVOLVE_IS_LAYER_CARD (flatten), NULL);

  f = cnn_net_flatten_layer (net);
  if (f < 0 || net->layers[f].kind != CNN_LAYER_FLATTEN
      || convolve_layer_card_get_layer (flatten) != f
      || convolve_layer_card_get_layer (block) != f - 1
      || convolve_layer_card_get_n_maps (block) != net->layers[f].in.c
      || convolve_layer_card_get_n_maps (flatten) != 1)
    return NULL;

  self = g_object_new (CONVOLVE_TYPE_FLATTEN_BRIDGE, NULL);
  self->block = net->layers[f].in;
  self->block_name = convolve_layer_card_stage_name (net, f - 1);
  self->strip = g_object_ref (convolve_layer_card_get_map (flatten, 0));
  convolve_heatmap_set_tooltip_func (self->strip, strip_tooltip, self, NULL);
  g_signal_connect_object (self->strip, "cell-hovered", G_CALLBACK (on_strip_hovered), self, 0);

  for (int c = 0; c < self->block.c; c++)
    {
      ConvolveHeatmap *map = convolve_layer_card_get_map (block, c);

      g_object_set_data (G_OBJECT (map), CHANNEL_KEY, GINT_TO_POINTER (c));
      convolve_heatmap_set_tooltip_func (map, block_tooltip, self, NULL);
      g_signal_connect_object (map, "cell-hovered", G_CALLBACK (on_block_hovered), self, 0);
      g_ptr_array_add (self->maps, g_object_ref (map));
    }

  /* the keyboard's way along the vector */
  gtk_widget_set_focusable (GTK_WIDGET (self->strip), TRUE);
  self->keys = gtk_event_controller_key_new ();
  g_signal_connect_object (self->keys, "key-pressed", G_CALLBACK (on_key_pressed), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->strip), self->keys);
  self->focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (self->focus, "enter", G_CALLBACK (on_focus_enter), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->focus, "leave", G_CALLBACK (on_focus_leave), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->strip), self->focus);
  return self;
}

int
convolve_flatten_bridge_get_element (ConvolveFlattenBridge *self)
{
  g_return_val_if_fail (CONVOLVE_IS_FLATTEN_BRIDGE (self), -1);
  return self->shown;
}

ConvolveHeatmap *
convolve_flatten_bridge_get_strip (ConvolveFlattenBridge *self)
{
  g_return_val_if_fail (CONVOLVE_IS_FLATTEN_BRIDGE (self), NULL);
  return self->strip;
}

ConvolveHeatmap *
convolve_flatten_bridge_get_block_map (ConvolveFlattenBridge *self,
                                       int                    channel)
{
  g_return_val_if_fail (CONVOLVE_IS_FLATTEN_BRIDGE (self), NULL);
  g_return_val_if_fail (channel >= 0 && channel < (int) self->maps->len, NULL);
  return g_ptr_array_index (self->maps, channel);
}

CnnShape
convolve_flatten_bridge_get_block (ConvolveFlattenBridge *self)
{
  CnnShape none = { 0 };

  g_return_val_if_fail (CONVOLVE_IS_FLATTEN_BRIDGE (self), none);
  return self->block;
}

static void
convolve_flatten_bridge_dispose (GObject *object)
{
  ConvolveFlattenBridge *self = CONVOLVE_FLATTEN_BRIDGE (object);

  /* the maps as they were: no outline, their own tooltips, the strip
   * not focusable and without the keys */
  if (self->strip != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->strip, self);
      for (guint c = 0; c < self->maps->len; c++)
        g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->maps, c), self);
      self->hovered = self->selected = -1;
      show (self);
      convolve_heatmap_set_tooltip_func (self->strip, NULL, NULL, NULL);
      gtk_widget_remove_controller (GTK_WIDGET (self->strip), self->keys);
      gtk_widget_remove_controller (GTK_WIDGET (self->strip), self->focus);
      gtk_widget_set_focusable (GTK_WIDGET (self->strip), FALSE);
      self->keys = self->focus = NULL;
    }
  for (guint c = 0; self->maps != NULL && c < self->maps->len; c++)
    convolve_heatmap_set_tooltip_func (g_ptr_array_index (self->maps, c), NULL, NULL, NULL);
  g_clear_pointer (&self->maps, g_ptr_array_unref);
  g_clear_object (&self->strip);

  G_OBJECT_CLASS (convolve_flatten_bridge_parent_class)->dispose (object);
}

static void
convolve_flatten_bridge_finalize (GObject *object)
{
  ConvolveFlattenBridge *self = CONVOLVE_FLATTEN_BRIDGE (object);

  g_free (self->block_name);

  G_OBJECT_CLASS (convolve_flatten_bridge_parent_class)->finalize (object);
}

static void
convolve_flatten_bridge_class_init (ConvolveFlattenBridgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = convolve_flatten_bridge_dispose;
  object_class->finalize = convolve_flatten_bridge_finalize;
}

static void
convolve_flatten_bridge_init (ConvolveFlattenBridge *self)
{
  self->maps = g_ptr_array_new_with_free_func (g_object_unref);
  self->hovered = self->selected = self->shown = -1;
}
