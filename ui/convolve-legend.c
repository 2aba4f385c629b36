/* convolve-legend.c — the colour scale explained: a gradient strip with ticks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "convolve-legend.h"
#include "convolve-style.h"

#define STRIP_WIDTH 160
#define STRIP_HEIGHT 10
#define TITLE_GAP 8
#define TICK_LENGTH 3
#define LABEL_GAP 1
#define MAX_TICKS 5
/* compact: title above, the strip fills the width, fewer ticks */
#define COMPACT_MIN_STRIP 56
#define COMPACT_MAX_TICKS 3
#define COMPACT_TITLE_GAP 2
/* the gradient as this many flat steps: finer than the eye resolves at
 * 160 px, and exactly the colours convolve_colormap_color() gives */
#define STEPS 80

struct _ConvolveLegend
{
  GtkWidget parent_instance;

  ConvolveScale scale;
  char *title;
  float range;
  gboolean compact;
  gboolean title_hidden;  /* kept for the tooltip and screen readers only */
  gboolean dimmed;
  GHashTable *layouts;    /* the texts drawn, laid out (convolve_style_get_layout) */
};

G_DEFINE_FINAL_TYPE (ConvolveLegend, convolve_legend, GTK_TYPE_WIDGET)

static float
range_lo (ConvolveLegend *self)
{
  return self->scale == CONVOLVE_SCALE_DIVERGING ? -self->range : 0.0f;
}

/* Enough decimals that neighbouring ticks differ: 0.2 → 1, 0.05 → 2 */
static int
tick_decimals (const float *ticks,
               int          n)
{
  double step = n > 1 ? fabs ((double) ticks[1] - ticks[0]) : fabs ((double) ticks[0]);

  if (step <= 0.0 || step >= 1.0)
    return 0;
  return CLAMP ((int) ceil (-log10 (step) - 1e-6), 0, 6);
}

char *
convolve_format_number (float  v,
                        int    decimals,
                        char  *buf,
                        gsize  size)
{
  double half_ulp;

  g_return_val_if_fail (buf != NULL && size > 0, buf);

  decimals = CLAMP (decimals, 0, 9);
  half_ulp = 0.5 * pow (10.0, -decimals);
  if (!isfinite (v))
    g_snprintf (buf, size, "%s", isnan (v) ? "NaN" : v > 0 ? "∞" : "−∞");
  /* what would print as "-0.00" is zero to the reader */
  else if (fabs ((double) v) < half_ulp)
    g_snprintf (buf, size, "%.*f", decimals, 0.0);
  else if (v < 0)
    g_snprintf (buf, size, "−%.*f", decimals, -(double) v);
  else
    g_snprintf (buf, size, "%.*f", decimals, (double) v);
  return buf;
}

/* The sizes everything is laid out from */
typedef struct
{
  int title_w, title_h;
  int label_h;
  int width, height;
  int strip_x, strip_y;
} Metrics;

static void
get_metrics (ConvolveLegend *self,
             Metrics        *m)
{
  PangoLayout *title, *label;
  int label_w;

  title = convolve_style_get_layout (&self->layouts, GTK_WIDGET (self),
                                     self->title_hidden || self->title == NULL ? "" : self->title,
                                     FALSE);
  pango_layout_get_pixel_size (title, &m->title_w, &m->title_h);
  if (self->title_hidden)
    m->title_w = m->title_h = 0;
  label = convolve_style_get_layout (&self->layouts, GTK_WIDGET (self), "0.5", TRUE);
  pango_layout_get_pixel_size (label, &label_w, &m->label_h);

  if (self->compact)
    {
      /* the end labels are kept inside the allocation instead of sticking
       * out: a little slack on each side is enough */
      m->strip_x = 4;
      m->width = MAX (m->title_w, COMPACT_MIN_STRIP + 8);
      m->strip_y = m->title_h > 0 ? m->title_h + COMPACT_TITLE_GAP : 0;
      m->height = m->strip_y + STRIP_HEIGHT + TICK_LENGTH + LABEL_GAP + m->label_h;
      return;
    }

  m->strip_x = m->title_w > 0 ? m->title_w + TITLE_GAP : 0;
  /* the end labels may stick out half their width past the strip */
  m->width = m->strip_x + STRIP_WIDTH + 12;
  m->strip_y = MAX (0, (m->title_h - STRIP_HEIGHT) / 2);
  m->height = MAX (m->title_h,
                   m->strip_y + STRIP_HEIGHT + TICK_LENGTH + LABEL_GAP + m->label_h);
}

static void
convolve_legend_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  ConvolveLegend *self = CONVOLVE_LEGEND (widget);
  gboolean dark = convolve_style_is_dark ();
  int width = gtk_widget_get_width (widget);
  float lo = range_lo (self);
  float ticks[MAX_TICKS];
  int n_ticks, decimals;
  float strip_w, label_y;
  float steps[STEPS];
  GdkRGBA fg, faint;
  GskRoundedRect outline;
  Metrics m;

  convolve_style_trim_layouts (self->layouts);
  get_metrics (self, &m);
  convolve_style_get_fg_color (widget, &fg);
  if (self->dimmed)
    fg.alpha *= CONVOLVE_DIM_ALPHA;
  faint = fg;
  faint.alpha *= 0.3f;

  if (self->title && *self->title && !self->title_hidden)
    {
      PangoLayout *title = convolve_style_get_layout (&self->layouts, widget, self->title, FALSE);
      GdkRGBA dim = fg;

      dim.alpha *= 0.8f;
      gtk_snapshot_save (snapshot);
      if (self->compact)
        gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, 0));
      else
        gtk_snapshot_translate (snapshot,
                                &GRAPHENE_POINT_INIT (0, m.strip_y + STRIP_HEIGHT / 2.0f
                                                         - m.title_h / 2.0f));
      gtk_snapshot_append_layout (snapshot, title, &dim);
      gtk_snapshot_restore (snapshot);
    }

  /* shrink the strip rather than draw past a narrow allocation */
  if (self->compact)
    strip_w = MAX (20, width - 2 * m.strip_x);
  else
    strip_w = MIN (STRIP_WIDTH, MAX (20, width - m.strip_x - 12));
  for (int i = 0; i < STEPS; i++)
    {
      /* from exactly one end of the scale to the other */
      steps[i] = i / (float) (STEPS - 1);
      if (self->scale == CONVOLVE_SCALE_DIVERGING)
        steps[i] = 2.0f * steps[i] - 1.0f;
    }
  convolve_style_append_cells (snapshot,
                               &GRAPHENE_RECT_INIT (m.strip_x, m.strip_y, strip_w, STRIP_HEIGHT),
                               self->scale, dark, steps, 1, STEPS, 1.0f,
                               self->dimmed ? CONVOLVE_DIM_ALPHA : 1.0f);

  gsk_rounded_rect_init_from_rect (&outline,
                                   &GRAPHENE_RECT_INIT (m.strip_x, m.strip_y,
                                                        strip_w, STRIP_HEIGHT), 0);
  gtk_snapshot_append_border (snapshot, &outline,
                              (float[4]) { 1, 1, 1, 1 },
                              (GdkRGBA[4]) { faint, faint, faint, faint });

  n_ticks = convolve_colormap_ticks (lo, self->range,
                                     self->compact ? COMPACT_MAX_TICKS : MAX_TICKS, ticks);
  decimals = tick_decimals (ticks, n_ticks);
  label_y = m.strip_y + STRIP_HEIGHT + TICK_LENGTH + LABEL_GAP;
  for (int i = 0; i < n_ticks; i++)
    {
      PangoLayout *label;
      char text[32];
      /* in double: for a range near FLT_MAX (weights after a diverging
       * step), range − lo overflows a float to ∞ and ∞/∞ is NaN, which
       * CLAMP passes on to the translation (an invalid matrix) */
      float x = m.strip_x + (float) (((double) ticks[i] - lo) / ((double) self->range - lo) * strip_w);
      int lw, lh;

      /* keep the tick line inside the strip's ends */
      x = CLAMP (roundf (x), m.strip_x, m.strip_x + strip_w - 1);
      gtk_snapshot_append_color (snapshot, &fg,
                                 &GRAPHENE_RECT_INIT (x, m.strip_y + STRIP_HEIGHT, 1,
                                                      TICK_LENGTH));

      convolve_format_number (ticks[i], decimals, text, sizeof text);
      label = convolve_style_get_layout (&self->layouts, widget, text, TRUE);
      pango_layout_get_pixel_size (label, &lw, &lh);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (CLAMP (x + 0.5f - lw / 2.0f, 0,
                                                           width - lw),
                                                    label_y));
      gtk_snapshot_append_layout (snapshot, label, &fg);
      gtk_snapshot_restore (snapshot);
    }
}

static void
convolve_legend_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  Metrics m;

  get_metrics (CONVOLVE_LEGEND (widget), &m);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = m.width;
  else
    *minimum = *natural = m.height;
}

static void
update_accessible (ConvolveLegend *self)
{
  g_autofree char *label = NULL;
  char lo[G_ASCII_DTOSTR_BUF_SIZE], hi[G_ASCII_DTOSTR_BUF_SIZE];

  convolve_format_number (range_lo (self), 2, lo, sizeof lo);
  convolve_format_number (self->range, 2, hi, sizeof hi);
  /* Translators: "Colour scale: activation, from 0 to 0.37" */
  label = g_strdup_printf (_("Colour scale: %s, from %s to %s"),
                           self->title ? self->title : "", lo, hi);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
convolve_legend_finalize (GObject *object)
{
  ConvolveLegend *self = CONVOLVE_LEGEND (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->layouts, g_hash_table_unref);

  G_OBJECT_CLASS (convolve_legend_parent_class)->finalize (object);
}

static void
convolve_legend_class_init (ConvolveLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = convolve_legend_finalize;

  widget_class->snapshot = convolve_legend_snapshot;
  widget_class->measure = convolve_legend_measure;

  gtk_widget_class_set_css_name (widget_class, "legend");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
convolve_legend_init (ConvolveLegend *self)
{
  self->range = 1.0f;

  convolve_style_redraw_on_dark_change (GTK_WIDGET (self));
}

GtkWidget *
convolve_legend_new (ConvolveScale  scale,
                     const char    *title)
{
  ConvolveLegend *self = g_object_new (CONVOLVE_TYPE_LEGEND, NULL);

  self->scale = scale;
  self->title = g_strdup (title ? title : "");
  update_accessible (self);
  return GTK_WIDGET (self);
}

void
convolve_legend_set_range (ConvolveLegend *self,
                           float           range)
{
  g_return_if_fail (CONVOLVE_IS_LEGEND (self));

  /* the same floor as convolve_colormap_range(): no empty scale */
  if (!(range > 1e-6f) || !isfinite (range))
    range = 1e-6f;
  if (range == self->range)
    return;

  self->range = range;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
convolve_legend_set_dimmed (ConvolveLegend *self,
                            gboolean        dimmed)
{
  g_return_if_fail (CONVOLVE_IS_LEGEND (self));

  dimmed = !!dimmed;
  if (dimmed == self->dimmed)
    return;
  self->dimmed = dimmed;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
convolve_legend_set_compact (ConvolveLegend *self,
                             gboolean        compact)
{
  g_return_if_fail (CONVOLVE_IS_LEGEND (self));

  compact = !!compact;
  if (compact == self->compact)
    return;

  self->compact = compact;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
convolve_legend_set_title_visible (ConvolveLegend *self,
                                   gboolean        visible)
{
  g_return_if_fail (CONVOLVE_IS_LEGEND (self));

  if ((!visible) == self->title_hidden)
    return;
  self->title_hidden = !visible;
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->title_hidden ? self->title : NULL);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}
