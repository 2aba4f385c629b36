/* test-xdotool.h — real key presses and pointer events for a GUI test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * xdotool sends them through the X server (Xvfb) as a user's would come,
 * to the window given focus first; then the main loop runs until the state
 * they lead to holds, within a bound that only a state that never comes
 * reaches.
 */
#pragma once

#include <gdk/x11/gdkx.h>
#include <gtk/gtk.h>

/* Long enough for a machine with the other core busy */
#define TEST_XDOTOOL_WAIT_US (60 * G_USEC_PER_SEC)

/* Runs `xdotool windowfocus --sync XID ARGS` */
static inline void
test_xdotool (GtkWindow  *window,
              const char *args)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *command = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  command = g_strdup_printf ("xdotool windowfocus --sync %lu %s",
                             (unsigned long) gdk_x11_surface_get_xid (surface), args);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* The main loop until done (data) holds */
static inline void
test_spin_until (gboolean (*done) (gpointer data),
                 gpointer   data)
{
  gint64 end = g_get_monotonic_time () + TEST_XDOTOOL_WAIT_US;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}
