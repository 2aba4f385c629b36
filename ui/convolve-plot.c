/* convolve-plot.c — a line chart with axes, ticks, units and a legend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "convolve-plot-layout.h"
#include "convolve-plot.h"
#include "convolve-style.h"

#define NATURAL_WIDTH 420
#define NATURAL_HEIGHT 220
#define MIN_WIDTH 200
#define MIN_HEIGHT 140
#define LINE_WIDTH 2.0
#define SWATCH_WIDTH 22
#define SWATCH_GAP 6
#define LEGEND_ITEM_GAP 16
#define X_TICKS 7
#define Y_TICKS 6
/* the accessible description follows the data at most this often: a
 * screen reader gains nothing from 60 updates a second */
#define DESCRIPTION_DELAY_MS 500

typedef struct
{
  double x, y;
} Point;

typedef struct
{
  char     *name;
  GdkRGBA   color;
  gboolean  palette;   /* color not given: a palette entry that follows the theme */
  int       palette_index;
  gboolean  dashed;
  GArray   *points;    /* Point, in the order appended */
  /* running extremes, so ranging costs nothing per frame */
  double    x_max, x_min, y_min, y_max, y_min_positive;
} Series;

struct _ConvolvePlot
{
  GtkWidget parent_instance;

  char    *x_label;
  char    *y_label;
  GArray  *series;      /* Series */
  gboolean log_y;
  gboolean fixed_y;
  double   y_lo, y_hi;
  guint    description_id;
  /* the texts drawn, laid out: a plot that gains a point a frame shapes
   * no text again (convolve_style_get_layout) */
  GHashTable *layouts;
};

G_DEFINE_FINAL_TYPE (ConvolvePlot, convolve_plot, GTK_TYPE_WIDGET)

/* Okabe–Ito hues, colour-blind safe; a darker shade for light backgrounds
 * and a lighter one for dark, each ≥ 3:1 against its background */
static const char *const palette_light[] = { "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#b8860b", "#56b4e9" };
static const char *const palette_dark[]  = { "#56b4e9", "#ff9a52", "#3fd4a4", "#e8a3cc", "#f0e442", "#8fb8ff" };

static void
series_clear (gpointer data)
{
  Series *s = data;

  g_clear_pointer (&s->name, g_free);
  g_clear_pointer (&s->points, g_array_unref);
}

static void
series_reset_extremes (Series *s)
{
  s->x_min = s->y_min = s->y_min_positive = INFINITY;
  s->x_max = s->y_max = -INFINITY;
}

static void
series_color (const Series *s,
              gboolean      dark,
              GdkRGBA      *out)
{
  if (!s->palette)
    {
      *out = s->color;
      return;
    }
  gdk_rgba_parse (out, (dark ? palette_dark : palette_light)[s->palette_index %
                                                              G_N_ELEMENTS (palette_light)]);
}

static PangoLayout *
text_layout (ConvolvePlot *self,
             const char   *text,
             gboolean      small)
{
  return convolve_style_get_layout (&self->layouts, GTK_WIDGET (self), text, small);
}

/* The ranges the data asks for (or the fixed one) */
static void
fit_scales (ConvolvePlot       *self,
            ConvolvePlotLayout *layout)
{
  double x_min = INFINITY, x_max = -INFINITY, y_min = INFINITY, y_max = -INFINITY;

  for (guint i = 0; i < self->series->len; i++)
    {
      Series *s = &g_array_index (self->series, Series, i);

      x_min = MIN (x_min, s->x_min);
      x_max = MAX (x_max, s->x_max);
      y_min = MIN (y_min, self->log_y ? s->y_min_positive : s->y_min);
      y_max = MAX (y_max, s->y_max);
    }

  /* steps count from 0: the axis starts there so curves line up with it */
  if (x_min <= x_max)
    x_min = MIN (0.0, x_min);
  convolve_plot_scale_fit (&layout->x, x_min, x_max, FALSE, FALSE);
  if (!self->fixed_y ||
      !convolve_plot_scale_set (&layout->y, self->y_lo, self->y_hi, self->log_y))
    convolve_plot_scale_fit (&layout->y, y_min, y_max, self->log_y, TRUE);
}

/* The legend starts in line with the y tick labels */
static double
legend_start (const ConvolvePlotMetrics *m)
{
  return CONVOLVE_PLOT_PAD + (m->title_height > 0 ? m->title_height + CONVOLVE_PLOT_PAD : 0);
}

/* Everything around the plot area, measured with the widget's fonts */
static void
measure_text (ConvolvePlot        *self,
              ConvolvePlotLayout  *layout,
              int                  width,
              ConvolvePlotMetrics *m,
              double              *y_ticks,
              int                 *n_y_ticks)
{
  PangoLayout *title = text_layout (self, "Ag", FALSE);
  int w, h, x = 0, rows = 1;

  pango_layout_get_pixel_size (title, NULL, &h);
  m->title_height = h;

  *n_y_ticks = convolve_plot_scale_ticks (&layout->y, Y_TICKS, y_ticks);
  m->y_tick_width = 0;
  m->tick_height = 0;
  for (int i = 0; i < *n_y_ticks; i++)
    {
      PangoLayout *label;
      char text[32];

      convolve_plot_format_tick (&layout->y, y_ticks[i],
                                 *n_y_ticks > 1 ? y_ticks[1] - y_ticks[0] : 0,
                                 text, sizeof text);
      label = text_layout (self, text, TRUE);
      pango_layout_get_pixel_size (label, &w, &h);
      m->y_tick_width = MAX (m->y_tick_width, w);
      m->tick_height = MAX (m->tick_height, h);
    }
  if (m->tick_height == 0)
    {
      PangoLayout *label = text_layout (self, "0", TRUE);

      pango_layout_get_pixel_size (label, NULL, &h);
      m->tick_height = h;
    }

  /* the legend wraps into rows across the width */
  m->legend_height = 0;
  for (guint i = 0; i < self->series->len; i++)
    {
      Series *s = &g_array_index (self->series, Series, i);
      PangoLayout *name = text_layout (self, s->name, TRUE);
      int item;

      pango_layout_get_pixel_size (name, &w, &h);
      item = SWATCH_WIDTH + SWATCH_GAP + w;
      if (x > 0 && x + LEGEND_ITEM_GAP + item > width - legend_start (m) - CONVOLVE_PLOT_PAD)
        {
          rows++;
          x = 0;
        }
      x += (x > 0 ? LEGEND_ITEM_GAP : 0) + item;
      m->legend_height = rows * (h + 2);
    }
}

static void
set_source (cairo_t       *cr,
            const GdkRGBA *color,
            double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
show_layout_at (cairo_t     *cr,
                PangoLayout *layout,
                double       x,
                double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
set_dash (cairo_t  *cr,
          gboolean  dashed)
{
  static const double dash[] = { 6.0, 4.0 };

  if (dashed)
    cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  else
    cairo_set_dash (cr, NULL, 0, 0);
}

/* More points than pixel columns: drawn a column at a time */
static gboolean
many_points (const ConvolvePlotLayout *layout,
             const Series             *s)
{
  return s->points->len > layout->width;
}

typedef struct
{
  double x, lo, hi;   /* where a pixel column's first point lies, its extreme values */
} Column;

typedef void (*StretchFunc) (cairo_t *cr, const Column *c, guint n);

/* The series a pixel column at a time, each column with its lowest and
 * highest value (which keeps spikes): func gets each unbroken stretch of
 * columns, as a gap in the data (NaN, or ≤ 0 on a log axis) ends one */
static void
for_each_stretch (cairo_t                  *cr,
                  const ConvolvePlotLayout *layout,
                  const Series             *s,
                  StretchFunc               func)
{
  g_autoptr (GArray) columns = g_array_sized_new (FALSE, FALSE, sizeof (Column), layout->width + 1);
  int column = G_MININT;

  for (guint i = 0; i < s->points->len; i++)
    {
      const Point *p = &g_array_index (s->points, Point, i);
      double px = convolve_plot_layout_x_to_pixel (layout, p->x);
      double py = convolve_plot_layout_y_to_pixel (layout, p->y);
      int c;

      if (!isfinite (px) || !isfinite (py))
        {
          if (columns->len > 0)
            func (cr, (const Column *) (gpointer) columns->data, columns->len);
          g_array_set_size (columns, 0);
          column = G_MININT;
          continue;
        }
      c = (int) floor (px);
      if (c == column)
        {
          Column *last = &g_array_index (columns, Column, columns->len - 1);

          last->lo = MAX (last->lo, py);
          last->hi = MIN (last->hi, py);
          continue;
        }
      column = c;
      g_array_append_val (columns, ((Column) { .x = px, .lo = py, .hi = py }));
    }
  if (columns->len > 0)
    func (cr, (const Column *) (gpointer) columns->data, columns->len);
}

/* A stretch as a line down and up each column: one segment a column
 * instead of one a point */
static void
zigzag_columns (cairo_t      *cr,
                const Column *c,
                guint         n)
{
  cairo_move_to (cr, c[0].x, c[0].lo);
  cairo_line_to (cr, c[0].x, c[0].hi);
  for (guint i = 1; i < n; i++)
    {
      cairo_line_to (cr, c[i].x, c[i].lo);
      cairo_line_to (cr, c[i].x, c[i].hi);
    }
}

/* The series as one path; with more points than pixel columns (a dashed
 * series: a solid one is filled, fill_series_band()), a column at a time */
static void
trace_series (cairo_t                  *cr,
              const ConvolvePlotLayout *layout,
              const Series             *s)
{
  gboolean pen_down = FALSE;

  if (many_points (layout, s))
    {
      for_each_stretch (cr, layout, s, zigzag_columns);
      return;
    }
  for (guint i = 0; i < s->points->len; i++)
    {
      const Point *p = &g_array_index (s->points, Point, i);
      double px = convolve_plot_layout_x_to_pixel (layout, p->x);
      double py = convolve_plot_layout_y_to_pixel (layout, p->y);

      /* a gap in the data (NaN, or ≤ 0 on a log axis) breaks the line */
      if (!isfinite (px) || !isfinite (py))
        {
          pen_down = FALSE;
          continue;
        }
      if (pen_down)
        cairo_line_to (cr, px, py);
      else
        cairo_move_to (cr, px, py);
      pen_down = TRUE;
    }
}

/* The band's top (hi) or bottom at column i of n: the extreme of it and
 * its neighbours, so that a one-column spike is as wide as a line */
static double
band_edge (const Column *c,
           guint         n,
           guint         i,
           gboolean      top)
{
  double v = top ? c[i].hi : c[i].lo;

  if (i > 0)
    v = top ? MIN (v, c[i - 1].hi) : MAX (v, c[i - 1].lo);
  if (i + 1 < n)
    v = top ? MIN (v, c[i + 1].hi) : MAX (v, c[i + 1].lo);
  return v;
}

/* A stretch as one closed outline: the tops left to right, the bottoms
 * back, LINE_WIDTH / 2 outside the values and the ends */
static void
outline_columns (cairo_t      *cr,
                 const Column *c,
                 guint         n)
{
  const double half = LINE_WIDTH / 2.0;

  cairo_move_to (cr, c[0].x - half, band_edge (c, n, 0, TRUE) - half);
  for (guint i = 0; i < n; i++)
    cairo_line_to (cr, c[i].x, band_edge (c, n, i, TRUE) - half);
  cairo_line_to (cr, c[n - 1].x + half, band_edge (c, n, n - 1, TRUE) - half);
  cairo_line_to (cr, c[n - 1].x + half, band_edge (c, n, n - 1, FALSE) + half);
  for (guint i = n; i-- > 0;)
    cairo_line_to (cr, c[i].x, band_edge (c, n, i, FALSE) + half);
  cairo_line_to (cr, c[0].x - half, band_edge (c, n, 0, FALSE) + half);
  cairo_close_path (cr);
}

/* A series of more points than pixel columns, as the band each column's
 * lowest and highest values span, at least a line wide: what
 * trace_series() strokes, filled instead. The running loss gains a point
 * a frame while training; stroking its zigzag (two segments a column, a
 * join at each) took about 2 ms for 300 columns here, filling the band
 * 0.3 ms. */
static void
fill_series_band (cairo_t                  *cr,
                  const ConvolvePlotLayout *layout,
                  const Series             *s)
{
  for_each_stretch (cr, layout, s, outline_columns);
  cairo_fill (cr);
}

static void
convolve_plot_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  ConvolvePlot *self = CONVOLVE_PLOT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean dark = convolve_style_is_dark ();
  ConvolvePlotLayout layout = { 0 };
  ConvolvePlotMetrics m = { 0 };
  double y_ticks[CONVOLVE_PLOT_MAX_TICKS], x_ticks[CONVOLVE_PLOT_MAX_TICKS];
  int n_y, n_x, max_x;
  double plot_right, plot_bottom, lx, ly;
  GdkRGBA fg;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  convolve_style_trim_layouts (self->layouts);
  convolve_style_get_fg_color (widget, &fg);
  fit_scales (self, &layout);
  measure_text (self, &layout, width, &m, y_ticks, &n_y);
  convolve_plot_layout_place (&layout, width, height, &m);
  plot_right = layout.left + layout.width;
  plot_bottom = layout.top + layout.height;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_width (cr, 1.0);

  /* faint grid at the y ticks, a frame on the two axes */
  for (int i = 0; i < n_y; i++)
    {
      double y = round (convolve_plot_layout_y_to_pixel (&layout, y_ticks[i])) + 0.5;

      set_source (cr, &fg, 0.10);
      cairo_move_to (cr, layout.left, y);
      cairo_line_to (cr, plot_right, y);
      cairo_stroke (cr);
      set_source (cr, &fg, 0.7);
      cairo_move_to (cr, layout.left - CONVOLVE_PLOT_TICK_LENGTH, y);
      cairo_line_to (cr, layout.left, y);
      cairo_stroke (cr);
      {
        PangoLayout *label;
        char text[32];
        int w, h;

        convolve_plot_format_tick (&layout.y, y_ticks[i], n_y > 1 ? y_ticks[1] - y_ticks[0] : 0,
                                   text, sizeof text);
        label = text_layout (self, text, TRUE);
        pango_layout_get_pixel_size (label, &w, &h);
        set_source (cr, &fg, 0.8);
        show_layout_at (cr, label, layout.left - CONVOLVE_PLOT_TICK_LENGTH - 2 - w, y - h / 2.0);
      }
    }

  /* x ticks: as many as fit side by side with room to breathe */
  {
    char text[32];
    PangoLayout *widest;
    int w;

    convolve_plot_format_tick (&layout.x, layout.x.hi, 1.0, text, sizeof text);
    widest = text_layout (self, text, TRUE);
    pango_layout_get_pixel_size (widest, &w, NULL);
    max_x = CLAMP ((int) (layout.width / (w + 24)) + 1, 2, X_TICKS);
  }
  n_x = convolve_plot_scale_ticks (&layout.x, max_x, x_ticks);
  for (int i = 0; i < n_x; i++)
    {
      double x = round (convolve_plot_layout_x_to_pixel (&layout, x_ticks[i])) + 0.5;
      PangoLayout *label;
      char text[32];
      int w;

      set_source (cr, &fg, 0.10);
      cairo_move_to (cr, x, layout.top);
      cairo_line_to (cr, x, plot_bottom);
      cairo_stroke (cr);
      set_source (cr, &fg, 0.7);
      cairo_move_to (cr, x, plot_bottom);
      cairo_line_to (cr, x, plot_bottom + CONVOLVE_PLOT_TICK_LENGTH);
      cairo_stroke (cr);

      convolve_plot_format_tick (&layout.x, x_ticks[i], n_x > 1 ? x_ticks[1] - x_ticks[0] : 0,
                                 text, sizeof text);
      label = text_layout (self, text, TRUE);
      pango_layout_get_pixel_size (label, &w, NULL);
      set_source (cr, &fg, 0.8);
      show_layout_at (cr, label, CLAMP (x - w / 2.0, 0, width - w),
                      plot_bottom + CONVOLVE_PLOT_TICK_LENGTH + 2);
    }

  set_source (cr, &fg, 0.5);
  cairo_move_to (cr, layout.left + 0.5, layout.top);
  cairo_line_to (cr, layout.left + 0.5, plot_bottom + 0.5);
  cairo_line_to (cr, plot_right, plot_bottom + 0.5);
  cairo_stroke (cr);

  /* axis titles: x centred below, y turned up along the left edge */
  if (self->x_label != NULL && *self->x_label)
    {
      PangoLayout *title = text_layout (self, self->x_label, FALSE);
      int w, h;

      pango_layout_get_pixel_size (title, &w, &h);
      set_source (cr, &fg, 0.85);
      show_layout_at (cr, title, CLAMP (layout.left + (layout.width - w) / 2, 0, width - w),
                      height - CONVOLVE_PLOT_PAD - h);
    }
  if (self->y_label != NULL && *self->y_label)
    {
      PangoLayout *title = text_layout (self, self->y_label, FALSE);
      int w, h;

      pango_layout_get_pixel_size (title, &w, &h);
      cairo_save (cr);
      cairo_translate (cr, CONVOLVE_PLOT_PAD,
                       MIN (height, layout.top + (layout.height + w) / 2));
      cairo_rotate (cr, -G_PI / 2);
      set_source (cr, &fg, 0.85);
      show_layout_at (cr, title, 0, 0);
      cairo_restore (cr);
    }

  /* the curves, clipped to the plot area */
  cairo_save (cr);
  cairo_rectangle (cr, layout.left, layout.top - LINE_WIDTH, layout.width + LINE_WIDTH,
                   layout.height + 2 * LINE_WIDTH);
  cairo_clip (cr);
  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint i = 0; i < self->series->len; i++)
    {
      Series *s = &g_array_index (self->series, Series, i);
      GdkRGBA color;

      series_color (s, dark, &color);
      set_source (cr, &color, 1.0);
      set_dash (cr, s->dashed);
      if (s->points->len == 1)
        {
          /* a lone point has no line: a dot */
          Point *p = &g_array_index (s->points, Point, 0);
          double px = convolve_plot_layout_x_to_pixel (&layout, p->x);
          double py = convolve_plot_layout_y_to_pixel (&layout, p->y);

          if (isfinite (px) && isfinite (py))
            {
              cairo_arc (cr, px, py, LINE_WIDTH * 1.5, 0, 2 * G_PI);
              cairo_fill (cr);
            }
          continue;
        }
      if (!s->dashed && many_points (&layout, s))
        fill_series_band (cr, &layout, s);
      else
        {
          trace_series (cr, &layout, s);
          cairo_stroke (cr);
        }
    }
  cairo_restore (cr);

  /* the legend: a stretch of each line, then its name */
  lx = legend_start (&m);
  ly = CONVOLVE_PLOT_PAD;
  for (guint i = 0; i < self->series->len; i++)
    {
      Series *s = &g_array_index (self->series, Series, i);
      PangoLayout *name = text_layout (self, s->name, TRUE);
      GdkRGBA color;
      int w, h, item;

      pango_layout_get_pixel_size (name, &w, &h);
      item = SWATCH_WIDTH + SWATCH_GAP + w;
      if (lx > legend_start (&m) && lx + item > width - CONVOLVE_PLOT_PAD)
        {
          lx = legend_start (&m);
          ly += h + 2;
        }
      series_color (s, dark, &color);
      set_source (cr, &color, 1.0);
      cairo_set_line_width (cr, LINE_WIDTH + 1);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      set_dash (cr, s->dashed);
      cairo_move_to (cr, lx, round (ly + h / 2.0));
      cairo_line_to (cr, lx + SWATCH_WIDTH, round (ly + h / 2.0));
      cairo_stroke (cr);
      set_source (cr, &fg, 0.9);
      show_layout_at (cr, name, lx + SWATCH_WIDTH + SWATCH_GAP, ly);
      lx += item + LEGEND_ITEM_GAP;
    }

  cairo_destroy (cr);
}

static void
convolve_plot_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN_WIDTH;
      *natural = NATURAL_WIDTH;
    }
  else
    {
      *minimum = MIN_HEIGHT;
      *natural = NATURAL_HEIGHT;
    }
}

/* "loss 0.12 at step 450; test loss 0.2 at step 400" */
static gboolean
update_description (gpointer user_data)
{
  ConvolvePlot *self = user_data;
  g_autoptr (GString) text = g_string_new (NULL);

  self->description_id = 0;
  for (guint i = 0; i < self->series->len; i++)
    {
      Series *s = &g_array_index (self->series, Series, i);
      Point *p;

      if (s->points->len == 0)
        continue;
      p = &g_array_index (s->points, Point, s->points->len - 1);
      if (text->len > 0)
        g_string_append (text, "; ");
      /* Translators: a series' last point: "loss 0.12 at step 450" */
      g_string_append_printf (text, _("%s %.3g at %s %.6g"), s->name, p->y,
                              self->x_label ? self->x_label : "x", p->x);
    }
  if (text->len == 0)
    g_string_append (text, _("No data yet"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str,
                                  -1);
  return G_SOURCE_REMOVE;
}

static void
schedule_description (ConvolvePlot *self)
{
  if (self->description_id == 0)
    self->description_id = g_timeout_add (DESCRIPTION_DELAY_MS, update_description, self);
}

static void
update_label (ConvolvePlot *self)
{
  g_autofree char *label = NULL;

  /* Translators: a chart's name from its axes: "loss (cross-entropy) by step" */
  label = g_strdup_printf (_("Chart of %s by %s"),
                           self->y_label ? self->y_label : "",
                           self->x_label ? self->x_label : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
convolve_plot_dispose (GObject *object)
{
  ConvolvePlot *self = CONVOLVE_PLOT (object);

  g_clear_handle_id (&self->description_id, g_source_remove);
  g_clear_pointer (&self->layouts, g_hash_table_unref);

  G_OBJECT_CLASS (convolve_plot_parent_class)->dispose (object);
}

static void
convolve_plot_finalize (GObject *object)
{
  ConvolvePlot *self = CONVOLVE_PLOT (object);

  g_clear_pointer (&self->series, g_array_unref);
  g_clear_pointer (&self->x_label, g_free);
  g_clear_pointer (&self->y_label, g_free);

  G_OBJECT_CLASS (convolve_plot_parent_class)->finalize (object);
}

static void
convolve_plot_class_init (ConvolvePlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = convolve_plot_dispose;
  object_class->finalize = convolve_plot_finalize;

  widget_class->snapshot = convolve_plot_snapshot;
  widget_class->measure = convolve_plot_measure;

  gtk_widget_class_set_css_name (widget_class, "plot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
convolve_plot_init (ConvolvePlot *self)
{
  self->series = g_array_new (FALSE, TRUE, sizeof (Series));
  g_array_set_clear_func (self->series, series_clear);

  convolve_style_redraw_on_dark_change (GTK_WIDGET (self));
}

GtkWidget *
convolve_plot_new (const char *x_label,
                   const char *y_label)
{
  ConvolvePlot *self = g_object_new (CONVOLVE_TYPE_PLOT, NULL);

  self->x_label = g_strdup (x_label);
  self->y_label = g_strdup (y_label);
  update_label (self);
  update_description (self);
  return GTK_WIDGET (self);
}

int
convolve_plot_add_series (ConvolvePlot  *self,
                          const char    *name,
                          const GdkRGBA *color,
                          gboolean       dashed)
{
  Series s = { 0 };
  int n_palette = 0;

  g_return_val_if_fail (CONVOLVE_IS_PLOT (self), -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < self->series->len; i++)
    n_palette += g_array_index (self->series, Series, i).palette;

  s.name = g_strdup (name);
  s.palette = color == NULL;
  s.palette_index = n_palette;
  if (color != NULL)
    s.color = *color;
  s.dashed = dashed;
  s.points = g_array_new (FALSE, FALSE, sizeof (Point));
  series_reset_extremes (&s);
  g_array_append_val (self->series, s);

  gtk_widget_queue_draw (GTK_WIDGET (self));
  return (int) self->series->len - 1;
}

void
convolve_plot_append (ConvolvePlot *self,
                      int           series,
                      double        x,
                      double        y)
{
  Series *s;
  Point p = { x, y };

  g_return_if_fail (CONVOLVE_IS_PLOT (self));
  g_return_if_fail (series >= 0 && series < (int) self->series->len);

  s = &g_array_index (self->series, Series, series);
  g_array_append_val (s->points, p);
  if (isfinite (x))
    {
      s->x_min = MIN (s->x_min, x);
      s->x_max = MAX (s->x_max, x);
    }
  if (isfinite (y))
    {
      s->y_min = MIN (s->y_min, y);
      s->y_max = MAX (s->y_max, y);
      if (y > 0)
        s->y_min_positive = MIN (s->y_min_positive, y);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
  schedule_description (self);
}

void
convolve_plot_clear (ConvolvePlot *self)
{
  g_return_if_fail (CONVOLVE_IS_PLOT (self));

  for (guint i = 0; i < self->series->len; i++)
    {
      Series *s = &g_array_index (self->series, Series, i);

      g_array_set_size (s->points, 0);
      series_reset_extremes (s);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  schedule_description (self);
}

void
convolve_plot_remove_all (ConvolvePlot *self)
{
  g_return_if_fail (CONVOLVE_IS_PLOT (self));

  g_array_set_size (self->series, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  schedule_description (self);
}

void
convolve_plot_set_y_range (ConvolvePlot *self,
                           double        min,
                           double        max)
{
  g_return_if_fail (CONVOLVE_IS_PLOT (self));

  self->fixed_y = min < max;
  self->y_lo = min;
  self->y_hi = max;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
convolve_plot_set_log_y (ConvolvePlot *self,
                         gboolean      log_y)
{
  g_return_if_fail (CONVOLVE_IS_PLOT (self));

  log_y = !!log_y;
  if (log_y == self->log_y)
    return;
  self->log_y = log_y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
convolve_plot_get_n_series (ConvolvePlot *self)
{
  g_return_val_if_fail (CONVOLVE_IS_PLOT (self), 0);

  return (int) self->series->len;
}

guint
convolve_plot_get_n_points (ConvolvePlot *self,
                            int           series)
{
  g_return_val_if_fail (CONVOLVE_IS_PLOT (self), 0);
  g_return_val_if_fail (series >= 0 && series < (int) self->series->len, 0);

  return g_array_index (self->series, Series, series).points->len;
}

gboolean
convolve_plot_get_last (ConvolvePlot *self,
                        int           series,
                        double       *x,
                        double       *y)
{
  Series *s;
  Point *p;

  g_return_val_if_fail (CONVOLVE_IS_PLOT (self), FALSE);
  g_return_val_if_fail (series >= 0 && series < (int) self->series->len, FALSE);

  s = &g_array_index (self->series, Series, series);
  if (s->points->len == 0)
    return FALSE;
  p = &g_array_index (s->points, Point, s->points->len - 1);
  if (x != NULL)
    *x = p->x;
  if (y != NULL)
    *y = p->y;
  return TRUE;
}
