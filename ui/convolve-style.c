/* convolve-style.c — the theme's colours and dark mode, as the widgets read
 * them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "convolve-style.h"

gboolean
convolve_style_is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

void
convolve_style_redraw_on_dark_change (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), widget, G_CONNECT_SWAPPED);
}

gboolean
convolve_style_lookup_color (GtkWidget  *widget,
                             const char *name,
                             GdkRGBA    *color)
{
  gboolean found;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  /* Deprecated after 4.8 with no replacement there; fine on 4.8 */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  found = gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  return found;
}

void
convolve_style_get_fg_color (GtkWidget *widget,
                             GdkRGBA   *color)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

void
convolve_style_get_accent_color (GtkWidget *widget,
                                 GdkRGBA   *color)
{
  if (!convolve_style_lookup_color (widget, "accent_color", color))
    gdk_rgba_parse (color, "#1c71d8");
}

void
convolve_style_get_accent_bg_color (GtkWidget *widget,
                                    GdkRGBA   *color)
{
  if (!convolve_style_lookup_color (widget, "accent_bg_color", color))
    gdk_rgba_parse (color, "#3584e4");
}
