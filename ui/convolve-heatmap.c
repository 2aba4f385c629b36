/* convolve-heatmap.c — one 2-D map (feature map, kernel, gradient) as coloured cells
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "convolve-heatmap.h"
#include "convolve-legend.h"
#include "convolve-style.h"

#define DEFAULT_CELL_SIZE 12
#define MIN_CELL_SIZE 3  /* the smallest readable cell, as the trace layout's */

struct _ConvolveHeatmap
{
  GtkWidget parent_instance;

  float *values;             /* rows × cols, row-major */
  int rows, cols;

  ConvolveScale scale;
  float range;               /* ≤ 0: fit the data */
  int cell_size;
  gboolean show_values;
  float alpha;                 /* 1, or less while dimmed */
  gboolean zoomable;           /* cell_size is at zoom 1: it grows with the text */
  double zoom;

  int highlight_row, highlight_col;  /* −1: none */
  int hover_row, hover_col;          /* −1: pointer outside the cells */

  ConvolveHeatmapTooltipFunc tooltip_func;  /* NULL: the default text */
  gpointer tooltip_data;
  GDestroyNotify tooltip_destroy;
};

G_DEFINE_FINAL_TYPE (ConvolveHeatmap, convolve_heatmap, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CELL_ACTIVATED,
  SIGNAL_CELL_HOVERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Where the cells go inside the allocation: square cells of `cell` px,
 * centred. */
typedef struct
{
  float x0, y0;
  float cell;   /* a cell's height; its width too except for strips */
  float cw;     /* a cell's width */
} Geometry;

static gboolean
get_geometry (ConvolveHeatmap *self,
              Geometry        *g)
{
  int w = gtk_widget_get_width (GTK_WIDGET (self));
  int h = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->rows <= 0 || self->cols <= 0 || w <= 0 || h <= 0)
    return FALSE;

  /* whole pixels, so neighbouring cells share crisp edges */
  g->cell = MAX (1, MIN (w / self->cols, h / self->rows));
  g->cw = g->cell;
  /* a 1-D strip (one column) fills the width it is given, so a vector of
   * small cells still reads as a bar rather than a hairline */
  if (self->cols == 1 && self->rows > 1)
    {
      g->cell = MAX (1, h / self->rows);
      g->cw = MAX (g->cell, w);
    }
  g->x0 = floorf ((w - g->cw * self->cols) / 2.0f);
  g->y0 = floorf ((h - g->cell * self->rows) / 2.0f);
  return TRUE;
}

static gboolean
cell_at (ConvolveHeatmap *self,
         double           x,
         double           y,
         int             *row,
         int             *col)
{
  Geometry g;
  int r, c;

  if (!get_geometry (self, &g))
    return FALSE;

  c = (int) floor ((x - g.x0) / g.cw);
  r = (int) floor ((y - g.y0) / g.cell);
  if (r < 0 || r >= self->rows || c < 0 || c >= self->cols)
    return FALSE;

  *row = r;
  *col = c;
  return TRUE;
}

static float
effective_range (ConvolveHeatmap *self)
{
  if (self->range > 0.0f)
    return self->range;
  return convolve_colormap_range (self->scale, self->values,
                                  (gsize) self->rows * self->cols);
}

static void
append_outline (GtkSnapshot   *snapshot,
                float          x,
                float          y,
                float          w,
                float          h,
                float          width,
                const GdkRGBA *color)
{
  GskRoundedRect rect;
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (x, y, w, h), 0);
  gtk_snapshot_append_border (snapshot, &rect, widths, colors);
}

static void
snapshot_values (ConvolveHeatmap *self,
                 GtkSnapshot     *snapshot,
                 const Geometry  *g,
                 float            range,
                 gboolean         dark)
{
  g_autoptr (PangoLayout) layout = NULL;
  PangoFontDescription *desc;
  const PangoFontDescription *base;
  double px = MIN (g->cell * 0.3, 13.0);

  /* Too small to read: the tooltip still tells the value. */
  if (px < 6.0)
    return;

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  base = pango_context_get_font_description (pango_layout_get_context (layout));
  desc = base ? pango_font_description_copy (base) : pango_font_description_new ();
  pango_font_description_set_absolute_size (desc, px * PANGO_SCALE);
  pango_font_description_set_variant (desc, PANGO_VARIANT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);

  for (int r = 0; r < self->rows; r++)
    for (int c = 0; c < self->cols; c++)
      {
        float v = self->values[r * self->cols + c];
        char text[32];
        GdkRGBA bg, fg;
        int tw, th;
        float scale = 1.0f;

        convolve_format_number (v, 2, text, sizeof text);
        pango_layout_set_text (layout, text, -1);
        pango_layout_get_pixel_size (layout, &tw, &th);

        /* shrink wide numbers (−12.34) to the cell rather than overflow */
        if (tw > g->cell - 2)
          scale = (g->cell - 2) / (float) tw;

        convolve_colormap_color (self->scale, v / range, dark, &bg);
        if (convolve_colormap_luminance (&bg) > 0.22f)
          fg = (GdkRGBA) { 0, 0, 0, 0.85f * self->alpha };
        else
          fg = (GdkRGBA) { 1, 1, 1, 0.95f * self->alpha };

        gtk_snapshot_save (snapshot);
        gtk_snapshot_translate (snapshot,
                                &GRAPHENE_POINT_INIT (g->x0 + (c + 0.5f) * g->cw,
                                                      g->y0 + (r + 0.5f) * g->cell));
        gtk_snapshot_scale (snapshot, scale, scale);
        gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-tw / 2.0f, -th / 2.0f));
        gtk_snapshot_append_layout (snapshot, layout, &fg);
        gtk_snapshot_restore (snapshot);
      }
}

static void
convolve_heatmap_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  ConvolveHeatmap *self = CONVOLVE_HEATMAP (widget);
  gboolean dark = convolve_style_is_dark ();
  GdkRGBA fg, border, accent;
  Geometry g;
  float range, w, h;

  if (!get_geometry (self, &g))
    return;

  range = effective_range (self);
  w = g.cw * self->cols;
  h = g.cell * self->rows;

  convolve_style_append_cells (snapshot, &GRAPHENE_RECT_INIT (g.x0, g.y0, w, h),
                               self->scale, dark, self->values, self->rows, self->cols,
                               range, self->alpha);

  if (self->show_values)
    snapshot_values (self, snapshot, &g, range, dark);

  /* The border lets an all-zero map (background-coloured) still read as a
   * map; drawn on the outermost pixels so it never covers more of a cell
   * than its edge. */
  convolve_style_get_fg_color (widget, &fg);
  fg.alpha *= self->alpha;
  border = fg;
  border.alpha *= 0.25f;
  append_outline (snapshot, g.x0, g.y0, w, h, 1, &border);

  if (self->hover_row >= 0 && self->hover_col >= 0)
    {
      GdkRGBA hover = fg;

      hover.alpha *= 0.6f;
      append_outline (snapshot, g.x0 + self->hover_col * g.cw,
                      g.y0 + self->hover_row * g.cell, g.cw, g.cell, 1, &hover);
    }

  convolve_style_get_accent_color (widget, &accent);
  if (self->highlight_row >= 0 && self->highlight_col >= 0 &&
      self->highlight_row < self->rows && self->highlight_col < self->cols)
    {
      float x = g.x0 + self->highlight_col * g.cw;
      float y = g.y0 + self->highlight_row * g.cell;
      float width = MIN (2, g.cell / 3.0f);
      GdkRGBA halo;

      append_outline (snapshot, x, y, g.cw, g.cell, width, &accent);
      /* a background-coloured line inside the accent one keeps the outline
       * visible on cells whose colour is close to the accent (deep blue on
       * the light sequential ramp) */
      if (g.cell >= 8 &&
          convolve_style_lookup_color (widget, "window_bg_color", &halo))
        append_outline (snapshot, x + width, y + width, g.cw - 2 * width,
                        g.cell - 2 * width, 1, &halo);
    }

  /* No CSS focus ring applies to a custom node, so draw one outside the
   * cells. */
  if (gtk_widget_has_visible_focus (widget))
    {
      GdkRGBA ring = accent;

      ring.alpha *= 0.5f;
      append_outline (snapshot, g.x0 - 3, g.y0 - 3, w + 6, h + 6, 2, &ring);
    }
}

static void convolve_heatmap_css_changed (GtkWidget *widget, GtkCssStyleChange *change);

static void
convolve_heatmap_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  ConvolveHeatmap *self = CONVOLVE_HEATMAP (widget);
  int n = orientation == GTK_ORIENTATION_HORIZONTAL ? self->cols : self->rows;

  int cell = self->zoomable ? (int) lround (self->cell_size * self->zoom) : self->cell_size;

  *minimum = n * MIN_CELL_SIZE;
  *natural = n * MAX (cell, MIN_CELL_SIZE);
}

static GtkSizeRequestMode
convolve_heatmap_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
set_hover (ConvolveHeatmap *self,
           int              row,
           int              col)
{
  if (row == self->hover_row && col == self->hover_col)
    return;

  self->hover_row = row;
  self->hover_col = col;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  /* the tooltip follows the cell, not only the first one entered */
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  g_signal_emit (self, signals[SIGNAL_CELL_HOVERED], 0, row, col);
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           ConvolveHeatmap          *self)
{
  int r, c;

  if (cell_at (self, x, y, &r, &c))
    set_hover (self, r, c);
  else
    set_hover (self, -1, -1);
}

static void
leave_cb (GtkEventControllerMotion *motion,
          ConvolveHeatmap          *self)
{
  set_hover (self, -1, -1);
}

static gboolean
query_tooltip_cb (GtkWidget       *widget,
                  int              x,
                  int              y,
                  gboolean         keyboard_mode,
                  GtkTooltip      *tooltip,
                  ConvolveHeatmap *self)
{
  g_autofree char *text = NULL;
  int r, c;

  if (keyboard_mode && self->highlight_row >= 0 && self->highlight_col >= 0 &&
      self->highlight_row < self->rows && self->highlight_col < self->cols)
    {
      r = self->highlight_row;
      c = self->highlight_col;
    }
  else if (!cell_at (self, x, y, &r, &c))
    return FALSE;

  text = convolve_heatmap_dup_cell_tooltip (self, r, c);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            ConvolveHeatmap *self)
{
  int r, c;

  if (!cell_at (self, x, y, &r, &c))
    return;

  if (gtk_widget_get_focusable (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));

  g_signal_emit (self, signals[SIGNAL_CELL_ACTIVATED], 0, r, c);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *key,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                ConvolveHeatmap       *self)
{
  int r = 0, c = 0;

  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter &&
      keyval != GDK_KEY_ISO_Enter && keyval != GDK_KEY_space)
    return FALSE;
  if (self->rows <= 0 || self->cols <= 0)
    return FALSE;

  /* with nothing highlighted, the map as a whole is what is chosen */
  if (self->highlight_row >= 0 && self->highlight_col >= 0 &&
      self->highlight_row < self->rows && self->highlight_col < self->cols)
    {
      r = self->highlight_row;
      c = self->highlight_col;
    }

  g_signal_emit (self, signals[SIGNAL_CELL_ACTIVATED], 0, r, c);
  return TRUE;
}

static void
convolve_heatmap_finalize (GObject *object)
{
  ConvolveHeatmap *self = CONVOLVE_HEATMAP (object);

  g_clear_pointer (&self->values, g_free);
  if (self->tooltip_destroy != NULL)
    self->tooltip_destroy (self->tooltip_data);

  G_OBJECT_CLASS (convolve_heatmap_parent_class)->finalize (object);
}

static void
convolve_heatmap_class_init (ConvolveHeatmapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = convolve_heatmap_finalize;

  widget_class->snapshot = convolve_heatmap_snapshot;
  widget_class->measure = convolve_heatmap_measure;
  widget_class->css_changed = convolve_heatmap_css_changed;
  widget_class->get_request_mode = convolve_heatmap_get_request_mode;

  /**
   * ConvolveHeatmap::cell-activated:
   * @row: 0-based row
   * @col: 0-based column
   *
   * A cell was clicked, or Enter was pressed while the map had focus (then
   * the highlighted cell, or 0, 0 when none is).
   */
  signals[SIGNAL_CELL_ACTIVATED] =
    g_signal_new ("cell-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);

  /**
   * ConvolveHeatmap::cell-hovered:
   * @row: 0-based row, −1 when the pointer left the cells
   * @col: 0-based column, −1 likewise
   *
   * The pointer moved onto another cell, or off the cells.
   */
  signals[SIGNAL_CELL_HOVERED] =
    g_signal_new ("cell-hovered",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "heatmap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
convolve_heatmap_init (ConvolveHeatmap *self)
{
  GtkEventController *controller;

  self->scale = CONVOLVE_SCALE_SEQUENTIAL;
  self->cell_size = DEFAULT_CELL_SIZE;
  self->alpha = 1.0f;
  self->zoomable = TRUE;
  self->zoom = 1.0;
  self->highlight_row = self->highlight_col = -1;
  self->hover_row = self->hover_col = -1;

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (controller), GDK_BUTTON_PRIMARY);
  g_signal_connect (controller, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);

  convolve_style_redraw_on_dark_change (GTK_WIDGET (self));
}

GtkWidget *
convolve_heatmap_new (void)
{
  return g_object_new (CONVOLVE_TYPE_HEATMAP, NULL);
}

void
convolve_heatmap_set_data (ConvolveHeatmap *self,
                           const float     *values,
                           int              rows,
                           int              cols,
                           int              stride)
{
  gboolean resized;

  g_return_if_fail (CONVOLVE_IS_HEATMAP (self));
  g_return_if_fail (rows >= 0 && cols >= 0);
  g_return_if_fail (values != NULL || rows * cols == 0);
  g_return_if_fail (stride >= 1);

  resized = rows != self->rows || cols != self->cols;
  if (resized)
    {
      g_free (self->values);
      self->values = g_new0 (float, (gsize) rows * cols);
      self->rows = rows;
      self->cols = cols;
      self->hover_row = self->hover_col = -1;
    }
  else
    {
      /* the same numbers again (a digit shown by the next score too):
       * nothing to draw */
      gsize i = 0;

      while (i < (gsize) rows * cols && self->values[i] == values[i * stride])
        i++;
      if (i == (gsize) rows * cols)
        return;
    }

  for (gsize i = 0; i < (gsize) rows * cols; i++)
    self->values[i] = values[i * stride];

  if (resized)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
convolve_heatmap_set_scale (ConvolveHeatmap *self,
                            ConvolveScale    scale,
                            float            range)
{
  g_return_if_fail (CONVOLVE_IS_HEATMAP (self));

  if (scale == self->scale && range == self->range)
    return;

  self->scale = scale;
  self->range = range;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
convolve_heatmap_set_cell_size (ConvolveHeatmap *self,
                                int              pixels)
{
  g_return_if_fail (CONVOLVE_IS_HEATMAP (self));
  g_return_if_fail (pixels > 0);

  pixels = MAX (pixels, MIN_CELL_SIZE);
  if (pixels == self->cell_size)
    return;

  self->cell_size = pixels;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
convolve_heatmap_set_show_values (ConvolveHeatmap *self,
                                  gboolean         show)
{
  g_return_if_fail (CONVOLVE_IS_HEATMAP (self));

  show = !!show;
  if (show == self->show_values)
    return;

  self->show_values = show;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
convolve_heatmap_set_zoomable (ConvolveHeatmap *self,
                               gboolean         zoomable)
{
  g_return_if_fail (CONVOLVE_IS_HEATMAP (self));

  zoomable = !!zoomable;
  if (zoomable == self->zoomable)
    return;
  self->zoomable = zoomable;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
convolve_heatmap_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  ConvolveHeatmap *self = CONVOLVE_HEATMAP (widget);
  double zoom = convolve_style_get_zoom (widget);

  GTK_WIDGET_CLASS (convolve_heatmap_parent_class)->css_changed (widget, change);
  if (zoom != self->zoom)
    {
      self->zoom = zoom;
      if (self->zoomable)
        gtk_widget_queue_resize (widget);
    }
}

void
convolve_heatmap_set_dimmed (ConvolveHeatmap *self,
                             gboolean         dimmed)
{
  float alpha = dimmed ? CONVOLVE_DIM_ALPHA : 1.0f;

  g_return_if_fail (CONVOLVE_IS_HEATMAP (self));

  if (alpha == self->alpha)
    return;
  self->alpha = alpha;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
convolve_heatmap_set_highlight (ConvolveHeatmap *self,
                                int              row,
                                int              col)
{
  g_return_if_fail (CONVOLVE_IS_HEATMAP (self));

  if (row < 0 || col < 0)
    row = col = -1;
  if (row == self->highlight_row && col == self->highlight_col)
    return;

  self->highlight_row = row;
  self->highlight_col = col;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
convolve_heatmap_get_highlight (ConvolveHeatmap *self,
                                int             *row,
                                int             *col)
{
  g_return_if_fail (CONVOLVE_IS_HEATMAP (self));

  if (row != NULL)
    *row = self->highlight_row;
  if (col != NULL)
    *col = self->highlight_col;
}

void
convolve_heatmap_set_tooltip_func (ConvolveHeatmap            *self,
                                   ConvolveHeatmapTooltipFunc  func,
                                   gpointer                    user_data,
                                   GDestroyNotify              destroy)
{
  g_return_if_fail (CONVOLVE_IS_HEATMAP (self));

  if (self->tooltip_destroy != NULL)
    self->tooltip_destroy (self->tooltip_data);
  self->tooltip_func = func;
  self->tooltip_data = user_data;
  self->tooltip_destroy = destroy;
}

char *
convolve_heatmap_dup_cell_tooltip (ConvolveHeatmap *self,
                                   int              row,
                                   int              col)
{
  char value[32];
  float v;

  g_return_val_if_fail (CONVOLVE_IS_HEATMAP (self), NULL);
  g_return_val_if_fail (row >= 0 && row < self->rows, NULL);
  g_return_val_if_fail (col >= 0 && col < self->cols, NULL);

  v = self->values[row * self->cols + col];
  if (self->tooltip_func != NULL)
    return self->tooltip_func (self, row, col, v, self->tooltip_data);
  /* 1-based: this is for people, like "row 1" on paper */
  convolve_format_number (v, 3, value, sizeof value);
  /* Translators: a heatmap cell's tooltip, "row 2, column 5: −0.314" */
  return g_strdup_printf (_("row %d, column %d: %s"), row + 1, col + 1, value);
}

float
convolve_heatmap_get_value (ConvolveHeatmap *self,
                            int              row,
                            int              col)
{
  g_return_val_if_fail (CONVOLVE_IS_HEATMAP (self), 0.0f);
  g_return_val_if_fail (row >= 0 && row < self->rows, 0.0f);
  g_return_val_if_fail (col >= 0 && col < self->cols, 0.0f);

  return self->values[row * self->cols + col];
}

int
convolve_heatmap_get_rows (ConvolveHeatmap *self)
{
  g_return_val_if_fail (CONVOLVE_IS_HEATMAP (self), 0);

  return self->rows;
}

int
convolve_heatmap_get_cols (ConvolveHeatmap *self)
{
  g_return_val_if_fail (CONVOLVE_IS_HEATMAP (self), 0);

  return self->cols;
}
