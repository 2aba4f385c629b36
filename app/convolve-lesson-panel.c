/* convolve-lesson-panel.c — the guided lesson, one card per step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "convolve-lesson-panel.h"

struct _ConvolveLessonPanel
{
  GtkWidget parent_instance;

  GtkWidget *scroller;
  GtkLabel *counter;
  GtkButton *close_button;
  GtkLabel *title;
  GtkLabel *text;
  GtkImage *check;
  GtkLabel *task;
  GtkButton *back_button;
  GtkButton *next_button;

  CnnNet *net;
  int step;
  gboolean done[CONVOLVE_LESSON_N_STEPS];
};

G_DEFINE_FINAL_TYPE (ConvolveLessonPanel, convolve_lesson_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STEP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CLOSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_step (ConvolveLessonPanel *self)
{
  g_autofree char *counter = g_strdup_printf (_("Step %d of %d"), self->step + 1,
                                              CONVOLVE_LESSON_N_STEPS);
  g_autofree char *text = convolve_topic_explain ((ConvolveTopic) self->step, self->net);
  gboolean done = self->done[self->step];

  gtk_label_set_label (self->counter, counter);
  gtk_label_set_label (self->title, convolve_topic_title ((ConvolveTopic) self->step));
  gtk_label_set_label (self->text, text);
  gtk_label_set_label (self->task, convolve_topic_task ((ConvolveTopic) self->step));
  /* the mark is there from the start, faint, so the card does not jump */
  gtk_widget_set_opacity (GTK_WIDGET (self->check), done ? 1.0 : 0.2);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  done ? _("Done") : _("Not done yet"), -1);
  if (done)
    gtk_widget_add_css_class (GTK_WIDGET (self->check), "success");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->check), "success");
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), self->step > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), self->step < CONVOLVE_LESSON_N_STEPS - 1);
}

void
convolve_lesson_panel_set_net (ConvolveLessonPanel *self,
                               const CnnNet        *net)
{
  g_return_if_fail (CONVOLVE_IS_LESSON_PANEL (self));

  g_clear_pointer (&self->net, cnn_net_unref);
  if (net != NULL)
    self->net = cnn_net_ref ((CnnNet *) net);
  show_step (self);
}

void
convolve_lesson_panel_set_step (ConvolveLessonPanel *self,
                                int                  step)
{
  g_return_if_fail (CONVOLVE_IS_LESSON_PANEL (self));

  step = CLAMP (step, 0, CONVOLVE_LESSON_N_STEPS - 1);
  if (step == self->step)
    return;
  self->step = step;
  show_step (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
}

int
convolve_lesson_panel_get_step (ConvolveLessonPanel *self)
{
  g_return_val_if_fail (CONVOLVE_IS_LESSON_PANEL (self), 0);
  return self->step;
}

void
convolve_lesson_panel_set_done (ConvolveLessonPanel *self,
                                int                  step,
                                gboolean             done)
{
  g_return_if_fail (CONVOLVE_IS_LESSON_PANEL (self));
  g_return_if_fail (step >= 0 && step < CONVOLVE_LESSON_N_STEPS);

  self->done[step] = !!done;
  if (step == self->step)
    show_step (self);
}

gboolean
convolve_lesson_panel_get_done (ConvolveLessonPanel *self,
                                int                  step)
{
  g_return_val_if_fail (CONVOLVE_IS_LESSON_PANEL (self), FALSE);
  g_return_val_if_fail (step >= 0 && step < CONVOLVE_LESSON_N_STEPS, FALSE);
  return self->done[step];
}

char *
convolve_lesson_panel_describe (ConvolveLessonPanel *self)
{
  g_return_val_if_fail (CONVOLVE_IS_LESSON_PANEL (self), NULL);

  return g_strdup_printf ("%s\n%s\n%s", gtk_label_get_label (self->title),
                          gtk_label_get_label (self->text), gtk_label_get_label (self->task));
}

static void
on_back (ConvolveLessonPanel *self)
{
  convolve_lesson_panel_set_step (self, self->step - 1);
}

static void
on_next (ConvolveLessonPanel *self)
{
  convolve_lesson_panel_set_step (self, self->step + 1);
}

static void
on_close (ConvolveLessonPanel *self)
{
  g_signal_emit (self, signals[SIGNAL_CLOSE], 0);
}

static void
convolve_lesson_panel_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_STEP:
      g_value_set_int (value, CONVOLVE_LESSON_PANEL (object)->step);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_lesson_panel_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_STEP:
      convolve_lesson_panel_set_step (CONVOLVE_LESSON_PANEL (object), g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_lesson_panel_dispose (GObject *object)
{
  ConvolveLessonPanel *self = CONVOLVE_LESSON_PANEL (object);

  g_clear_pointer (&self->net, cnn_net_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONVOLVE_TYPE_LESSON_PANEL);

  G_OBJECT_CLASS (convolve_lesson_panel_parent_class)->dispose (object);
}

static void
convolve_lesson_panel_class_init (ConvolveLessonPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = convolve_lesson_panel_get_property;
  object_class->set_property = convolve_lesson_panel_set_property;
  object_class->dispose = convolve_lesson_panel_dispose;

  properties[PROP_STEP] =
    g_param_spec_int ("step", NULL, NULL, 0, CONVOLVE_LESSON_N_STEPS - 1, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_CLOSE] =
    g_signal_new ("close", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convolve/Convolve/ui/convolve-lesson-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvolveLessonPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, ConvolveLessonPanel, counter);
  gtk_widget_class_bind_template_child (widget_class, ConvolveLessonPanel, close_button);
  gtk_widget_class_bind_template_child (widget_class, ConvolveLessonPanel, title);
  gtk_widget_class_bind_template_child (widget_class, ConvolveLessonPanel, text);
  gtk_widget_class_bind_template_child (widget_class, ConvolveLessonPanel, check);
  gtk_widget_class_bind_template_child (widget_class, ConvolveLessonPanel, task);
  gtk_widget_class_bind_template_child (widget_class, ConvolveLessonPanel, back_button);
  gtk_widget_class_bind_template_child (widget_class, ConvolveLessonPanel, next_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lessonpanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
convolve_lesson_panel_init (ConvolveLessonPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (on_back), self);
  g_signal_connect_swapped (self->next_button, "clicked", G_CALLBACK (on_next), self);
  g_signal_connect_swapped (self->close_button, "clicked", G_CALLBACK (on_close), self);
  show_step (self);
}
