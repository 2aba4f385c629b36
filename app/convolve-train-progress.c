/* convolve-train-progress.c — the run's figures, drawn as one picture
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "convolve-style.h"
#include "convolve-train-progress.h"

struct _ConvolveTrainProgress
{
  GtkWidget parent_instance;

  GtkWidget *frame;
  GtkLabel *state_label;
  GtkLabel *names_label;
  GtkWidget *figures;

  char *figures_text;      /* one line per figure */
  PangoAttrList *attrs;
  guint a11y_id;
  char *text;
};

G_DEFINE_FINAL_TYPE (ConvolveTrainProgress, convolve_train_progress, GTK_TYPE_WIDGET)

/* The figures in the widget's font with tabular digits, right-aligned */
static PangoLayout *
figures_layout (ConvolveTrainProgress *self)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (self->figures, self->figures_text);
  PangoAttrList *attrs = pango_attr_list_copy (self->attrs);

  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  pango_attr_list_unref (attrs);
  return layout;
}

static void
draw_figures (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  ConvolveTrainProgress *self = user_data;
  g_autoptr (PangoLayout) layout = figures_layout (self);
  GdkRGBA color;

  convolve_style_get_fg_color (GTK_WIDGET (area), &color);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  gdk_cairo_set_source_rgba (cr, &color);
  pango_cairo_show_layout (cr, layout);
}

/* "Epoch: 3 / 1000; Step: …" for screen readers, twice a second at most */
static gboolean
update_description (gpointer user_data)
{
  ConvolveTrainProgress *self = user_data;
  g_auto (GStrv) names = g_strsplit (gtk_label_get_text (self->names_label), "\n", -1);
  g_auto (GStrv) values = g_strsplit (self->figures_text, "\n", -1);
  g_autoptr (GString) text = g_string_new (NULL);

  self->a11y_id = 0;
  for (guint i = 0; names[i] != NULL && values[i] != NULL; i++)
    g_string_append_printf (text, "%s%s: %s", i > 0 ? "; " : "", names[i], values[i]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->figures),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str, -1);
  return G_SOURCE_REMOVE;
}

/* New figures: a redraw, and a new size only when they outgrow the old */
static void
set_figures (ConvolveTrainProgress *self,
             const char            *text)
{
  g_autoptr (PangoLayout) layout = NULL;
  int w, h;

  if (g_strcmp0 (text, self->figures_text) == 0)
    return;
  g_free (self->figures_text);
  self->figures_text = g_strdup (text);

  layout = figures_layout (self);
  pango_layout_get_pixel_size (layout, &w, &h);
  if (w > gtk_drawing_area_get_content_width (GTK_DRAWING_AREA (self->figures)))
    gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->figures), w);
  if (h != gtk_drawing_area_get_content_height (GTK_DRAWING_AREA (self->figures)))
    gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->figures), h);
  gtk_widget_queue_draw (self->figures);
  if (self->a11y_id == 0)
    self->a11y_id = g_timeout_add (500, update_description, self);
}

static char *
format_percent (float value)
{
  if (value < 0 || !isfinite (value))
    return g_strdup ("—");
  return g_strdup_printf ("%.1f %%", 100.0 * value);
}

void
convolve_train_progress_set_state (ConvolveTrainProgress *self,
                                   ConvolveTrainingState  state)
{
  g_return_if_fail (CONVOLVE_IS_TRAIN_PROGRESS (self));
  gtk_label_set_text (self->state_label, convolve_training_state_to_label (state));
}

void
convolve_train_progress_set_snapshot (ConvolveTrainProgress *self,
                                      CnnSnapshot           *s)
{
  g_autofree char *epoch = NULL;
  g_autofree char *step = NULL;
  g_autofree char *elapsed = NULL;
  g_autofree char *speed = NULL;
  g_autofree char *loss = NULL;
  g_autofree char *train_acc = NULL;
  g_autofree char *test_acc = NULL;
  g_autofree char *figures = NULL;

  g_return_if_fail (CONVOLVE_IS_TRAIN_PROGRESS (self));
  g_return_if_fail (s != NULL);

  epoch = g_strdup_printf ("%d / %d", s->epoch, s->epochs);
  step = g_strdup_printf ("%" G_GINT64_FORMAT, s->step);
  elapsed = g_strdup_printf (_("%.2f s"), s->elapsed);
  speed = s->samples_per_second > 0 ? g_strdup_printf ("%.0f", s->samples_per_second)
                                    : g_strdup ("—");
  loss = s->step > 0 ? g_strdup_printf ("%.4f", s->epoch_loss) : g_strdup ("—");
  train_acc = s->step > 0 ? format_percent (s->train_accuracy) : g_strdup ("—");
  test_acc = format_percent (s->test_accuracy);

  convolve_train_progress_set_state (self, (ConvolveTrainingState) s->state);
  figures = g_strjoin ("\n", epoch, step, elapsed, speed, loss, train_acc, test_acc, NULL);
  set_figures (self, figures);

  g_free (self->text);
  self->text = g_strdup_printf ("epoch %s, step %s, loss %s, train %s, test %s",
                                epoch, step, loss, train_acc, test_acc);
}

const char *
convolve_train_progress_get_text (ConvolveTrainProgress *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRAIN_PROGRESS (self), NULL);
  return self->text;
}

static void
convolve_train_progress_dispose (GObject *object)
{
  ConvolveTrainProgress *self = CONVOLVE_TRAIN_PROGRESS (object);

  g_clear_handle_id (&self->a11y_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONVOLVE_TYPE_TRAIN_PROGRESS);

  G_OBJECT_CLASS (convolve_train_progress_parent_class)->dispose (object);
}

static void
convolve_train_progress_finalize (GObject *object)
{
  ConvolveTrainProgress *self = CONVOLVE_TRAIN_PROGRESS (object);

  g_free (self->figures_text);
  g_free (self->text);
  g_clear_pointer (&self->attrs, pango_attr_list_unref);

  G_OBJECT_CLASS (convolve_train_progress_parent_class)->finalize (object);
}

static void
convolve_train_progress_class_init (ConvolveTrainProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = convolve_train_progress_dispose;
  object_class->finalize = convolve_train_progress_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convolve/Convolve/ui/convolve-train-progress.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvolveTrainProgress, frame);
  gtk_widget_class_bind_template_child (widget_class, ConvolveTrainProgress, state_label);
  gtk_widget_class_bind_template_child (widget_class, ConvolveTrainProgress, names_label);
  gtk_widget_class_bind_template_child (widget_class, ConvolveTrainProgress, figures);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
convolve_train_progress_init (ConvolveTrainProgress *self)
{
  g_autofree char *names = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  names = g_strjoin ("\n", _("Epoch"), _("Step (mini-batches)"), _("Elapsed"),
                     _("Samples per second"), _("Loss (this epoch)"), _("Train accuracy"),
                     _("Test accuracy"), NULL);
  self->attrs = pango_attr_list_new ();
  /* the grid's row spacing, between lines */
  pango_attr_list_insert (self->attrs, pango_attr_line_height_new (1.25));
  gtk_label_set_text (self->names_label, names);
  gtk_label_set_attributes (self->names_label, self->attrs);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->figures), draw_figures, self, NULL);
  self->text = g_strdup ("");
  set_figures (self, "—\n—\n—\n—\n—\n—\n—");
  convolve_train_progress_set_state (self, CONVOLVE_TRAINING_IDLE);
}
