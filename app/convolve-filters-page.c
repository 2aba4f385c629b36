/* convolve-filters-page.c — the filters view, bound to the session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "convolve-filters-page.h"

struct _ConvolveFiltersPage
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkSwitch *show_numbers_switch;
  GtkMenuButton *help_button;
  ConvolveFiltersView *filters;

  ConvolveSession *session;
};

G_DEFINE_FINAL_TYPE (ConvolveFiltersPage, convolve_filters_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_net (ConvolveFiltersPage *self)
{
  convolve_filters_view_set_net (self->filters, convolve_session_get_net (self->session));
}

static void
on_weights (ConvolveFiltersPage *self)
{
  convolve_filters_view_set_weights (self->filters, convolve_session_get_net (self->session));
}

void
convolve_filters_page_set_session (ConvolveFiltersPage *self,
                                   ConvolveSession     *session)
{
  g_return_if_fail (CONVOLVE_IS_FILTERS_PAGE (self));
  g_return_if_fail (session == NULL || CONVOLVE_IS_SESSION (session));

  if (session == self->session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_swapped (session, "notify::net", G_CALLBACK (on_net), self);
      g_signal_connect_swapped (session, "weights-changed", G_CALLBACK (on_weights), self);
      on_net (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

ConvolveSession *
convolve_filters_page_get_session (ConvolveFiltersPage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_FILTERS_PAGE (self), NULL);
  return self->session;
}

ConvolveFiltersView *
convolve_filters_page_get_view (ConvolveFiltersPage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_FILTERS_PAGE (self), NULL);
  return self->filters;
}

GtkMenuButton *
convolve_filters_page_get_help_button (ConvolveFiltersPage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_FILTERS_PAGE (self), NULL);
  return self->help_button;
}

static void
convolve_filters_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, CONVOLVE_FILTERS_PAGE (object)->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_filters_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_SESSION:
      convolve_filters_page_set_session (CONVOLVE_FILTERS_PAGE (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_filters_page_dispose (GObject *object)
{
  convolve_filters_page_set_session (CONVOLVE_FILTERS_PAGE (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), CONVOLVE_TYPE_FILTERS_PAGE);

  G_OBJECT_CLASS (convolve_filters_page_parent_class)->dispose (object);
}

static void
convolve_filters_page_class_init (ConvolveFiltersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = convolve_filters_page_get_property;
  object_class->set_property = convolve_filters_page_set_property;
  object_class->dispose = convolve_filters_page_dispose;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CONVOLVE_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CONVOLVE_TYPE_FILTERS_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convolve/Convolve/ui/convolve-filters-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvolveFiltersPage, box);
  gtk_widget_class_bind_template_child (widget_class, ConvolveFiltersPage, show_numbers_switch);
  gtk_widget_class_bind_template_child (widget_class, ConvolveFiltersPage, help_button);
  gtk_widget_class_bind_template_child (widget_class, ConvolveFiltersPage, filters);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
convolve_filters_page_init (ConvolveFiltersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_object_bind_property (self->show_numbers_switch, "active", self->filters, "show-numbers",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}
