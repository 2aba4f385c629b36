/* convolve-spec-row.c — validating the spec as it is typed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cnn.h"
#include "convolve-spec-row.h"

struct _ConvolveSpecRow
{
  GtkWidget parent_instance;

  GtkWidget *group;
  AdwEntryRow *entry;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (ConvolveSpecRow, convolve_spec_row, GTK_TYPE_WIDGET)

enum {
  SIGNAL_APPLY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_changed (ConvolveSpecRow *self)
{
  g_autoptr (GError) error = NULL;
  gboolean valid = cnn_spec_validate (gtk_editable_get_text (GTK_EDITABLE (self->entry)), &error);

  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  gtk_label_set_text (self->error_label, valid ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), !valid);
}

static void
on_apply (ConvolveSpecRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  if (cnn_spec_validate (text, NULL))
    g_signal_emit (self, signals[SIGNAL_APPLY], 0, text);
}

void
convolve_spec_row_set_spec (ConvolveSpecRow *self,
                            const char      *spec)
{
  g_return_if_fail (CONVOLVE_IS_SPEC_ROW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), spec != NULL ? spec : "");
}

AdwEntryRow *
convolve_spec_row_get_entry (ConvolveSpecRow *self)
{
  g_return_val_if_fail (CONVOLVE_IS_SPEC_ROW (self), NULL);
  return self->entry;
}

const char *
convolve_spec_row_get_error (ConvolveSpecRow *self)
{
  g_return_val_if_fail (CONVOLVE_IS_SPEC_ROW (self), NULL);
  return gtk_label_get_text (self->error_label);
}

static void
convolve_spec_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CONVOLVE_TYPE_SPEC_ROW);

  G_OBJECT_CLASS (convolve_spec_row_parent_class)->dispose (object);
}

static void
convolve_spec_row_class_init (ConvolveSpecRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = convolve_spec_row_dispose;

  signals[SIGNAL_APPLY] =
    g_signal_new ("apply", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convolve/Convolve/ui/convolve-spec-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvolveSpecRow, group);
  gtk_widget_class_bind_template_child (widget_class, ConvolveSpecRow, entry);
  gtk_widget_class_bind_template_child (widget_class, ConvolveSpecRow, error_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
convolve_spec_row_init (ConvolveSpecRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
#if GTK_CHECK_VERSION (4, 14, 0)
  /* GTK ≥ 4.14 names the row by what labels it, the title and the text
   * (itself named by the title): "Spec Spec"; the title alone, here.
   * Before, the row's own name would be added to the text's instead. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->entry)),
                                  -1);
#endif
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (on_changed), self);
  g_signal_connect_swapped (self->entry, "apply", G_CALLBACK (on_apply), self);
}
