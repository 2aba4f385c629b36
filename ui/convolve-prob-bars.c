/* convolve-prob-bars.c — one horizontal bar per class, with its percentage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "convolve-prob-bars.h"
#include "convolve-style.h"

#define ROW_HEIGHT 28
#define BAR_HEIGHT 12
#define NATURAL_WIDTH 220
#define MIN_BAR_WIDTH 40
#define GAP 10

/* Set on every pointer motion while drawing: set() only copies and queues a
 * redraw, and a resize only when the labels change. */
struct _ConvolveProbBars
{
  GtkWidget parent_instance;

  float *probs;      /* n, each clamped to 0..1 */
  char **labels;     /* n, never NULL once set */
  int n;
  int top;           /* argmax, −1 when n == 0 */

  /* Kept between frames (the Explore page draws the bars at each pen
   * motion, the Evaluate page at each score): a layout made and shaped
   * again for each of 3n texts per frame cost a millisecond or two.
   * Dropped when the labels or the style (the font) change. */
  PangoLayout **label_layouts;    /* 2n: plain, then bold; NULL until drawn */
  PangoLayout **percent_layouts;  /* n */
  gboolean *percent_bold;         /* n: the weight percent_layouts[i] has */
  int label_w, percent_w;         /* the columns; −1: to measure */
};

G_DEFINE_FINAL_TYPE (ConvolveProbBars, convolve_prob_bars, GTK_TYPE_WIDGET)

static PangoLayout *
create_label_layout (GtkWidget  *widget,
                     const char *text,
                     gboolean    bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_LARGE));
  pango_attr_list_insert (attrs, pango_attr_weight_new (bold ? PANGO_WEIGHT_BOLD
                                                             : PANGO_WEIGHT_NORMAL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static PangoLayout *
create_percent_layout (GtkWidget  *widget,
                       const char *text,
                       gboolean    bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  /* tabular figures, so the column does not wobble as values change */
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static void
format_percent (float  p,
                char  *buf,
                gsize  size)
{
  g_snprintf (buf, size, "%.1f %%", 100.0 * p);
}

/* Widths of the label and percentage columns */
static void
drop_layouts (ConvolveProbBars *self)
{
  for (int i = 0; self->label_layouts != NULL && i < 2 * self->n; i++)
    g_clear_object (&self->label_layouts[i]);
  for (int i = 0; self->percent_layouts != NULL && i < self->n; i++)
    g_clear_object (&self->percent_layouts[i]);
  g_clear_pointer (&self->label_layouts, g_free);
  g_clear_pointer (&self->percent_layouts, g_free);
  g_clear_pointer (&self->percent_bold, g_free);
  self->label_w = self->percent_w = -1;
}

static PangoLayout *
get_label_layout (ConvolveProbBars *self,
                  int               i,
                  gboolean          bold)
{
  PangoLayout **layout;

  if (self->label_layouts == NULL)
    self->label_layouts = g_new0 (PangoLayout *, 2 * self->n);
  layout = &self->label_layouts[bold ? self->n + i : i];
  if (*layout == NULL)
    *layout = create_label_layout (GTK_WIDGET (self), self->labels[i], bold);
  return *layout;
}

static PangoLayout *
get_percent_layout (ConvolveProbBars *self,
                    int               i,
                    const char       *text,
                    gboolean          bold)
{
  PangoLayout **layout;

  if (self->percent_layouts == NULL)
    {
      self->percent_layouts = g_new0 (PangoLayout *, self->n);
      self->percent_bold = g_new0 (gboolean, self->n);
    }
  layout = &self->percent_layouts[i];
  if (*layout != NULL && self->percent_bold[i] != bold)
    g_clear_object (layout);
  if (*layout == NULL)
    {
      *layout = create_percent_layout (GTK_WIDGET (self), text, bold);
      self->percent_bold[i] = bold;
    }
  else if (g_strcmp0 (pango_layout_get_text (*layout), text) != 0)
    pango_layout_set_text (*layout, text, -1);
  return *layout;
}

/* Widths of the label and percentage columns */
static void
get_columns (ConvolveProbBars *self,
             int              *label_w,
             int              *percent_w)
{
  if (self->label_w < 0)
    {
      g_autoptr (PangoLayout) percent = create_percent_layout (GTK_WIDGET (self), "100.0 %", TRUE);

      self->label_w = 0;
      for (int i = 0; i < self->n; i++)
        {
          int w;

          pango_layout_get_pixel_size (get_label_layout (self, i, TRUE), &w, NULL);
          self->label_w = MAX (self->label_w, w);
        }
      pango_layout_get_pixel_size (percent, &self->percent_w, NULL);
    }
  *label_w = self->label_w;
  *percent_w = self->percent_w;
}

static void
append_layout_at (GtkSnapshot   *snapshot,
                  PangoLayout   *layout,
                  float          x,
                  float          y,
                  const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
append_bar (GtkSnapshot   *snapshot,
            float          x,
            float          y,
            float          w,
            const GdkRGBA *color)
{
  GskRoundedRect rect;

  if (w <= 0.0f)
    return;

  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (x, y, w, BAR_HEIGHT),
                                   MIN (BAR_HEIGHT / 2.0f, w / 2.0f));
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, color, &rect.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
convolve_prob_bars_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  ConvolveProbBars *self = CONVOLVE_PROB_BARS (widget);
  int width = gtk_widget_get_width (widget);
  int label_w, percent_w;
  float bar_x, bar_w;
  GdkRGBA fg, neutral, track, accent, accent_bg;

  if (self->n == 0)
    return;

  get_columns (self, &label_w, &percent_w);
  bar_x = label_w + GAP;
  bar_w = MAX (MIN_BAR_WIDTH, width - bar_x - GAP - percent_w);

  convolve_style_get_fg_color (widget, &fg);
  neutral = fg;
  neutral.alpha *= 0.45f;
  track = fg;
  track.alpha *= 0.08f;
  convolve_style_get_accent_color (widget, &accent);
  convolve_style_get_accent_bg_color (widget, &accent_bg);

  for (int i = 0; i < self->n; i++)
    {
      PangoLayout *label, *percent;
      gboolean is_top = i == self->top;
      float y = (float) i * ROW_HEIGHT;
      char text[32];
      int lw, lh, pw, ph;

      label = get_label_layout (self, i, is_top);
      pango_layout_get_pixel_size (label, &lw, &lh);
      /* right-aligned, so "7" and "10" line up with their bars */
      append_layout_at (snapshot, label, label_w - lw, y + (ROW_HEIGHT - lh) / 2.0f,
                        is_top ? &accent : &fg);

      append_bar (snapshot, bar_x, y + (ROW_HEIGHT - BAR_HEIGHT) / 2.0f, bar_w, &track);
      /* ≥ 1 px for any non-zero probability, so "0.1 %" is not "nothing" */
      if (self->probs[i] > 0.0f)
        append_bar (snapshot, bar_x, y + (ROW_HEIGHT - BAR_HEIGHT) / 2.0f,
                    MAX (1.0f, roundf (self->probs[i] * bar_w)),
                    is_top ? &accent_bg : &neutral);

      format_percent (self->probs[i], text, sizeof text);
      percent = get_percent_layout (self, i, text, is_top);
      pango_layout_get_pixel_size (percent, &pw, &ph);
      append_layout_at (snapshot, percent, width - pw, y + (ROW_HEIGHT - ph) / 2.0f,
                        is_top ? &accent : &fg);
    }
}

static void
convolve_prob_bars_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  ConvolveProbBars *self = CONVOLVE_PROB_BARS (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int label_w, percent_w;

      get_columns (self, &label_w, &percent_w);
      *minimum = label_w + GAP + MIN_BAR_WIDTH + GAP + percent_w;
      *natural = MAX (*minimum, NATURAL_WIDTH);
    }
  else
    {
      *minimum = *natural = self->n * ROW_HEIGHT;
    }
}

static GtkSizeRequestMode
convolve_prob_bars_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_CONSTANT_SIZE;
}

static void
convolve_prob_bars_finalize (GObject *object)
{
  ConvolveProbBars *self = CONVOLVE_PROB_BARS (object);

  drop_layouts (self);
  g_clear_pointer (&self->probs, g_free);
  g_clear_pointer (&self->labels, g_strfreev);

  G_OBJECT_CLASS (convolve_prob_bars_parent_class)->finalize (object);
}

static void
convolve_prob_bars_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (convolve_prob_bars_parent_class)->css_changed (widget, change);
  /* the font may be another (zoom); GTK measures and draws again */
  drop_layouts (CONVOLVE_PROB_BARS (widget));
}

static void
convolve_prob_bars_class_init (ConvolveProbBarsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = convolve_prob_bars_finalize;

  widget_class->snapshot = convolve_prob_bars_snapshot;
  widget_class->css_changed = convolve_prob_bars_css_changed;
  widget_class->measure = convolve_prob_bars_measure;
  widget_class->get_request_mode = convolve_prob_bars_get_request_mode;

  gtk_widget_class_set_css_name (widget_class, "probbars");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
convolve_prob_bars_init (ConvolveProbBars *self)
{
  self->top = -1;
  self->labels = g_new0 (char *, 1);
  self->label_w = self->percent_w = -1;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Class probabilities"),
                                  -1);
}

GtkWidget *
convolve_prob_bars_new (void)
{
  return g_object_new (CONVOLVE_TYPE_PROB_BARS, NULL);
}

static gboolean
labels_equal (ConvolveProbBars   *self,
              int                 n,
              const char * const *labels)
{
  if (n != self->n)
    return FALSE;

  for (int i = 0; i < n; i++)
    {
      char fallback[16];
      const char *label = labels ? labels[i] : NULL;

      if (label == NULL)
        {
          g_snprintf (fallback, sizeof fallback, "%d", i);
          label = fallback;
        }
      if (g_strcmp0 (label, self->labels[i]) != 0)
        return FALSE;
    }
  return TRUE;
}

void
convolve_prob_bars_set (ConvolveProbBars   *self,
                        const float        *probs,
                        int                 n,
                        int                 top,
                        const char * const *labels)
{
  g_autofree char *description = NULL;
  char percent[32];

  g_return_if_fail (CONVOLVE_IS_PROB_BARS (self));
  g_return_if_fail (n >= 0);
  g_return_if_fail (top >= -1 && top < n);

  if (!labels_equal (self, n, labels))
    {
      drop_layouts (self);
      g_strfreev (self->labels);
      self->labels = g_new0 (char *, n + 1);
      for (int i = 0; i < n; i++)
        self->labels[i] = labels && labels[i] ? g_strdup (labels[i])
                                              : g_strdup_printf ("%d", i);
      if (n != self->n)
        self->probs = g_renew (float, self->probs, n);
      self->n = n;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  else
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }

  self->top = probs != NULL ? top : -1;
  for (int i = 0; i < n; i++)
    /* NaN (a diverged network) shows as an empty bar */
    self->probs[i] = probs == NULL || isnan (probs[i]) ? 0.0f : CLAMP (probs[i], 0.0f, 1.0f);

  if (self->top >= 0)
    {
      format_percent (self->probs[self->top], percent, sizeof percent);
      /* Translators: "Predicted 7 with 97.3 % confidence" */
      description = g_strdup_printf (_("Predicted %s with %s confidence"),
                                     self->labels[self->top], percent);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description ? description : "",
                                  -1);
}

int
convolve_prob_bars_get_n (ConvolveProbBars *self)
{
  g_return_val_if_fail (CONVOLVE_IS_PROB_BARS (self), 0);

  return self->n;
}

float
convolve_prob_bars_get_prob (ConvolveProbBars *self,
                             int               index)
{
  g_return_val_if_fail (CONVOLVE_IS_PROB_BARS (self), 0.0f);
  g_return_val_if_fail (index >= 0 && index < self->n, 0.0f);

  return self->probs[index];
}

int
convolve_prob_bars_get_top (ConvolveProbBars *self)
{
  g_return_val_if_fail (CONVOLVE_IS_PROB_BARS (self), 0);

  return self->top;
}
