/* convolve-confusion-matrix.c — which classes the network mixes up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows are the true class, columns the predicted one (the engine's
 * [true][predicted]). A cell's colour is its share of its row, so a class
 * with few digits reads as plainly as one with many; its number is the
 * count. Each cell is a focusable toggle: arrows move between them.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "convolve-confusion-matrix.h"

/* the axis captions take row 0 and the corner, the class labels row 1
 * and column 1: the cells start at (2, 2) */
#define FIRST 2

struct _ConvolveConfusionMatrix
{
  GtkWidget parent_instance;

  GtkWidget *grid;
  GPtrArray *cells;     /* ConvolveMatrixCell, n × n, row-major */
  GPtrArray *headings;  /* GtkLabel: the class labels of rows and columns */
  int n;
  int sel_truth, sel_predicted;
};

G_DEFINE_FINAL_TYPE (ConvolveConfusionMatrix, convolve_confusion_matrix, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CELL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_cell_activate (ConvolveMatrixCell      *cell,
                  ConvolveConfusionMatrix *self)
{
  guint index;

  if (!g_ptr_array_find (self->cells, cell, &index))
    return;
  g_signal_emit (self, signals[SIGNAL_CELL_ACTIVATED], 0, (int) index / self->n, (int) index % self->n);
}

static GtkWidget *
heading (int c)
{
  g_autofree char *text = g_strdup_printf ("%d", c);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "numeric");
  return label;
}

/* A new size: new cells (the counts come after) */
static void
rebuild (ConvolveConfusionMatrix *self,
         int                      n)
{
  for (guint i = 0; i < self->cells->len; i++)
    gtk_grid_remove (GTK_GRID (self->grid), g_ptr_array_index (self->cells, i));
  for (guint i = 0; i < self->headings->len; i++)
    gtk_grid_remove (GTK_GRID (self->grid), g_ptr_array_index (self->headings, i));
  g_ptr_array_set_size (self->cells, 0);
  g_ptr_array_set_size (self->headings, 0);
  self->n = n;
  self->sel_truth = self->sel_predicted = -1;

  for (int c = 0; c < n; c++)
    {
      GtkWidget *top = heading (c), *left = heading (c);

      gtk_grid_attach (GTK_GRID (self->grid), top, FIRST + c, 1, 1, 1);
      gtk_widget_set_margin_end (left, 4);
      gtk_grid_attach (GTK_GRID (self->grid), left, 1, FIRST + c, 1, 1);
      g_ptr_array_add (self->headings, top);
      g_ptr_array_add (self->headings, left);
    }
  for (int t = 0; t < n; t++)
    for (int p = 0; p < n; p++)
      {
        GtkWidget *cell = convolve_matrix_cell_new ();

        g_signal_connect (cell, "activate", G_CALLBACK (on_cell_activate), self);
        gtk_grid_attach (GTK_GRID (self->grid), cell, FIRST + p, FIRST + t, 1, 1);
        g_ptr_array_add (self->cells, cell);
      }
}

void
convolve_confusion_matrix_set (ConvolveConfusionMatrix *self,
                               const guint             *confusion,
                               int                      n)
{
  g_return_if_fail (CONVOLVE_IS_CONFUSION_MATRIX (self));
  g_return_if_fail (n >= 0);
  g_return_if_fail (confusion != NULL || n == 0);

  if (n != self->n)
    rebuild (self, n);
  for (int t = 0; t < n; t++)
    {
      guint row = 0;

      for (int p = 0; p < n; p++)
        row += confusion[t * n + p];
      for (int p = 0; p < n; p++)
        {
          ConvolveMatrixCell *cell = g_ptr_array_index (self->cells, t * n + p);
          guint count = confusion[t * n + p];
          g_autofree char *text = NULL;

          convolve_matrix_cell_set (cell, count, row > 0 ? count / (float) row : 0.0f);
          /* Translators: a confusion matrix cell, e.g. "true 4, predicted 9: 3 digits" */
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "true %d, predicted %d: %u digit",
                                               "true %d, predicted %d: %u digits", count),
                                  t, p, count);
          convolve_matrix_cell_set_text (cell, text);
        }
    }
}

int
convolve_confusion_matrix_get_n (ConvolveConfusionMatrix *self)
{
  g_return_val_if_fail (CONVOLVE_IS_CONFUSION_MATRIX (self), 0);
  return self->n;
}

ConvolveMatrixCell *
convolve_confusion_matrix_get_cell (ConvolveConfusionMatrix *self,
                                    int                      truth,
                                    int                      predicted)
{
  g_return_val_if_fail (CONVOLVE_IS_CONFUSION_MATRIX (self), NULL);

  if (truth < 0 || truth >= self->n || predicted < 0 || predicted >= self->n)
    return NULL;
  return g_ptr_array_index (self->cells, truth * self->n + predicted);
}

void
convolve_confusion_matrix_set_selected (ConvolveConfusionMatrix *self,
                                        int                      truth,
                                        int                      predicted)
{
  ConvolveMatrixCell *old, *cell;

  g_return_if_fail (CONVOLVE_IS_CONFUSION_MATRIX (self));

  old = convolve_confusion_matrix_get_cell (self, self->sel_truth, self->sel_predicted);
  cell = convolve_confusion_matrix_get_cell (self, truth, predicted);
  if (old != NULL)
    convolve_matrix_cell_set_selected (old, FALSE);
  if (cell != NULL)
    convolve_matrix_cell_set_selected (cell, TRUE);
  self->sel_truth = cell != NULL ? truth : -1;
  self->sel_predicted = cell != NULL ? predicted : -1;
}

GtkWidget *
convolve_confusion_matrix_new (void)
{
  return g_object_new (CONVOLVE_TYPE_CONFUSION_MATRIX, NULL);
}

static void
convolve_confusion_matrix_dispose (GObject *object)
{
  ConvolveConfusionMatrix *self = CONVOLVE_CONFUSION_MATRIX (object);

  g_clear_pointer (&self->cells, g_ptr_array_unref);
  g_clear_pointer (&self->headings, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CONVOLVE_TYPE_CONFUSION_MATRIX);

  G_OBJECT_CLASS (convolve_confusion_matrix_parent_class)->dispose (object);
}

static void
convolve_confusion_matrix_class_init (ConvolveConfusionMatrixClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = convolve_confusion_matrix_dispose;

  signals[SIGNAL_CELL_ACTIVATED] =
    g_signal_new ("cell-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/convolve/Convolve/ui/convolve-confusion-matrix.ui");
  gtk_widget_class_bind_template_child (widget_class, ConvolveConfusionMatrix, grid);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "confusionmatrix");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
convolve_confusion_matrix_init (ConvolveConfusionMatrix *self)
{
  self->cells = g_ptr_array_new ();
  self->headings = g_ptr_array_new ();
  self->sel_truth = self->sel_predicted = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
}
