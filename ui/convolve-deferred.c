/* convolve-deferred.c — a widget's updates held back until it can be seen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "convolve-deferred.h"

#define KEY "convolve-deferred"

typedef struct
{
  ConvolveDeferredFunc update;
  gboolean in_view;
  gboolean pending;   /* a change while not shown */
} Deferred;

static Deferred *
get (GtkWidget *widget)
{
  Deferred *d = g_object_get_data (G_OBJECT (widget), KEY);

  g_return_val_if_fail (d != NULL, NULL);
  return d;
}

static void
run_pending (GtkWidget *widget,
             Deferred  *d)
{
  if (d->pending && convolve_deferred_get_shown (widget))
    {
      d->pending = FALSE;
      d->update (widget);
    }
}

static void
on_map (GtkWidget *widget)
{
  run_pending (widget, get (widget));
}

void
convolve_deferred_attach (GtkWidget            *widget,
                          ConvolveDeferredFunc  update)
{
  Deferred *d;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (update != NULL);
  g_return_if_fail (g_object_get_data (G_OBJECT (widget), KEY) == NULL);

  d = g_new0 (Deferred, 1);
  d->update = update;
  d->in_view = TRUE;
  g_object_set_data_full (G_OBJECT (widget), KEY, d, g_free);
  /* after the widget's own map: its children are mapped too */
  g_signal_connect_after (widget, "map", G_CALLBACK (on_map), NULL);
}

void
convolve_deferred_queue (GtkWidget *widget)
{
  Deferred *d;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  if ((d = get (widget)) == NULL)
    return;
  d->pending = TRUE;
  run_pending (widget, d);
}

void
convolve_deferred_set_in_view (GtkWidget *widget,
                               gboolean   in_view)
{
  Deferred *d;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  if ((d = get (widget)) == NULL)
    return;
  d->in_view = !!in_view;
  run_pending (widget, d);
}

gboolean
convolve_deferred_get_shown (GtkWidget *widget)
{
  Deferred *d;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  if ((d = get (widget)) == NULL)
    return FALSE;
  return d->in_view && gtk_widget_get_mapped (widget);
}

gboolean
convolve_deferred_in_scroller (GtkWidget         *widget,
                               GtkScrolledWindow *scroller,
                               GtkWidget         *content)
{
  GtkAdjustment *adj;
  double top, bottom;
  graphene_rect_t b;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), TRUE);
  g_return_val_if_fail (GTK_IS_SCROLLED_WINDOW (scroller), TRUE);
  g_return_val_if_fail (GTK_IS_WIDGET (content), TRUE);

  adj = gtk_scrolled_window_get_vadjustment (scroller);
  top = gtk_adjustment_get_value (adj);
  bottom = top + gtk_adjustment_get_page_size (adj);
  if (!gtk_widget_compute_bounds (widget, content, &b))
    return TRUE;
  return b.origin.y < bottom && b.origin.y + b.size.height > top;
}

void
convolve_deferred_follow_scroller (GtkWidget * const *widgets,
                                   guint              n,
                                   GtkScrolledWindow *scroller,
                                   GtkWidget         *content,
                                   gboolean           all)
{
  g_return_if_fail (widgets != NULL || n == 0);

  for (guint i = 0; i < n; i++)
    convolve_deferred_set_in_view (widgets[i],
                                   all || convolve_deferred_in_scroller (widgets[i], scroller, content));
}
