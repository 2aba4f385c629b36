/* test-a11y.c — accessible names in process: what GTK keeps for each
 * control of the window, on every page (GTK_A11Y=test)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 computes a name by joining a widget's label property and the
 * labels of what it is labelled by; it has no getter for either, so these
 * checks read them with gtk_test_accessible_*. The same names as a screen
 * reader gets them are walked over AT-SPI by test-a11y-walk.py.
 */
#include "config.h"

#include "convolve-window-private.h"
#include "test-app.h"
#include "test-data-home.h"

#define WAIT_US (60 * G_USEC_PER_SEC)

static ConvolveApplication *the_app;

typedef void (*Visit) (GtkWidget *widget, GString *problems);

static void
visit_all (GtkWidget *widget,
           Visit      visit,
           GString   *problems)
{
  visit (widget, problems);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    visit_all (c, visit, problems);
}

/* "Restore _Defaults" → "Restore Defaults" */
static char *
strip_mnemonic (const char *label)
{
  GString *s = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] != '\0')
        p++;      /* "__" is one underscore, "_x" is x */
      g_string_append_c (s, *p);
    }
  return g_string_free (s, FALSE);
}

static void
say (GString    *problems,
     GtkWidget  *widget,
     const char *format,
     ...) G_GNUC_PRINTF (3, 4);

static void
say (GString    *problems,
     GtkWidget  *widget,
     const char *format,
     ...)
{
  va_list args;

  g_string_append_printf (problems, "\n  %s: ", G_OBJECT_TYPE_NAME (widget));
  va_start (args, format);
  g_string_append_vprintf (problems, format, args);
  va_end (args);
}

/* A button made with a mnemonic label: GTK 4.8 keeps the label as is as
 * its name and adds the label child's ("Restore _Defaults Restore
 * Defaults"). A GtkLabel child with mnemonic-widget names it once. A check
 * button keeps the label too: it needs a name without the underscore. */
static void
visit_mnemonic (GtkWidget *widget,
                GString   *problems)
{
  if (GTK_IS_CHECK_BUTTON (widget))
    {
      const char *label = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));
      g_autofree char *want = NULL;
      g_autofree char *wrong = NULL;

      if (label == NULL || !gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (widget))
          || strchr (label, '_') == NULL)
        return;
      want = strip_mnemonic (label);
      wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, want);
      if (wrong != NULL)
        say (problems, widget, "\"%s\": its name must be \"%s\" (%s)", label, want, wrong);
    }
  else if (GTK_IS_BUTTON (widget))
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (widget));

      if (label != NULL && gtk_button_get_use_underline (GTK_BUTTON (widget)) && strchr (label, '_') != NULL)
        say (problems, widget, "\"%s\" is named twice on GTK 4.8, once with the underscore: "
             "give it a GtkLabel child with mnemonic-widget instead of a label", label);
    }
}

/* A control in a row, the row's activatable-widget: named by the row's
 * title alone. A label of its own or labelled-by the row as well names it
 * twice on GTK 4.8 ("Learning rate Learning rate"), and labelled-by the
 * row names it by the title and the subtitle on newer GTK. */
static void
visit_row_control (GtkWidget *widget,
                   GString   *problems)
{
  GtkWidget *row;
  g_autofree char *not_labelled_by_row = NULL;   /* NULL: labelled by it */

  if (!ADW_IS_ACTION_ROW (widget))
    return;
  row = widget;
  widget = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
  if (widget == NULL)
    return;
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    say (problems, widget, "in row \"%s\": a label of its own and the row's title name it twice",
         adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
  not_labelled_by_row = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget),
                                                            GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL);
  if (not_labelled_by_row == NULL)
    say (problems, widget, "in row \"%s\": labelled by the row, it is named twice",
         adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
}

/* A spin button, a scale or a switch in a row must be its
 * activatable-widget: nothing else names it on GTK 4.8 */
static void
visit_unnamed_in_row (GtkWidget *widget,
                      GString   *problems)
{
  GtkWidget *row;

  if (!GTK_IS_SPIN_BUTTON (widget) && !GTK_IS_SCALE (widget) && !GTK_IS_SWITCH (widget))
    return;
  row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);
  if (row == NULL || ADW_IS_COMBO_ROW (row))
    return;
  if (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)) != widget
      && !gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    say (problems, widget, "in row \"%s\": not the row's activatable-widget, it has no name",
         adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
}

/* GtkDropDown's button takes the focus: named by the drop-down's label */
static void
visit_drop_down (GtkWidget *widget,
                 GString   *problems)
{
  GList *labels;

  if (!GTK_IS_DROP_DOWN (widget))
    return;
  labels = gtk_widget_list_mnemonic_labels (widget);
  if (labels == NULL)
    say (problems, widget, "no label has it as mnemonic-widget: nothing names it");
  for (GtkWidget *c = gtk_widget_get_first_child (widget); labels != NULL && c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_TOGGLE_BUTTON (c))
      {
        g_autofree char *wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (c),
                                                                     GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                     gtk_label_get_text (labels->data));

        if (wrong != NULL)
          say (problems, widget, "its button is not named \"%s\" (%s)",
               gtk_label_get_text (labels->data), wrong);
      }
  g_list_free (labels);
}

/* A GtkFlowBoxChild that takes the focus: named (GTK 4.8 gives it its
 * type's name, newer GTK every text inside) */
static void
visit_flow_box_child (GtkWidget *widget,
                      GString   *problems)
{
  if (GTK_IS_FLOW_BOX_CHILD (widget) && gtk_widget_get_focusable (widget)
      && !gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    say (problems, widget, "takes the focus and has no name");
}

/* The translation invariance window, a window of its own */
static GtkWidget *invariance;

static void
check (ConvolveWindow *window,
       Visit           visit)
{
  g_autoptr (GString) problems = g_string_new (NULL);
  g_auto (GStrv) lines = NULL;

  visit_all (GTK_WIDGET (window), visit, problems);
  visit_all (invariance, visit, problems);
  if (problems->len == 0)
    return;
  /* one line each: TAP takes no message of several lines */
  lines = g_strsplit (problems->str + 1, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_test_message ("%s", lines[i]);
  g_test_fail ();
}

static void
wait_scored (ConvolveEvaluatePage *page)
{
  gint64 end = g_get_monotonic_time () + WAIT_US;

  while (convolve_evaluate_page_get_busy (page) || convolve_evaluate_page_get_evaluation (page) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* Every page shown once, so what a page builds when shown is there, with
 * the lesson panel and the invariance window open */
static ConvolveWindow *
window_with_every_page (void)
{
  ConvolveWindow *window = test_app_present_window (the_app);
  GListModel *pages = G_LIST_MODEL (adw_view_stack_get_pages (window->view_stack));
  guint n = g_list_model_get_n_items (pages);

  convolve_window_set_lesson (window, TRUE);
  g_assert_true (gtk_revealer_get_reveal_child (window->lesson_revealer));
  invariance = convolve_explore_page_open_invariance (window->explore_page);
  g_assert_nonnull (invariance);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (AdwViewStackPage) page = g_list_model_get_item (pages, i);

      adw_view_stack_set_visible_child (window->view_stack, adw_view_stack_page_get_child (page));
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
    }
  g_object_unref (pages);
  wait_scored (window->evaluate_page);
  /* the gallery of mistakes is filled */
  g_assert_cmpuint (convolve_evaluate_page_get_n_shown (window->evaluate_page), >, 0);
  return window;
}

static void
test_a11y_mnemonics (void)
{
  ConvolveWindow *window = window_with_every_page ();

  check (window, visit_mnemonic);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_a11y_rows (void)
{
  ConvolveWindow *window = window_with_every_page ();

  check (window, visit_row_control);
  check (window, visit_unnamed_in_row);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_a11y_drop_downs (void)
{
  ConvolveWindow *window = window_with_every_page ();

  check (window, visit_drop_down);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_a11y_flow_box_children (void)
{
  ConvolveWindow *window = window_with_every_page ();

  check (window, visit_flow_box_child);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = test_data_home_new ("convolve-test-a11y");
  int ret;

  g_test_init (&argc, &argv, NULL);
  /* GTK_A11Y=none (tests/meson.build) gives widgets no AT context at all;
   * the in-process "test" context records the accessible properties */
  g_setenv ("GTK_A11Y", "test", TRUE);
  if (!test_app_init_gtk ("test-a11y"))
    return 1;
  the_app = test_app_new_registered ();

  g_test_add_func ("/a11y/mnemonics", test_a11y_mnemonics);
  g_test_add_func ("/a11y/rows", test_a11y_rows);
  g_test_add_func ("/a11y/drop-downs", test_a11y_drop_downs);
  g_test_add_func ("/a11y/flow-box-children", test_a11y_flow_box_children);

  ret = g_test_run ();
  g_clear_object (&the_app);
  test_data_home_remove (data_home);
  return ret;
}
