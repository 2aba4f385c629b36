/* test-app.h — the one application of a GUI test process, and its windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "convolve-application.h"
#include "convolve-training.h"
#include "convolve-window.h"
#include "test-dialogs.h"
#include "test-log.h"

/* GTK, or FALSE after saying why not. CI always runs the GUI tests under
 * Xvfb: no display is a broken set-up, and a skip would hide it. */
static inline gboolean
test_app_init_gtk (const char *program)
{
  test_log_init ();
  if (gtk_init_check ())
    return TRUE;
  g_printerr ("%s: no display; run it through build-aux/dev test or xvfb-run\n", program);
  return FALSE;
}

/* Create this once per process: a registered GApplication keeps its object
 * path on the session bus, so a second one with the same id in the same
 * process fails to register. */
static inline ConvolveApplication *
test_app_new_registered (void)
{
  g_autoptr (GError) error = NULL;
  ConvolveApplication *app = convolve_application_new ();
  gboolean registered;

  /* Several test processes may run at once: no single-instance check. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  registered = g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (registered);
  return app;
}

/* A new main window of app, shown and drawn once */
static inline ConvolveWindow *
test_app_present_window (ConvolveApplication *app)
{
  ConvolveWindow *window = convolve_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

/* TRUE if training has made a step since *step was read, which it
 * updates. A wait on a run bounds the time between steps, not the whole
 * run: 30 epochs under ASan on a loaded machine outlast any fixed bound
 * that still fails fast, but they never stop stepping. */
static inline gboolean
test_training_stepped (ConvolveTraining *training,
                       gint64           *step)
{
  CnnSnapshot *s = convolve_training_get_snapshot (training);

  if (s == NULL || s->step == *step)
    return FALSE;
  *step = s->step;
  return TRUE;
}
