/* convolve-grid.c — the drawing grid widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The widget draws its model in the largest centred square that holds a
 * whole number of pixels per cell. Each cell's colour is paper mixed with
 * ink by the cell's value: the paper is the view background and the ink
 * the foreground colour, so it reads like paper in light and in dark mode.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "convolve-colormap.h"
#include "convolve-grid.h"
#include "convolve-style.h"

#define N CONVOLVE_GRID_SIZE
#define CELL_MIN_PX 24
#define CELL_NAT_PX 44
/* Strongest overlay alpha, for |v| = 1: the drawing stays readable below */
#define OVERLAY_ALPHA 0.6f

struct _ConvolveGrid
{
  GtkWidget parent_instance;

  ConvolveGridModel *model;
  gboolean eraser;

  /* The cell cursor is for keyboard users: shown after an arrow key or
   * Space, or when focus is visible and the pointer has not been used
   * since the grid got focus; a stroke hides it. */
  gboolean keyboard_used;
  gboolean pointer_used;

  gboolean has_overlay;
  float overlay[N * N];

  /* The stroke in progress: its start point, in widget pixels */
  gboolean dragging;
  double drag_x;
  double drag_y;

  GCancellable *paste_cancellable;  /* the clipboard being read for grid.paste */
};

G_DEFINE_TYPE (ConvolveGrid, convolve_grid, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_ERASER,
  N_PROPS
};

enum {
  SIGNAL_NUDGE,
  SIGNAL_RECEIVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GParamSpec *properties[N_PROPS];

/* The square the grid is drawn in: origin and cell size in pixels */
typedef struct
{
  double x;
  double y;
  double cell;
} Layout;

static Layout
get_layout (ConvolveGrid *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int cell = MAX (1, MIN (width, height) / N);
  Layout layout;

  layout.cell = cell;
  layout.x = floor ((width - cell * N) / 2.0);
  layout.y = floor ((height - cell * N) / 2.0);

  return layout;
}

static void
to_cells (ConvolveGrid *self,
          double        wx,
          double        wy,
          double       *cx,
          double       *cy)
{
  Layout layout = get_layout (self);

  *cx = (wx - layout.x) / layout.cell;
  *cy = (wy - layout.y) / layout.cell;
}

/* Colours ------------------------------------------------------------- */

static void
get_colors (ConvolveGrid *self,
            GdkRGBA      *paper,
            GdkRGBA      *ink,
            GdkRGBA      *accent)
{
  GtkWidget *widget = GTK_WIDGET (self);

  convolve_style_get_fg_color (widget, ink);
  /* Themes give the text colour some transparency; ink is opaque so that a
   * full cell is as dark (or as light) as it gets. */
  ink->alpha = 1.0f;

  if (!convolve_style_lookup_color (widget, "view_bg_color", paper) &&
      !convolve_style_lookup_color (widget, "theme_base_color", paper))
    {
      float v = convolve_colormap_luminance (ink) < 0.22f ? 1.0f : 0.12f;

      *paper = (GdkRGBA) { v, v, v, 1.0f };
    }
  paper->alpha = 1.0f;

  if (!convolve_style_lookup_color (widget, "accent_color", accent) &&
      !convolve_style_lookup_color (widget, "theme_selected_bg_color", accent))
    *accent = (GdkRGBA) { 0.21f, 0.52f, 0.89f, 1.0f };
}

static GdkRGBA
mix (const GdkRGBA *a,
     const GdkRGBA *b,
     float          t)
{
  t = CLAMP (t, 0.0f, 1.0f);
  return (GdkRGBA) {
    a->red + (b->red - a->red) * t,
    a->green + (b->green - a->green) * t,
    a->blue + (b->blue - a->blue) * t,
    1.0f,
  };
}

/* Drawing -------------------------------------------------------------- */

static void
convolve_grid_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  ConvolveGrid *self = CONVOLVE_GRID (widget);
  Layout layout = get_layout (self);
  const float *values = convolve_grid_model_get_values (self->model);
  double side = layout.cell * N;
  GdkRGBA paper, ink, accent, line;

  get_colors (self, &paper, &ink, &accent);

  for (int y = 0; y < N; y++)
    for (int x = 0; x < N; x++)
      {
        GdkRGBA c = mix (&paper, &ink, values[y * N + x]);

        gtk_snapshot_append_color (snapshot, &c,
                                   &GRAPHENE_RECT_INIT (layout.x + x * layout.cell,
                                                        layout.y + y * layout.cell,
                                                        layout.cell, layout.cell));
      }

  if (self->has_overlay)
    for (int y = 0; y < N; y++)
      for (int x = 0; x < N; x++)
        {
          float v = CLAMP (self->overlay[y * N + x], -1.0f, 1.0f);
          GdkRGBA c;

          if (v == 0.0f)
            continue;
          /* the ends of the trace's diverging scale (colour-blind safe),
           * translucent by |v| so the drawing stays readable below */
          convolve_colormap_color (CONVOLVE_SCALE_DIVERGING, v > 0 ? 1.0f : -1.0f, FALSE, &c);
          c.alpha = OVERLAY_ALPHA * fabsf (v);
          gtk_snapshot_append_color (snapshot, &c,
                                     &GRAPHENE_RECT_INIT (layout.x + x * layout.cell,
                                                          layout.y + y * layout.cell,
                                                          layout.cell, layout.cell));
        }

  /* Thin grid lines, the outer frame included */
  line = ink;
  line.alpha = 0.15f;
  for (int i = 0; i <= N; i++)
    {
      double offset = MIN (i * layout.cell, side - 1);

      gtk_snapshot_append_color (snapshot, &line,
                                 &GRAPHENE_RECT_INIT (layout.x + offset, layout.y, 1, side));
      gtk_snapshot_append_color (snapshot, &line,
                                 &GRAPHENE_RECT_INIT (layout.x, layout.y + offset, side, 1));
    }

  if (convolve_grid_get_cursor_visible (self))
    {
      int cx, cy;
      float width = layout.cell >= 32 ? 3.0f : 2.0f;
      GskRoundedRect outline;

      convolve_grid_model_get_cursor (self->model, &cx, &cy);
      gsk_rounded_rect_init_from_rect (&outline,
                                       &GRAPHENE_RECT_INIT (layout.x + cx * layout.cell,
                                                            layout.y + cy * layout.cell,
                                                            layout.cell, layout.cell),
                                       2.0f);
      gtk_snapshot_append_border (snapshot, &outline,
                                  (float[4]) { width, width, width, width },
                                  (GdkRGBA[4]) { accent, accent, accent, accent });
    }
}

static void
convolve_grid_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  /* square: as tall as it is wide, when the width is known */
  if (orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0)
    {
      *minimum = *natural = MAX (for_size, N * CELL_MIN_PX);
      return;
    }
  *minimum = N * CELL_MIN_PX;
  *natural = N * CELL_NAT_PX;
}

static GtkSizeRequestMode
convolve_grid_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
convolve_grid_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (convolve_grid_parent_class)->css_changed (widget, change);

  /* The named colours (paper, accent) may have changed with the style */
  gtk_widget_queue_draw (widget);
}

/* Input ---------------------------------------------------------------- */

/* A stylus turned round: its eraser end erases, whatever the tool chosen */
static gboolean
is_eraser_tool (GtkGestureDrag *gesture)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (gesture));
  GdkDeviceTool *tool = event != NULL ? gdk_event_get_device_tool (event) : NULL;

  return tool != NULL && gdk_device_tool_get_tool_type (tool) == GDK_DEVICE_TOOL_TYPE_ERASER;
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               ConvolveGrid   *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  gboolean erase;
  double cx, cy;

  /* 0 when the signal is emitted without an event (tests): the primary */
  if (button != 0 && button != GDK_BUTTON_PRIMARY && button != GDK_BUTTON_SECONDARY)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  erase = button == GDK_BUTTON_SECONDARY || self->eraser || is_eraser_tool (gesture);
  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->pointer_used = TRUE;
  self->keyboard_used = FALSE;

  self->dragging = TRUE;
  self->drag_x = x;
  self->drag_y = y;
  to_cells (self, x, y, &cx, &cy);
  convolve_grid_model_begin_stroke (self->model, cx, cy, erase);
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                ConvolveGrid   *self)
{
  double cx, cy;

  if (!self->dragging)
    return;

  to_cells (self, self->drag_x + offset_x, self->drag_y + offset_y, &cx, &cy);
  convolve_grid_model_stroke_to (self->model, cx, cy);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             ConvolveGrid   *self)
{
  if (!self->dragging)
    return;

  on_drag_update (gesture, offset_x, offset_y, self);
  self->dragging = FALSE;
  convolve_grid_model_end_stroke (self->model);
}

static void
on_drag_cancel (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                ConvolveGrid     *self)
{
  if (!self->dragging)
    return;

  self->dragging = FALSE;
  convolve_grid_model_end_stroke (self->model);
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                ConvolveGrid          *self)
{
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  int dx = 0, dy = 0;
  int x, y;

  /* Leave Ctrl/Alt/Super combinations to the window's shortcuts */
  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      dx = -1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      dx = 1;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      dy = -1;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      dy = 1;
      break;

    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      self->keyboard_used = TRUE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      convolve_grid_model_get_cursor (self->model, &x, &y);
      if (convolve_grid_model_get_mode (self->model) == CONVOLVE_GRID_MODE_CELL)
        convolve_grid_model_toggle_cell (self->model, x, y);
      else
        convolve_grid_model_paint_cell (self->model, x, y, self->eraser);
      return TRUE;

    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      convolve_grid_model_clear (self->model);
      return TRUE;

    default:
      return FALSE;
    }

  self->keyboard_used = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (shift)
    {
      gboolean handled = FALSE;

      /* whoever shows the network may move its input instead of the ink */
      g_signal_emit (self, signals[SIGNAL_NUDGE], 0, dx, dy, &handled);
      if (!handled)
        convolve_grid_model_shift (self->model, dx, dy);
    }
  else
    convolve_grid_model_move_cursor (self->model, dx, dy);

  return TRUE;
}

static void
on_focus_leave (ConvolveGrid *self)
{
  /* "leave" also comes when the whole window loses the keyboard to another
   * window; the grid is still its focus widget then, and keeps its state */
  if (!gtk_widget_is_focus (GTK_WIDGET (self)))
    {
      self->keyboard_used = FALSE;
      self->pointer_used = FALSE;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Pictures in: dropped or pasted ---------------------------------------- */

/* What the clipboard or a drop brings: files (the first is taken; the
 * receiver tells a model from an image by its content) or a picture */
static void
receive_value (ConvolveGrid *self,
               const GValue *value)
{
  GObject *object = NULL;

  if (value != NULL && G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));

      object = files != NULL ? files->data : NULL;
      g_slist_free (files);
    }
  else if (value != NULL && G_VALUE_HOLDS (value, GDK_TYPE_TEXTURE))
    object = g_value_get_object (value);
  g_signal_emit (self, signals[SIGNAL_RECEIVED], 0, object);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         ConvolveGrid  *self)
{
  receive_value (self, value);
  return TRUE;
}

static void
on_clipboard_files (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (ConvolveGrid) self = user_data;
  g_autoptr (GError) error = NULL;
  const GValue *value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  receive_value (self, value);
}

static void
on_clipboard_texture (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (ConvolveGrid) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (source), result,
                                                                     &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_signal_emit (self, signals[SIGNAL_RECEIVED], 0, texture);
}

/* Ctrl+V: files before a picture (a file manager offers both, and the
 * file is the original); neither: "received" with NULL */
static void
paste_activated (GtkWidget  *widget,
                 const char *action,
                 GVariant   *parameter)
{
  ConvolveGrid *self = CONVOLVE_GRID (widget);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

  g_cancellable_cancel (self->paste_cancellable);
  g_clear_object (&self->paste_cancellable);
  self->paste_cancellable = g_cancellable_new ();
  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT,
                                    self->paste_cancellable, on_clipboard_files, g_object_ref (self));
  else if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_TEXTURE))
    gdk_clipboard_read_texture_async (clipboard, self->paste_cancellable, on_clipboard_texture,
                                      g_object_ref (self));
  else
    g_signal_emit (self, signals[SIGNAL_RECEIVED], 0, NULL);
}

/* Life cycle ------------------------------------------------------------- */

static void
on_model_changed (ConvolveGrid *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
convolve_grid_constructed (GObject *object)
{
  ConvolveGrid *self = CONVOLVE_GRID (object);

  G_OBJECT_CLASS (convolve_grid_parent_class)->constructed (object);

  if (self->model == NULL)
    self->model = convolve_grid_model_new ();

  g_signal_connect_object (self->model, "changed",
                           G_CALLBACK (on_model_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::cursor-x",
                           G_CALLBACK (on_model_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::cursor-y",
                           G_CALLBACK (on_model_changed), self, G_CONNECT_SWAPPED);
}

static void
convolve_grid_dispose (GObject *object)
{
  ConvolveGrid *self = CONVOLVE_GRID (object);

  g_cancellable_cancel (self->paste_cancellable);
  g_clear_object (&self->paste_cancellable);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (convolve_grid_parent_class)->dispose (object);
}

static void
convolve_grid_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ConvolveGrid *self = CONVOLVE_GRID (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_ERASER:
      g_value_set_boolean (value, self->eraser);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_grid_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ConvolveGrid *self = CONVOLVE_GRID (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      self->model = g_value_dup_object (value);
      break;
    case PROP_ERASER:
      convolve_grid_set_eraser (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
convolve_grid_class_init (ConvolveGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = convolve_grid_constructed;
  object_class->dispose = convolve_grid_dispose;
  object_class->get_property = convolve_grid_get_property;
  object_class->set_property = convolve_grid_set_property;

  widget_class->snapshot = convolve_grid_snapshot;
  widget_class->measure = convolve_grid_measure;
  widget_class->get_request_mode = convolve_grid_get_request_mode;
  widget_class->css_changed = convolve_grid_css_changed;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         CONVOLVE_TYPE_GRID_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERASER] =
    g_param_spec_boolean ("eraser", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_NUDGE] =
    g_signal_new ("nudge", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 2, G_TYPE_INT, G_TYPE_INT);
  signals[SIGNAL_RECEIVED] =
    g_signal_new ("received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_OBJECT);

  gtk_widget_class_install_action (widget_class, "grid.paste", NULL, paste_activated);

  gtk_widget_class_set_css_name (widget_class, "convolve-grid");
  /* A group, not an image: it takes focus and keyboard input */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
convolve_grid_init (ConvolveGrid *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *drag;
  GtkEventController *key, *focus, *shortcuts;
  GtkDropTarget *drop;
  GType dropped[] = { GDK_TYPE_FILE_LIST, GDK_TYPE_TEXTURE };

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_focus_on_click (widget, TRUE);
  gtk_widget_set_cursor_from_name (widget, "crosshair");

  drag = gtk_gesture_drag_new ();
  /* Any button: the handler picks pen (1) or eraser (3) and denies others.
   * Touch too (one finger draws) and a stylus (its eraser end erases). */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (on_drag_cancel), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));

  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (widget, key);

  /* The cursor is drawn only while focused */
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (gtk_widget_queue_draw), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (widget, focus);

  /* the grid's own: Ctrl+V pastes into the drawing only while the grid
   * has the focus, so a text field elsewhere still pastes text */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_LOCAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_v, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("grid.paste")));
  gtk_widget_add_controller (widget, shortcuts);

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, dropped, G_N_ELEMENTS (dropped));
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drop));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Drawing grid, 8 by 8 cells"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Draw a digit with the left mouse button, erase with the right. "
                                    "Arrow keys move the cell cursor, Space paints the cell, "
                                    "Shift+arrow keys move the drawing, Delete clears it, "
                                    "Ctrl+V pastes an image."),
                                  -1);
}

GtkWidget *
convolve_grid_new (ConvolveGridModel *model)
{
  g_return_val_if_fail (model == NULL || CONVOLVE_IS_GRID_MODEL (model), NULL);

  return g_object_new (CONVOLVE_TYPE_GRID, "model", model, NULL);
}

ConvolveGridModel *
convolve_grid_get_model (ConvolveGrid *self)
{
  g_return_val_if_fail (CONVOLVE_IS_GRID (self), NULL);

  return self->model;
}

void
convolve_grid_set_eraser (ConvolveGrid *self,
                          gboolean      eraser)
{
  g_return_if_fail (CONVOLVE_IS_GRID (self));

  eraser = !!eraser;
  if (eraser == self->eraser)
    return;

  self->eraser = eraser;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERASER]);
}

gboolean
convolve_grid_get_eraser (ConvolveGrid *self)
{
  g_return_val_if_fail (CONVOLVE_IS_GRID (self), FALSE);

  return self->eraser;
}

void
convolve_grid_set_overlay (ConvolveGrid *self,
                           const float  *values)
{
  g_return_if_fail (CONVOLVE_IS_GRID (self));

  self->has_overlay = values != NULL;
  if (values != NULL)
    memcpy (self->overlay, values, sizeof self->overlay);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
convolve_grid_get_cursor_visible (ConvolveGrid *self)
{
  GtkWidget *widget;

  g_return_val_if_fail (CONVOLVE_IS_GRID (self), FALSE);

  widget = GTK_WIDGET (self);
  /* the window's focus widget, whether or not the window is active: another
   * window taking the keyboard must not make the cursor flicker away */
  if (!gtk_widget_is_focus (widget))
    return FALSE;
  if (self->keyboard_used)
    return TRUE;
  return gtk_widget_has_visible_focus (widget) && !self->pointer_used;
}

gboolean
convolve_grid_get_overlay (ConvolveGrid *self,
                           float        *values)
{
  g_return_val_if_fail (CONVOLVE_IS_GRID (self), FALSE);

  if (self->has_overlay && values != NULL)
    memcpy (values, self->overlay, sizeof self->overlay);
  return self->has_overlay;
}
