/* convolve-filters-page.c — the filters view and its sections, bound to the session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sections bind to the page's session themselves (the template binds
 * their "session" to the page's); the page only owns the toolbar, the
 * scrolling area and what comes from the window: the Train page's
 * settings for the experiment.
 */
#include "config.h"

#include "convolve-filters-page.h"
#include "convolve-deferred.h"

struct _ConvolveFiltersPage
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkSwitch *show_numbers_switch;
  GtkMenuButton *help_button;
  GtkScrolledWindow *scroller;
  GtkWidget *content;
  gboolean show_all;   /* an export: every section as if in view */
  ConvolveFiltersView *filters;
  ConvolveKernelHistory *history;
  ConvolveClassicMatches *matches;
  ConvolveClassicMaps *maps;
  ConvolveClassicExperiment *experiment;
  ConvolveChannelDigits *channel_digits;

  ConvolveSession *session;
};

G_DEFINE_FINAL_TYPE (ConvolveFiltersPage, convolve_filters_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_EXPERIMENT_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_experiment_finished (ConvolveFiltersPage *self)
{
  g_signal_emit (self, signals[SIGNAL_EXPERIMENT_FINISHED], 0);
}

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

/* Which sections are scrolled into view: only those follow every
 * snapshot; the others catch up when they come into view. The learned
 * kernels at the top always follow (they are what a run changes most). */
static void
update_in_view (ConvolveFiltersPage *self)
{
  GtkWidget *sections[] = {
    GTK_WIDGET (self->history), GTK_WIDGET (self->matches), GTK_WIDGET (self->maps),
    GTK_WIDGET (self->channel_digits),
  };

  convolve_deferred_follow_scroller (sections, G_N_ELEMENTS (sections), self->scroller,
                                     self->content, self->show_all);
}

void
convolve_filters_page_set_show_all (ConvolveFiltersPage *self,
                                    gboolean             show_all)
{
  g_return_if_fail (CONVOLVE_IS_FILTERS_PAGE (self));

  self->show_all = !!show_all;
  update_in_view (self);
}

void
convolve_filters_page_set_train_config (ConvolveFiltersPage  *self,
                                        const CnnTrainConfig *config)
{
  g_return_if_fail (CONVOLVE_IS_FILTERS_PAGE (self));
  g_return_if_fail (config != NULL);

  convolve_classic_experiment_set_config (self->experiment, config);
}

ConvolveKernelHistory *
convolve_filters_page_get_history (ConvolveFiltersPage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_FILTERS_PAGE (self), NULL);
  return self->history;
}

ConvolveClassicMatches *
convolve_filters_page_get_matches (ConvolveFiltersPage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_FILTERS_PAGE (self), NULL);
  return self->matches;
}

ConvolveClassicMaps *
convolve_filters_page_get_maps (ConvolveFiltersPage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_FILTERS_PAGE (self), NULL);
  return self->maps;
}

ConvolveClassicExperiment *
convolve_filters_page_get_experiment (ConvolveFiltersPage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_FILTERS_PAGE (self), NULL);
  return self->experiment;
}

ConvolveChannelDigits *
convolve_filters_page_get_channel_digits (ConvolveFiltersPage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_FILTERS_PAGE (self), NULL);
  return self->channel_digits;
}

GtkScrolledWindow *
convolve_filters_page_get_scroller (ConvolveFiltersPage *self)
{
  g_return_val_if_fail (CONVOLVE_IS_FILTERS_PAGE (self), NULL);
  return self->scroller;
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

  /* the frozen-bank experiment ran to its end (the lesson's task) */
  signals[SIGNAL_EXPERIMENT_FINISHED] =
    g_signal_new ("experiment-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (CONVOLVE_TYPE_FILTERS_VIEW);
  g_type_ensure (CONVOLVE_TYPE_KERNEL_HISTORY);
  g_type_ensure (CONVOLVE_TYPE_CLASSIC_MATCHES);
  g_type_ensure (CONVOLVE_TYPE_CLASSIC_MAPS);
  g_type_ensure (CONVOLVE_TYPE_CLASSIC_EXPERIMENT);
  g_type_ensure (CONVOLVE_TYPE_CHANNEL_DIGITS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convolve/Convolve/ui/convolve-filters-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvolveFiltersPage, box);
  gtk_widget_class_bind_template_child (widget_class, ConvolveFiltersPage, show_numbers_switch);
  gtk_widget_class_bind_template_child (widget_class, ConvolveFiltersPage, help_button);
  gtk_widget_class_bind_template_child (widget_class, ConvolveFiltersPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, ConvolveFiltersPage, content);
  gtk_widget_class_bind_template_child (widget_class, ConvolveFiltersPage, filters);
  gtk_widget_class_bind_template_child (widget_class, ConvolveFiltersPage, history);
  gtk_widget_class_bind_template_child (widget_class, ConvolveFiltersPage, matches);
  gtk_widget_class_bind_template_child (widget_class, ConvolveFiltersPage, maps);
  gtk_widget_class_bind_template_child (widget_class, ConvolveFiltersPage, experiment);
  gtk_widget_class_bind_template_child (widget_class, ConvolveFiltersPage, channel_digits);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
convolve_filters_page_init (ConvolveFiltersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_object_bind_property (self->show_numbers_switch, "active", self->filters, "show-numbers",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  /* none is in view before the page is laid out; then the adjustment
   * says which are (and the first frame lays out no section's numbers
   * that nobody sees) */
  convolve_deferred_set_in_view (GTK_WIDGET (self->history), FALSE);
  convolve_deferred_set_in_view (GTK_WIDGET (self->matches), FALSE);
  convolve_deferred_set_in_view (GTK_WIDGET (self->maps), FALSE);
  convolve_deferred_set_in_view (GTK_WIDGET (self->channel_digits), FALSE);
  {
    GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);

    g_signal_connect_swapped (adj, "value-changed", G_CALLBACK (update_in_view), self);
    /* the page's size, or the sections' heights, changed */
    g_signal_connect_swapped (adj, "changed", G_CALLBACK (update_in_view), self);
  }
  g_signal_connect_object (self->experiment, "finished", G_CALLBACK (on_experiment_finished), self,
                           G_CONNECT_SWAPPED);
  g_object_bind_property (self->show_numbers_switch, "active", self->history, "show-numbers",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->show_numbers_switch, "active", self->matches, "show-numbers",
                          G_BINDING_SYNC_CREATE);
}
