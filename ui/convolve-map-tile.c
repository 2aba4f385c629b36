/* convolve-map-tile.c — one small map over its caption
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "convolve-map-tile.h"

struct _ConvolveMapTile
{
  GtkWidget parent_instance;

  GtkWidget *box;
  ConvolveHeatmap *map;
  GtkLabel *caption;
};

G_DEFINE_FINAL_TYPE (ConvolveMapTile, convolve_map_tile, GTK_TYPE_WIDGET)

/* The box's natural size is the tile's minimum: wrap, don't squeeze */
static void
convolve_map_tile_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  ConvolveMapTile *self = CONVOLVE_MAP_TILE (widget);

  gtk_widget_measure (self->box, orientation, -1, minimum, natural, NULL, NULL);
  *minimum = *natural;
}

static void
convolve_map_tile_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  ConvolveMapTile *self = CONVOLVE_MAP_TILE (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
}

static GtkSizeRequestMode
convolve_map_tile_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
convolve_map_tile_dispose (GObject *object)
{
  ConvolveMapTile *self = CONVOLVE_MAP_TILE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CONVOLVE_TYPE_MAP_TILE);

  G_OBJECT_CLASS (convolve_map_tile_parent_class)->dispose (object);
}

static void
convolve_map_tile_class_init (ConvolveMapTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = convolve_map_tile_dispose;
  widget_class->measure = convolve_map_tile_measure;
  widget_class->size_allocate = convolve_map_tile_size_allocate;
  widget_class->get_request_mode = convolve_map_tile_get_request_mode;
  g_type_ensure (CONVOLVE_TYPE_HEATMAP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convolve/Convolve/ui/convolve-map-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvolveMapTile, box);
  gtk_widget_class_bind_template_child (widget_class, ConvolveMapTile, map);
  gtk_widget_class_bind_template_child (widget_class, ConvolveMapTile, caption);
  gtk_widget_class_set_css_name (widget_class, "maptile");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
convolve_map_tile_init (ConvolveMapTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
convolve_map_tile_new (const char *caption,
                       int         cell)
{
  ConvolveMapTile *self = g_object_new (CONVOLVE_TYPE_MAP_TILE, NULL);

  convolve_heatmap_set_cell_size (self->map, MAX (cell, 1));
  convolve_map_tile_set_caption (self, caption);
  return GTK_WIDGET (self);
}

ConvolveHeatmap *
convolve_map_tile_get_map (ConvolveMapTile *self)
{
  g_return_val_if_fail (CONVOLVE_IS_MAP_TILE (self), NULL);
  return self->map;
}

void
convolve_map_tile_set_caption (ConvolveMapTile *self,
                               const char      *caption)
{
  g_return_if_fail (CONVOLVE_IS_MAP_TILE (self));

  if (caption == NULL)
    caption = "";
  gtk_widget_set_visible (GTK_WIDGET (self->caption), *caption != '\0');
  if (g_strcmp0 (gtk_label_get_label (self->caption), caption) != 0)
    gtk_label_set_label (self->caption, caption);
}

const char *
convolve_map_tile_get_caption (ConvolveMapTile *self)
{
  g_return_val_if_fail (CONVOLVE_IS_MAP_TILE (self), NULL);
  return gtk_label_get_label (self->caption);
}
