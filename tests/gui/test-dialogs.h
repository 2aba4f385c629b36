/* test-dialogs.h — the About dialog and the questions, on every libadwaita
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * From libadwaita 1.5 the app shows AdwAboutDialog and AdwAlertDialog
 * inside its window; before, AdwAboutWindow and AdwMessageDialog are
 * windows of their own, transient for it. These find, read and answer
 * either kind, so the tests run the same on Debian 12 and on the newer
 * platform. Both kinds have the same property names.
 */
#pragma once

#include <adwaita.h>

/* a bound for waits on a state: only reached when the state never comes */
#define TEST_DIALOG_WAIT_US (30 * G_USEC_PER_SEC)

#if ADW_CHECK_VERSION (1, 5, 0)
static inline AdwDialog *
test_dialog_shown (GtkWindow *window,
                   GType      type)
{
  AdwDialog *dialog;

  g_assert_true (ADW_IS_APPLICATION_WINDOW (window));
  dialog = adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window));
  return dialog != NULL && g_type_is_a (G_OBJECT_TYPE (dialog), type) ? dialog : NULL;
}
#else
static inline GtkWindow *
test_dialog_shown (GtkWindow *window,
                   GType      type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (w), type) && gtk_window_get_transient_for (w) == window)
        return w;
    }
  return NULL;
}
#endif

/* The About dialog shown over window, or NULL */
static inline GtkWidget *
test_about_find (GtkWindow *window)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  return (GtkWidget *) test_dialog_shown (window, ADW_TYPE_ABOUT_DIALOG);
#else
  return (GtkWidget *) test_dialog_shown (window, ADW_TYPE_ABOUT_WINDOW);
#endif
}

/* The question (confirmation) shown over window, or NULL */
static inline GtkWidget *
test_question_find (GtkWindow *window)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  return (GtkWidget *) test_dialog_shown (window, ADW_TYPE_ALERT_DIALOG);
#else
  return (GtkWidget *) test_dialog_shown (window, ADW_TYPE_MESSAGE_DIALOG);
#endif
}

/* A string property of the About dialog, as AdwAboutWindow and
 * AdwAboutDialog both name it; free it */
static inline char *
test_about_get (GtkWidget  *about,
                const char *property)
{
  char *value = NULL;

  g_object_get (about, property, &value, NULL);
  return value;
}

#if ADW_CHECK_VERSION (1, 5, 0)
static inline GtkWidget *
test_find_button_labelled (GtkWidget  *widget,
                           const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = test_find_button_labelled (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}
#endif

/* Closes a dialog found above and waits (bounded) until it is gone */
static inline void
test_dialog_close (GtkWindow *window,
                   GtkWidget *dialog)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  gint64 end = g_get_monotonic_time () + TEST_DIALOG_WAIT_US;

  if (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window)) == ADW_DIALOG (dialog))
    adw_dialog_force_close (ADW_DIALOG (dialog));
  while (adw_application_window_get_visible_dialog (ADW_APPLICATION_WINDOW (window)) == ADW_DIALOG (dialog))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
#else
  gtk_window_destroy (GTK_WINDOW (dialog));
#endif
}

/* Answers the question with response as a click on its button would */
static inline void
test_question_answer (GtkWindow  *window,
                      GtkWidget  *question,
                      const char *response)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  const char *label = adw_alert_dialog_get_response_label (ADW_ALERT_DIALOG (question), response);
  GtkWidget *button = test_find_button_labelled (question, label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
#else
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), response);
#endif
  test_dialog_close (window, question);
}
