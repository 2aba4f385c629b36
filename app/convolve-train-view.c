/* convolve-train-view.c — the Train page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Left: the controls (win.train-* actions), progress figures, the
 * hyperparameters and the network spec. Right: the loss and accuracy
 * curves over epochs, the probe choice, and the backward pass of the probe.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "convolve-train-view.h"

struct _ConvolveTrainView
{
  AdwBin parent_instance;

  GtkLabel *state_label;
  GtkWidget *figures;       /* GtkDrawingArea: epoch … test accuracy, a line each */
  char *figures_text;
  PangoAttrList *figures_attrs;
  guint figures_a11y_id;
  char *stats_text;

  AdwComboRow *optimizer_row;
  GtkSpinButton *lr_spin;
  GtkSpinButton *batch_spin;
  GtkSpinButton *epochs_spin;
  GtkSpinButton *decay_spin;
  GtkSpinButton *seed_spin;
  GtkSwitch *augment_switch;
  AdwEntryRow *spec_row;
  GtkLabel *spec_error;
  char *applied_spec;

  ConvolvePlot *loss_plot;
  ConvolvePlot *acc_plot;
  int loss_epoch_series, loss_running_series;
  int acc_train_series, acc_test_series;
  guint run;
  gboolean have_run;
  int n_records_shown;
  double running_x;       /* the last running-loss point, −1: none */

  GtkDropDown *probe_dropdown;
  GtkDropDown *pace_dropdown;
  GtkMenuButton *help_button;
  GtkStringList *probe_labels;
  GtkAdjustment *speed_adjustment;
  ConvolveGradientView *gradient_view;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (ConvolveTrainView, convolve_train_view, ADW_TYPE_BIN)

enum {
  SIGNAL_CONFIG_CHANGED,
  SIGNAL_PROBE_CHANGED,
  SIGNAL_APPLY_SPEC,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* GSettings ↔ spin buttons: the keys are i, t or d, a spin button's value
 * is always a double. */
static gboolean
number_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  double v;

  if (g_variant_is_of_type (variant, G_VARIANT_TYPE_INT32))
    v = g_variant_get_int32 (variant);
  else if (g_variant_is_of_type (variant, G_VARIANT_TYPE_UINT64))
    v = (double) g_variant_get_uint64 (variant);
  else if (g_variant_is_of_type (variant, G_VARIANT_TYPE_DOUBLE))
    v = g_variant_get_double (variant);
  else
    return FALSE;
  g_value_set_double (value, v);
  return TRUE;
}

static GVariant *
number_set_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  double v = g_value_get_double (value);

  if (g_variant_type_equal (expected_type, G_VARIANT_TYPE_INT32))
    return g_variant_new_int32 ((gint32) lround (v));
  if (g_variant_type_equal (expected_type, G_VARIANT_TYPE_UINT64))
    return g_variant_new_uint64 ((guint64) MAX (llround (v), 0));
  if (g_variant_type_equal (expected_type, G_VARIANT_TYPE_DOUBLE))
    return g_variant_new_double (v);
  return NULL;
}

/* GSettings string choices ↔ a drop-down's "selected": user_data is the
 * NULL-terminated list of ids, in the order of the rows */
static gboolean
choice_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char * const *ids = user_data;
  const char *id = g_variant_get_string (variant, NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    if (g_str_equal (id, ids[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
choice_set_mapping (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  const char * const *ids = user_data;
  guint i = g_value_get_uint (value);

  return i < g_strv_length ((char **) ids) ? g_variant_new_string (ids[i]) : NULL;
}

static const char * const optimizer_ids[] = { "sgd", "adam", NULL };

/* The pace choices: GSettings id, label, mini-batches per second (0: full) */
static const char * const pace_ids[] = { "full", "fast", "watchable", "slow", NULL };
static const struct {
  const char *label;
  double steps_per_second;
} paces[] = {
  { N_("As fast as possible"), 0 },
  { N_("Fast (100 steps/s)"), 100 },
  { N_("Watchable (25 steps/s)"), 25 },
  { N_("Slow motion (2 steps/s)"), 2 },
};
G_STATIC_ASSERT (G_N_ELEMENTS (paces) == G_N_ELEMENTS (pace_ids) - 1);
#define DEFAULT_PACE 2  /* watchable: the default network trains in about a minute */

static void
emit_config_changed (ConvolveTrainView *self)
{
  g_signal_emit (self, signals[SIGNAL_CONFIG_CHANGED], 0);
}

/* Arrows move the learning rate by one unit of its leading digit:
 * 0.02 → 0.03, 0.002 → 0.003; a log-ish scale over five decades. */
static void
on_lr_changed (GtkSpinButton     *spin,
               ConvolveTrainView *self)
{
  double v = gtk_spin_button_get_value (spin);
  double step = pow (10.0, floor (log10 (MAX (v, 1e-5)) + 1e-9));

  gtk_spin_button_set_increments (spin, step, step * 10);
  emit_config_changed (self);
}

static GtkSpinButton *
add_spin_row (AdwPreferencesGroup *group,
              const char          *title,
              const char          *subtitle,
              double               lower,
              double               upper,
              double               step,
              guint                digits,
              double               value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, step);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), digits > 0 ? digits + 3 : 5);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (group, row);
  return GTK_SPIN_BUTTON (spin);
}

static void
on_spec_changed (GtkEditable       *editable,
                 ConvolveTrainView *self)
{
  g_autoptr (GError) error = NULL;
  const char *text = gtk_editable_get_text (editable);

  if (cnn_spec_validate (text, &error))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->spec_row), "error");
      gtk_label_set_text (self->spec_error, "");
      gtk_widget_set_visible (GTK_WIDGET (self->spec_error), FALSE);
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->spec_row), "error");
      gtk_label_set_text (self->spec_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->spec_error), TRUE);
    }
}

static void
on_spec_apply (AdwEntryRow       *row,
               ConvolveTrainView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (!cnn_spec_validate (text, NULL))
    return;
  g_signal_emit (self, signals[SIGNAL_APPLY_SPEC], 0, text);
}

static void
on_probe_selected (GObject           *object,
                   GParamSpec        *pspec,
                   ConvolveTrainView *self)
{
  g_signal_emit (self, signals[SIGNAL_PROBE_CHANGED], 0);
}

static void
on_speed_changed (GtkAdjustment     *adjustment,
                  ConvolveTrainView *self)
{
  convolve_gradient_view_set_speed (self->gradient_view, gtk_adjustment_get_value (adjustment));
}

static GtkLabel *
add_stat (GtkGrid    *grid,
          int         row,
          const char *name)
{
  GtkWidget *key = gtk_label_new (name);
  GtkWidget *value = gtk_label_new ("—");

  gtk_label_set_xalign (GTK_LABEL (key), 0);
  gtk_widget_add_css_class (key, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (value), 1);
  gtk_widget_set_hexpand (value, TRUE);
  gtk_widget_add_css_class (value, "numeric");
  gtk_label_set_selectable (GTK_LABEL (value), FALSE);
  gtk_grid_attach (grid, key, 0, row, 1, 1);
  gtk_grid_attach (grid, value, 1, row, 1, 1);
  return GTK_LABEL (value);
}

static GtkWidget *
action_button (const char *icon,
               const char *label,
               const char *action,
               const char *tooltip)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

static GtkWidget *
build_controls (ConvolveTrainView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *row1 = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *row2 = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *start = action_button ("media-playback-start-symbolic", _("_Start"), "win.train-start",
                                    _("Train from the current weights (Ctrl+T)"));

  gtk_widget_add_css_class (start, "suggested-action");
  gtk_box_set_homogeneous (GTK_BOX (row1), TRUE);
  gtk_box_set_homogeneous (GTK_BOX (row2), TRUE);
  gtk_box_append (GTK_BOX (row1), start);
  gtk_box_append (GTK_BOX (row1),
                  action_button ("media-playback-pause-symbolic", _("_Pause"), "win.train-pause",
                                 _("Pause after the current mini-batch (Ctrl+T)")));
  gtk_box_append (GTK_BOX (row1),
                  action_button ("media-playback-start-symbolic", _("Resu_me"), "win.train-resume",
                                 _("Continue the paused run (Ctrl+T)")));
  gtk_box_append (GTK_BOX (row2),
                  action_button ("media-skip-forward-symbolic", _("S_tep"), "win.train-step",
                                 _("Train one mini-batch, then pause (Ctrl+Shift+T)")));
  gtk_box_append (GTK_BOX (row2),
                  action_button ("media-playback-stop-symbolic", _("St_op"), "win.train-stop",
                                 _("End the run (Ctrl+.)")));
  gtk_box_append (GTK_BOX (row2),
                  action_button ("view-refresh-symbolic", _("_Reset"), "win.train-reset",
                                 _("New random weights from the seed (Ctrl+R)")));
  gtk_box_append (GTK_BOX (box), row1);
  gtk_box_append (GTK_BOX (box), row2);

  {
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *label = gtk_label_new_with_mnemonic (_("P_ace"));
    const char *labels[G_N_ELEMENTS (paces) + 1] = { NULL };

    for (guint i = 0; i < G_N_ELEMENTS (paces); i++)
      labels[i] = _(paces[i].label);
    self->pace_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (labels));
    gtk_drop_down_set_selected (self->pace_dropdown, DEFAULT_PACE);
    gtk_widget_set_hexpand (GTK_WIDGET (self->pace_dropdown), TRUE);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->pace_dropdown),
                                 _("How fast training runs: slow enough to follow the curves and "
                                   "the gradients, or as fast as the computer can. Applies at once."));
    gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->pace_dropdown));
    gtk_widget_add_css_class (label, "dim-label");
    gtk_box_append (GTK_BOX (row), label);
    gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->pace_dropdown));
    gtk_box_append (GTK_BOX (box), row);
    g_signal_connect_swapped (self->pace_dropdown, "notify::selected",
                              G_CALLBACK (emit_config_changed), self);
  }
  return box;
}

/* The figures in the widget's font with tabular digits, right-aligned */
static PangoLayout *
figures_layout (ConvolveTrainView *self)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (self->figures, self->figures_text);
  PangoAttrList *attrs = pango_attr_list_copy (self->figures_attrs);

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
  ConvolveTrainView *self = user_data;
  g_autoptr (PangoLayout) layout = figures_layout (self);
  GdkRGBA color;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &color);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  gdk_cairo_set_source_rgba (cr, &color);
  pango_cairo_show_layout (cr, layout);
}

/* "Epoch: 3 / 1000; Step: …" for screen readers, twice a second at most */
static gboolean
update_figures_description (gpointer user_data)
{
  ConvolveTrainView *self = user_data;
  g_auto (GStrv) names = NULL;
  g_auto (GStrv) values = g_strsplit (self->figures_text, "\n", -1);
  g_autoptr (GString) text = g_string_new (NULL);
  GtkWidget *keys = gtk_widget_get_prev_sibling (self->figures);

  self->figures_a11y_id = 0;
  names = g_strsplit (gtk_label_get_text (GTK_LABEL (keys)), "\n", -1);
  for (guint i = 0; names[i] != NULL && values[i] != NULL; i++)
    g_string_append_printf (text, "%s%s: %s", i > 0 ? "; " : "", names[i], values[i]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->figures),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str, -1);
  return G_SOURCE_REMOVE;
}

/* New figures: a redraw, and a new size only when they outgrow the old */
static void
set_figures (ConvolveTrainView *self,
             const char        *text)
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
  if (self->figures_a11y_id == 0)
    self->figures_a11y_id = g_timeout_add (500, update_figures_description, self);
}

static GtkWidget *
build_stats (ConvolveTrainView *self)
{
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  int row = 0;

  gtk_widget_add_css_class (frame, "view");
  gtk_widget_add_css_class (GTK_WIDGET (grid), "train-stats");
  gtk_grid_set_row_spacing (grid, 4);
  gtk_grid_set_column_spacing (grid, 12);
  gtk_widget_set_margin_start (GTK_WIDGET (grid), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (grid), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (grid), 8);
  gtk_widget_set_margin_bottom (GTK_WIDGET (grid), 8);
  self->state_label = add_stat (grid, row++, _("State"));
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), "heading");
  /* The figures that change with every snapshot are drawn as one picture
   * beside one label of their names, not as a label each: a label is a
   * rectangle to repaint per line, and beside the curves (which change
   * too) they cut the damage into more rectangles than GSK keeps (30), so
   * it gave up and repainted the whole window every frame. Nor does a new
   * figure lay the window out again. */
  {
    g_autofree char *names = g_strjoin ("\n", _("Epoch"), _("Step (mini-batches)"), _("Elapsed"),
                                        _("Samples per second"), _("Loss (this epoch)"),
                                        _("Train accuracy"), _("Test accuracy"), NULL);
    GtkWidget *keys = gtk_label_new (names);

    self->figures_attrs = pango_attr_list_new ();
    /* the grid's row spacing, between lines */
    pango_attr_list_insert (self->figures_attrs, pango_attr_line_height_new (1.25));
    gtk_label_set_attributes (GTK_LABEL (keys), self->figures_attrs);
    gtk_label_set_xalign (GTK_LABEL (keys), 0);
    gtk_label_set_yalign (GTK_LABEL (keys), 0);
    gtk_widget_add_css_class (keys, "dim-label");
    gtk_grid_attach (grid, keys, 0, row, 1, 1);

    self->figures = gtk_drawing_area_new ();
    gtk_widget_set_hexpand (self->figures, TRUE);
    gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->figures), draw_figures, self, NULL);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->figures),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Training progress"), -1);
    gtk_grid_attach (grid, self->figures, 1, row++, 1, 1);
    set_figures (self, "—\n—\n—\n—\n—\n—\n—");
  }
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (grid));
  return frame;
}

static GtkWidget *
build_hyperparameters (ConvolveTrainView *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  CnnTrainConfig defaults;
  GtkWidget *row;
  const char *optimizers[] = { _("SGD with momentum"), _("Adam"), NULL };

  cnn_train_config_init_default (&defaults);
  adw_preferences_group_set_title (group, _("Hyperparameters"));
  adw_preferences_group_set_description (group,
                                         _("Changes apply at the next Start, Step from a stopped run, or Reset."));

  row = adw_combo_row_new ();
  self->optimizer_row = ADW_COMBO_ROW (row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Optimizer"));
  adw_combo_row_set_model (self->optimizer_row, G_LIST_MODEL (gtk_string_list_new (optimizers)));
  adw_combo_row_set_selected (self->optimizer_row, defaults.optimizer == CNN_OPTIMIZER_SGD ? 0 : 1);
  adw_preferences_group_add (group, row);
  g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (emit_config_changed), self);

  self->lr_spin = add_spin_row (group, _("Learning rate"), _("Step size of each update (cosine decay to 0)"),
                                1e-5, 1.0, 0.01, 5, defaults.lr);
  self->batch_spin = add_spin_row (group, _("Batch size"), _("Samples per update"),
                                   1, 512, 1, 0, defaults.batch_size);
  self->epochs_spin = add_spin_row (group, _("Epochs"), _("Passes over the training set"),
                                    1, 1000, 1, 0, defaults.epochs);
  self->decay_spin = add_spin_row (group, _("Weight decay"), _("L2 pull towards 0; 0 is off"),
                                   0, 0.1, 0.0001, 4, defaults.weight_decay);
  self->seed_spin = add_spin_row (group, _("Seed"), _("Initial weights and shuffling"),
                                  0, G_MAXUINT32, 1, 0, (double) defaults.seed);
  gtk_spin_button_set_increments (self->decay_spin, 0.0001, 0.001);
  on_lr_changed (self->lr_spin, self);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Augmentation"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Distort most samples at random: turn, scale, slant, warp, and thin or thicken the strokes"));
  self->augment_switch = GTK_SWITCH (gtk_switch_new ());
  /* the switch stands for the default augmentation (full) or none, until
   * the page offers the three modes */
  gtk_switch_set_active (self->augment_switch, defaults.augment != CNN_AUGMENT_NONE);
  gtk_widget_set_valign (GTK_WIDGET (self->augment_switch), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->augment_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Augmentation"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->augment_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (self->augment_switch));
  adw_preferences_group_add (group, row);

  g_signal_connect (self->lr_spin, "value-changed", G_CALLBACK (on_lr_changed), self);
  g_signal_connect_swapped (self->batch_spin, "value-changed", G_CALLBACK (emit_config_changed), self);
  g_signal_connect_swapped (self->epochs_spin, "value-changed", G_CALLBACK (emit_config_changed), self);
  g_signal_connect_swapped (self->decay_spin, "value-changed", G_CALLBACK (emit_config_changed), self);
  g_signal_connect_swapped (self->seed_spin, "value-changed", G_CALLBACK (emit_config_changed), self);
  g_signal_connect_swapped (self->augment_switch, "notify::active", G_CALLBACK (emit_config_changed), self);
  return GTK_WIDGET (group);
}

static GtkWidget *
build_network (ConvolveTrainView *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *error = gtk_label_new (NULL);

  adw_preferences_group_set_title (group, _("Network"));
  adw_preferences_group_set_description (group,
                                         _("Layers from input to output, e.g. “conv3x3x8 relu pool2 flatten dense10 softmax”. "
                                           "Apply builds a new network with fresh weights from the seed."));
  self->spec_row = ADW_ENTRY_ROW (row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Spec"));
  adw_entry_row_set_show_apply_button (self->spec_row, TRUE);
  g_signal_connect (row, "changed", G_CALLBACK (on_spec_changed), self);
  g_signal_connect (row, "apply", G_CALLBACK (on_spec_apply), self);
  adw_preferences_group_add (group, row);

  self->spec_error = GTK_LABEL (error);
  gtk_label_set_wrap (self->spec_error, TRUE);
  gtk_label_set_xalign (self->spec_error, 0);
  gtk_widget_set_margin_top (error, 6);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_add_css_class (error, "caption");
  gtk_widget_set_visible (error, FALSE);
  adw_preferences_group_add (group, error);
  return GTK_WIDGET (group);
}

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

/* The page's "?": what the curves, gradients and colours mean */
static GtkWidget *
help_button_new (void)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label),
    _("<b>Training</b>\n\n"
      "The network learns from the training digits in small batches. For each batch it "
      "runs forward, measures the <b>loss</b> (cross-entropy: how unsure it is of the right "
      "answer; 0 is sure and right), runs backward, and moves every weight a little "
      "against its gradient.\n\n"
      "<b>Curves</b>: loss and accuracy after every epoch (one pass over the training "
      "digits). The test curve is measured on digits the network never trains on: when it "
      "stays below the train curve the network is memorising rather than learning.\n\n"
      "<b>Gradients</b>: dL/dx says how the loss would change if the value x grew. The "
      "backward pass starts at the loss and applies the chain rule layer by layer back to "
      "the input; the cards light up in that order. Red: growing the value raises the "
      "loss; blue: lowers it; white: no effect.\n\n"
      "<b>Gradient norms</b> (log scale): if a layer's line sinks decades below the others "
      "its gradients are vanishing and it barely learns; lines shooting up mean exploding "
      "gradients — lower the learning rate.\n\n"
      "<b>Probe</b>: whose backward pass is shown — the last training sample, or your "
      "drawing with the label you pick."));
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 52);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_popover_set_child (GTK_POPOVER (popover), label);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "help-browser-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("What am I looking at?"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Help on training"), -1);
  return button;
}

static GtkWidget *
build_right (ConvolveTrainView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *plots = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *probe_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *loss = convolve_plot_new (_("epoch"), _("loss (cross-entropy)"));
  GtkWidget *acc = convolve_plot_new (_("epoch"), _("accuracy (%)"));
  GtkWidget *label, *scale, *gradient_scroller;
  GdkRGBA faint = { 0.5, 0.5, 0.5, 0.6 };

  gtk_widget_add_css_class (box, "train-pane");
  self->loss_plot = CONVOLVE_PLOT (loss);
  self->acc_plot = CONVOLVE_PLOT (acc);
  self->loss_epoch_series = convolve_plot_add_series (self->loss_plot, _("train, per epoch"), NULL, FALSE);
  self->loss_running_series = convolve_plot_add_series (self->loss_plot, _("train, running"), &faint, FALSE);
  self->acc_train_series = convolve_plot_add_series (self->acc_plot, _("train"), NULL, FALSE);
  self->acc_test_series = convolve_plot_add_series (self->acc_plot, _("test"), NULL, TRUE);
  convolve_plot_set_y_range (self->acc_plot, 0, 100);
  gtk_accessible_update_property (GTK_ACCESSIBLE (loss), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Loss curve"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (acc), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Accuracy curves, train and test"), -1);
  gtk_widget_set_hexpand (loss, TRUE);
  gtk_widget_set_hexpand (acc, TRUE);
  gtk_widget_set_size_request (loss, 260, 220);
  gtk_widget_set_size_request (acc, 260, 220);
  gtk_box_set_homogeneous (GTK_BOX (plots), TRUE);
  gtk_box_append (GTK_BOX (plots), loss);
  gtk_box_append (GTK_BOX (plots), acc);
  {
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *title = heading (_("Learning Curves"));

    gtk_widget_set_hexpand (title, TRUE);
    self->help_button = GTK_MENU_BUTTON (help_button_new ());
    gtk_box_append (GTK_BOX (row), title);
    gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->help_button));
    gtk_box_append (GTK_BOX (box), row);
  }
  gtk_box_append (GTK_BOX (box), plots);

  gtk_box_append (GTK_BOX (box), heading (_("Gradients Flowing Backward")));
  label = gtk_label_new_with_mnemonic (_("_Probe"));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (probe_box), label);
  self->probe_labels = gtk_string_list_new (NULL);
  self->probe_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->probe_labels)),
                                                           NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->probe_dropdown),
                               _("Whose backward pass is shown: the training sample just used, "
                                 "or your drawing with the label you choose"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->probe_dropdown));
  g_signal_connect (self->probe_dropdown, "notify::selected", G_CALLBACK (on_probe_selected), self);
  gtk_box_append (GTK_BOX (probe_box), GTK_WIDGET (self->probe_dropdown));

  label = gtk_label_new_with_mnemonic (_("Animation _speed"));
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_start (label, 12);
  gtk_box_append (GTK_BOX (probe_box), label);
  self->speed_adjustment = gtk_adjustment_new (1.0, 0.1, 4.0, 0.1, 0.5, 0);
  scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, self->speed_adjustment);
  gtk_scale_set_digits (GTK_SCALE (scale), 1);
  gtk_scale_set_draw_value (GTK_SCALE (scale), TRUE);
  gtk_scale_set_value_pos (GTK_SCALE (scale), GTK_POS_RIGHT);
  gtk_widget_set_size_request (scale, 160, -1);
  gtk_widget_set_tooltip_text (scale, _("How fast the backward pass is revealed; 1 is about 1.2 s"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), scale);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Animation speed"), -1);
  gtk_box_append (GTK_BOX (probe_box), scale);
  gtk_box_append (GTK_BOX (box), probe_box);

  /* the backward pass is wide and tall: it scrolls on its own, the curves
   * above it stay in view */
  self->gradient_view = CONVOLVE_GRADIENT_VIEW (convolve_gradient_view_new ());
  gradient_scroller = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (gradient_scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (gradient_scroller),
                                 GTK_WIDGET (self->gradient_view));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->gradient_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Backward pass of the probe sample"), -1);
  gtk_box_append (GTK_BOX (box), gradient_scroller);
  g_signal_connect (self->speed_adjustment, "value-changed", G_CALLBACK (on_speed_changed), self);
  on_speed_changed (self->speed_adjustment, self);
  return box;
}

static void
convolve_train_view_dispose (GObject *object)
{
  ConvolveTrainView *self = CONVOLVE_TRAIN_VIEW (object);

  g_clear_handle_id (&self->figures_a11y_id, g_source_remove);
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_object (&self->probe_labels);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (convolve_train_view_parent_class)->dispose (object);
}

static void
convolve_train_view_finalize (GObject *object)
{
  ConvolveTrainView *self = CONVOLVE_TRAIN_VIEW (object);

  g_free (self->stats_text);
  g_free (self->figures_text);
  g_clear_pointer (&self->figures_attrs, pango_attr_list_unref);
  g_free (self->applied_spec);

  G_OBJECT_CLASS (convolve_train_view_parent_class)->finalize (object);
}

static void
convolve_train_view_class_init (ConvolveTrainViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = convolve_train_view_dispose;
  object_class->finalize = convolve_train_view_finalize;

  signals[SIGNAL_CONFIG_CHANGED] =
    g_signal_new ("config-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_PROBE_CHANGED] =
    g_signal_new ("probe-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_APPLY_SPEC] =
    g_signal_new ("apply-spec", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "train-view");
}

static void
convolve_train_view_init (ConvolveTrainView *self)
{
  GtkWidget *paned = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *left_scroller = gtk_scrolled_window_new ();
  GtkWidget *left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *right;

  gtk_widget_add_css_class (left, "train-controls");
  gtk_widget_set_margin_start (left, 12);
  gtk_widget_set_margin_end (left, 12);
  gtk_widget_set_margin_top (left, 12);
  gtk_widget_set_margin_bottom (left, 12);
  gtk_box_append (GTK_BOX (left), build_controls (self));
  gtk_box_append (GTK_BOX (left), build_stats (self));
  gtk_box_append (GTK_BOX (left), build_hyperparameters (self));
  gtk_box_append (GTK_BOX (left), build_network (self));

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (left_scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (left_scroller), left);
  gtk_widget_set_size_request (left_scroller, 380, -1);
  /* the stats' values expand, which would otherwise spread to the pane */
  gtk_widget_set_hexpand (left_scroller, FALSE);

  right = build_right (self);
  gtk_widget_set_margin_start (right, 12);
  gtk_widget_set_margin_end (right, 12);
  gtk_widget_set_margin_top (right, 12);
  gtk_widget_set_margin_bottom (right, 12);
  gtk_widget_set_hexpand (right, TRUE);

  gtk_box_append (GTK_BOX (paned), left_scroller);
  gtk_box_append (GTK_BOX (paned), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  gtk_box_append (GTK_BOX (paned), right);
  adw_bin_set_child (ADW_BIN (self), paned);

  self->stats_text = g_strdup ("");
  convolve_train_view_set_state (self, CONVOLVE_TRAINING_IDLE);
}

GtkWidget *
convolve_train_view_new (void)
{
  return g_object_new (CONVOLVE_TYPE_TRAIN_VIEW, NULL);
}

void
convolve_train_view_bind_settings (ConvolveTrainView *self,
                                   GSettings         *settings)
{
  g_return_if_fail (CONVOLVE_IS_TRAIN_VIEW (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (settings == NULL || self->settings != NULL)
    return;
  self->settings = g_object_ref (settings);

  g_settings_bind_with_mapping (settings, "optimizer", self->optimizer_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                choice_get_mapping, choice_set_mapping, (gpointer) optimizer_ids, NULL);
#define BIND_NUMBER(key, spin) \
  g_settings_bind_with_mapping (settings, key, gtk_spin_button_get_adjustment (spin), "value", \
                                G_SETTINGS_BIND_DEFAULT, \
                                number_get_mapping, number_set_mapping, NULL, NULL)
  BIND_NUMBER ("learning-rate", self->lr_spin);
  BIND_NUMBER ("batch-size", self->batch_spin);
  BIND_NUMBER ("epochs", self->epochs_spin);
  BIND_NUMBER ("weight-decay", self->decay_spin);
  BIND_NUMBER ("seed", self->seed_spin);
#undef BIND_NUMBER
  g_settings_bind (settings, "augment", self->augment_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "gradient-animation-speed", self->speed_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "training-pace", self->pace_dropdown, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                choice_get_mapping, choice_set_mapping, (gpointer) pace_ids, NULL);
}

double
convolve_train_view_get_pace (ConvolveTrainView *self)
{
  guint i;

  g_return_val_if_fail (CONVOLVE_IS_TRAIN_VIEW (self), 0);

  i = gtk_drop_down_get_selected (self->pace_dropdown);
  return i < G_N_ELEMENTS (paces) ? paces[i].steps_per_second : 0;
}

void
convolve_train_view_set_pace (ConvolveTrainView *self,
                              double             steps_per_second)
{
  g_return_if_fail (CONVOLVE_IS_TRAIN_VIEW (self));

  for (guint i = 0; i < G_N_ELEMENTS (paces); i++)
    if (paces[i].steps_per_second == steps_per_second)
      {
        gtk_drop_down_set_selected (self->pace_dropdown, i);
        return;
      }
  g_return_if_reached ();
}

void
convolve_train_view_get_config (ConvolveTrainView *self,
                                CnnTrainConfig    *config)
{
  g_return_if_fail (CONVOLVE_IS_TRAIN_VIEW (self));
  g_return_if_fail (config != NULL);

  cnn_train_config_init_default (config);
  config->optimizer = adw_combo_row_get_selected (self->optimizer_row) == 0
                      ? CNN_OPTIMIZER_SGD : CNN_OPTIMIZER_ADAM;
  config->lr = (float) gtk_spin_button_get_value (self->lr_spin);
  config->batch_size = gtk_spin_button_get_value_as_int (self->batch_spin);
  config->epochs = gtk_spin_button_get_value_as_int (self->epochs_spin);
  config->weight_decay = (float) gtk_spin_button_get_value (self->decay_spin);
  config->augment = gtk_switch_get_active (self->augment_switch) ? CNN_AUGMENT_FULL : CNN_AUGMENT_NONE;
  config->seed = (guint64) gtk_spin_button_get_value (self->seed_spin);
}

static void
clear_curves (ConvolveTrainView *self)
{
  convolve_plot_clear (self->loss_plot);
  convolve_plot_clear (self->acc_plot);
  self->n_records_shown = 0;
  self->running_x = -1;
}

void
convolve_train_view_set_net (ConvolveTrainView *self,
                             const CnnNet      *net)
{
  guint selected;
  guint n_items;

  g_return_if_fail (CONVOLVE_IS_TRAIN_VIEW (self));
  g_return_if_fail (net != NULL);

  g_free (self->applied_spec);
  self->applied_spec = g_strdup (net->spec);
  gtk_editable_set_text (GTK_EDITABLE (self->spec_row), net->spec);
  convolve_gradient_view_set_net (self->gradient_view, net);
  clear_curves (self);
  self->have_run = FALSE;

  /* Probe choices: the training sample, or the drawing as each class. */
  selected = gtk_drop_down_get_selected (self->probe_dropdown);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->probe_labels));
  g_signal_handlers_block_by_func (self->probe_dropdown, on_probe_selected, self);
  gtk_string_list_splice (self->probe_labels, 0, n_items, NULL);
  gtk_string_list_append (self->probe_labels, _("Training sample"));
  for (int c = 0; c < net->n_classes; c++)
    {
      /* Translators: a probe choice, "My drawing as a 7" */
      g_autofree char *text = g_strdup_printf (_("My drawing as a %d"), c);
      gtk_string_list_append (self->probe_labels, text);
    }
  if (selected == GTK_INVALID_LIST_POSITION || selected > (guint) net->n_classes)
    selected = 0;
  gtk_drop_down_set_selected (self->probe_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->probe_dropdown, on_probe_selected, self);
}

void
convolve_train_view_set_state (ConvolveTrainView     *self,
                               ConvolveTrainingState  state)
{
  g_return_if_fail (CONVOLVE_IS_TRAIN_VIEW (self));
  gtk_label_set_text (self->state_label, convolve_training_state_to_label (state));
}

static char *
format_percent (float value)
{
  if (value < 0 || !isfinite (value))
    return g_strdup ("—");
  return g_strdup_printf ("%.1f %%", 100.0 * value);
}

void
convolve_train_view_set_snapshot (ConvolveTrainView *self,
                                  CnnSnapshot       *snapshot,
                                  guint              run,
                                  int                steps_per_epoch)
{
  g_autofree char *epoch = NULL;
  g_autofree char *step = NULL;
  g_autofree char *elapsed = NULL;
  g_autofree char *speed = NULL;
  g_autofree char *loss = NULL;
  g_autofree char *train_acc = NULL;
  g_autofree char *test_acc = NULL;
  g_autofree char *figures = NULL;

  g_return_if_fail (CONVOLVE_IS_TRAIN_VIEW (self));
  g_return_if_fail (snapshot != NULL);

  if (!self->have_run || run != self->run)
    {
      clear_curves (self);
      self->run = run;
      self->have_run = TRUE;
    }

  /* Every finished epoch, including those between two snapshots. */
  for (int e = self->n_records_shown; e < snapshot->n_epoch_records; e++)
    {
      const CnnEpochRecord *r = &snapshot->epoch_records[e];

      convolve_plot_append (self->loss_plot, self->loss_epoch_series, e + 1, r->epoch_loss);
      convolve_plot_append (self->acc_plot, self->acc_train_series, e + 1, 100.0 * r->train_accuracy);
      if (r->test_accuracy >= 0)
        convolve_plot_append (self->acc_plot, self->acc_test_series, e + 1, 100.0 * r->test_accuracy);
    }
  self->n_records_shown = MAX (self->n_records_shown, snapshot->n_epoch_records);

  /* The mean loss of the epoch so far, at its fractional epoch. */
  if (snapshot->step > 0 && snapshot->epoch > 0 && isfinite (snapshot->epoch_loss)
      && steps_per_epoch > 0)
    {
      double x = (double) snapshot->step / steps_per_epoch;

      x = CLAMP (x, snapshot->epoch - 1, snapshot->epoch);
      /* a few hundred points over the run are plenty for a line, and
       * snapshots come every few milliseconds */
      if (self->running_x < 0 || x - self->running_x >= MAX (snapshot->epochs, 1) / 400.0)
        {
          convolve_plot_append (self->loss_plot, self->loss_running_series, x, snapshot->epoch_loss);
          self->running_x = x;
        }
    }

  epoch = g_strdup_printf ("%d / %d", snapshot->epoch, snapshot->epochs);
  step = g_strdup_printf ("%" G_GINT64_FORMAT, snapshot->step);
  elapsed = g_strdup_printf (_("%.2f s"), snapshot->elapsed);
  speed = snapshot->samples_per_second > 0
          ? g_strdup_printf ("%.0f", snapshot->samples_per_second) : g_strdup ("—");
  loss = snapshot->step > 0 ? g_strdup_printf ("%.4f", snapshot->epoch_loss) : g_strdup ("—");
  train_acc = snapshot->step > 0 ? format_percent (snapshot->train_accuracy) : g_strdup ("—");
  test_acc = format_percent (snapshot->test_accuracy);

  gtk_label_set_text (self->state_label, convolve_training_state_to_label ((ConvolveTrainingState) snapshot->state));
  figures = g_strjoin ("\n", epoch, step, elapsed, speed, loss, train_acc, test_acc, NULL);
  set_figures (self, figures);

  g_free (self->stats_text);
  self->stats_text = g_strdup_printf ("epoch %s, step %s, loss %s, train %s, test %s",
                                      epoch, step, loss, train_acc, test_acc);

  convolve_gradient_view_set_snapshot (self->gradient_view, snapshot);
}

int
convolve_train_view_get_probe_label (ConvolveTrainView *self)
{
  guint selected;

  g_return_val_if_fail (CONVOLVE_IS_TRAIN_VIEW (self), -1);
  selected = gtk_drop_down_get_selected (self->probe_dropdown);
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return -1;
  return (int) selected - 1;
}

void
convolve_train_view_set_probe_label (ConvolveTrainView *self,
                                     int                label)
{
  g_return_if_fail (CONVOLVE_IS_TRAIN_VIEW (self));
  gtk_drop_down_set_selected (self->probe_dropdown, label < 0 ? 0 : (guint) label + 1);
}

ConvolvePlot *
convolve_train_view_get_loss_plot (ConvolveTrainView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRAIN_VIEW (self), NULL);
  return self->loss_plot;
}

ConvolvePlot *
convolve_train_view_get_accuracy_plot (ConvolveTrainView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRAIN_VIEW (self), NULL);
  return self->acc_plot;
}

ConvolveGradientView *
convolve_train_view_get_gradient_view (ConvolveTrainView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRAIN_VIEW (self), NULL);
  return self->gradient_view;
}

AdwEntryRow *
convolve_train_view_get_spec_row (ConvolveTrainView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRAIN_VIEW (self), NULL);
  return self->spec_row;
}

const char *
convolve_train_view_get_spec_error (ConvolveTrainView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRAIN_VIEW (self), NULL);
  return gtk_label_get_text (self->spec_error);
}

const char *
convolve_train_view_get_stats_text (ConvolveTrainView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRAIN_VIEW (self), NULL);
  return self->stats_text;
}

GtkMenuButton *
convolve_train_view_get_help_button (ConvolveTrainView *self)
{
  g_return_val_if_fail (CONVOLVE_IS_TRAIN_VIEW (self), NULL);

  return self->help_button;
}
