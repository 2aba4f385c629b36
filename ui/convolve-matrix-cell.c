/* convolve-matrix-cell.c — one cell of the confusion matrix, a button
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A focusable widget with the button role rather than a GtkButton: its
 * colour is its content (a GtkButton's background is the theme's), and
 * the count sits on it in black or white for contrast.
 */
#include "config.h"

#include <math.h>

#include "convolve-colormap.h"
#include "convolve-matrix-cell.h"
#include "convolve-style.h"

#define SIZE 34  /* px: two digits and room around them */

struct _ConvolveMatrixCell
{
  GtkWidget parent_instance;

  guint count;
  float share;
  gboolean selected;
  char *text;          /* its name, and its tooltip */
};

G_DEFINE_FINAL_TYPE (ConvolveMatrixCell, convolve_matrix_cell, GTK_TYPE_WIDGET)

enum {
  SIGNAL_ACTIVATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
append_frame (GtkSnapshot   *snapshot,
              float          inset,
              float          w,
              float          h,
              float          width,
              const GdkRGBA *color)
{
  GskRoundedRect rect;

  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (inset, inset, w - 2 * inset,
                                                               h - 2 * inset), 0);
  gtk_snapshot_append_border (snapshot, &rect, (float[4]) { width, width, width, width },
                              (GdkRGBA[4]) { *color, *color, *color, *color });
}

static void
convolve_matrix_cell_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  ConvolveMatrixCell *self = CONVOLVE_MATRIX_CELL (widget);
  float w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  GdkRGBA bg, fg, accent;

  convolve_colormap_color (CONVOLVE_SCALE_SEQUENTIAL, self->share, convolve_style_is_dark (), &bg);
  gtk_snapshot_append_color (snapshot, &bg, &GRAPHENE_RECT_INIT (0, 0, w, h));

  if (self->count > 0)
    {
      g_autofree char *text = g_strdup_printf ("%u", self->count);
      g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
      int tw, th;

      fg = convolve_colormap_luminance (&bg) > 0.22f ? (GdkRGBA) { 0, 0, 0, 0.87f }
                                                    : (GdkRGBA) { 1, 1, 1, 0.95f };
      pango_layout_get_pixel_size (layout, &tw, &th);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((w - tw) / 2.0f, (h - th) / 2.0f));
      gtk_snapshot_append_layout (snapshot, layout, &fg);
      gtk_snapshot_restore (snapshot);
    }

  convolve_style_get_accent_color (widget, &accent);
  if (self->selected)
    append_frame (snapshot, 0, w, h, 3, &accent);
  /* no CSS focus ring reaches a custom node: draw one inside */
  if (gtk_widget_has_visible_focus (widget))
    {
      GdkRGBA ring = accent;

      ring.alpha *= 0.7f;
      append_frame (snapshot, self->selected ? 3 : 1, w, h, 2, &ring);
    }
}

static void
convolve_matrix_cell_state_flags_changed (GtkWidget     *widget,
                                          GtkStateFlags  previous)
{
  /* the focus ring is drawn by the snapshot */
  if ((gtk_widget_get_state_flags (widget) ^ previous) & GTK_STATE_FLAG_FOCUS_VISIBLE)
    gtk_widget_queue_draw (widget);
  GTK_WIDGET_CLASS (convolve_matrix_cell_parent_class)->state_flags_changed (widget, previous);
}

static void
convolve_matrix_cell_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  *minimum = 24;
  *natural = SIZE;
}

static void
on_pressed (GtkGestureClick    *gesture,
            int                 n_press,
            double              x,
            double              y,
            ConvolveMatrixCell *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  g_signal_emit (self, signals[SIGNAL_ACTIVATE], 0);
}

static gboolean
on_key (GtkEventControllerKey *controller,
        guint                  keyval,
        guint                  keycode,
        GdkModifierType        state,
        ConvolveMatrixCell    *self)
{
  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      g_signal_emit (self, signals[SIGNAL_ACTIVATE], 0);
      return TRUE;
    default:
      return FALSE;
    }
}

void
convolve_matrix_cell_set (ConvolveMatrixCell *self,
                          guint               count,
                          float               share)
{
  g_return_if_fail (CONVOLVE_IS_MATRIX_CELL (self));

  share = isfinite (share) ? CLAMP (share, 0.0f, 1.0f) : 0.0f;
  if (count == self->count && share == self->share)
    return;
  self->count = count;
  self->share = share;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The tooltip is asked for when shown (query-tooltip), not set: setting
 * one asks the display where the pointer is, and a score while training
 * changes a hundred cells' texts each second. */
void
convolve_matrix_cell_set_text (ConvolveMatrixCell *self,
                               const char         *text)
{
  g_return_if_fail (CONVOLVE_IS_MATRIX_CELL (self));
  g_return_if_fail (text != NULL);

  if (g_strcmp0 (text, self->text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

const char *
convolve_matrix_cell_get_text (ConvolveMatrixCell *self)
{
  g_return_val_if_fail (CONVOLVE_IS_MATRIX_CELL (self), NULL);
  return self->text;
}

static gboolean
convolve_matrix_cell_query_tooltip (GtkWidget  *widget,
                                    int         x,
                                    int         y,
                                    gboolean    keyboard,
                                    GtkTooltip *tooltip)
{
  ConvolveMatrixCell *self = CONVOLVE_MATRIX_CELL (widget);

  if (self->text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->text);
  return TRUE;
}

guint
convolve_matrix_cell_get_count (ConvolveMatrixCell *self)
{
  g_return_val_if_fail (CONVOLVE_IS_MATRIX_CELL (self), 0);
  return self->count;
}

void
convolve_matrix_cell_set_selected (ConvolveMatrixCell *self,
                                   gboolean            selected)
{
  g_return_if_fail (CONVOLVE_IS_MATRIX_CELL (self));

  selected = !!selected;
  if (selected == self->selected)
    return;
  self->selected = selected;
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_PRESSED,
                               selected ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
convolve_matrix_cell_get_selected (ConvolveMatrixCell *self)
{
  g_return_val_if_fail (CONVOLVE_IS_MATRIX_CELL (self), FALSE);
  return self->selected;
}

GtkWidget *
convolve_matrix_cell_new (void)
{
  return g_object_new (CONVOLVE_TYPE_MATRIX_CELL, NULL);
}

static void
convolve_matrix_cell_finalize (GObject *object)
{
  ConvolveMatrixCell *self = CONVOLVE_MATRIX_CELL (object);

  g_clear_pointer (&self->text, g_free);
  G_OBJECT_CLASS (convolve_matrix_cell_parent_class)->finalize (object);
}

static void
convolve_matrix_cell_class_init (ConvolveMatrixCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = convolve_matrix_cell_finalize;
  widget_class->query_tooltip = convolve_matrix_cell_query_tooltip;
  widget_class->snapshot = convolve_matrix_cell_snapshot;
  widget_class->measure = convolve_matrix_cell_measure;
  widget_class->state_flags_changed = convolve_matrix_cell_state_flags_changed;

  signals[SIGNAL_ACTIVATE] =
    g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "matrixcell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
convolve_matrix_cell_init (ConvolveMatrixCell *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  convolve_style_redraw_on_dark_change (GTK_WIDGET (self));
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_PRESSED,
                               GTK_ACCESSIBLE_TRISTATE_FALSE, -1);
}
