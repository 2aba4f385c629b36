/* convolve-a11y.c — accessible names where GTK gives none
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "convolve-a11y.h"

#define LABEL_KEY "convolve-a11y-label"

void
convolve_a11y_set_label (GtkWidget  *widget,
                         const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (label != NULL);

  if (g_strcmp0 (g_object_get_data (G_OBJECT (widget), LABEL_KEY), label) == 0)
    return;
  g_object_set_data_full (G_OBJECT (widget), LABEL_KEY, g_strdup (label), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

void
convolve_a11y_label_like (GtkWidget *widget,
                          GtkWidget *like)
{
  const char *label;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (GTK_IS_WIDGET (like));

  label = g_object_get_data (G_OBJECT (like), LABEL_KEY);
  g_return_if_fail (label != NULL);
  convolve_a11y_set_label (widget, label);
}

void
convolve_a11y_set_tooltip (GtkWidget  *widget,
                           const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) != 0)
    gtk_widget_set_tooltip_text (widget, text);
}

void
convolve_a11y_name_drop_down_button (GtkDropDown *drop_down)
{
  GList *labels;

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  labels = gtk_widget_list_mnemonic_labels (GTK_WIDGET (drop_down));
  if (labels != NULL && GTK_IS_LABEL (labels->data))
    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (drop_down));
         child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_TOGGLE_BUTTON (child))
        convolve_a11y_set_label (child, gtk_label_get_text (GTK_LABEL (labels->data)));
  g_list_free (labels);
}
