/* convolve-window.c — the main window, built from convolve-window.ui
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "convolve-window.h"

struct _ConvolveWindow
{
  AdwApplicationWindow parent_instance;

  /* template children */
  AdwHeaderBar *header_bar;
  GtkMenuButton *menu_button;
  GtkBox *content_box;
};

G_DEFINE_FINAL_TYPE (ConvolveWindow, convolve_window, ADW_TYPE_APPLICATION_WINDOW)

static void
convolve_window_class_init (ConvolveWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convolve/Convolve/ui/convolve-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, ConvolveWindow, content_box);
}

static void
convolve_window_init (ConvolveWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ConvolveWindow *
convolve_window_new (ConvolveApplication *application)
{
  g_return_val_if_fail (CONVOLVE_IS_APPLICATION (application), NULL);

  return g_object_new (CONVOLVE_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
