/* test-log.h — G_DEBUG=fatal-warnings, less one warning GDK gives about itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <string.h>

/* GTK 4.24's X11 backend reports one frame as submitted twice on Xvfb (no
 * compositor: gdk/x11 calls gdk_frame_clock_submitted() from both the
 * surface and the display) and warns about its own bookkeeping. That
 * message, from the Gdk domain and exactly it, is written as a plain message
 * instead of aborting the test; every other warning stays fatal. */
#define TEST_LOG_GDK_FRAME_QUIRK "gdk_frame_timings_submitted() called on submitted frame."

static GLogWriterOutput
test_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if (log_level & G_LOG_LEVEL_WARNING)
    {
      const char *domain = NULL, *message = NULL;

      for (gsize i = 0; i < n_fields; i++)
        {
          if (strcmp (fields[i].key, "GLIB_DOMAIN") == 0)
            domain = fields[i].value;
          else if (strcmp (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
            message = fields[i].value;
        }
      if (g_strcmp0 (domain, "Gdk") == 0 && g_strcmp0 (message, TEST_LOG_GDK_FRAME_QUIRK) == 0)
        return g_log_writer_standard_streams (G_LOG_LEVEL_MESSAGE, fields, n_fields, user_data);
    }
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* In main(), before GTK is initialised */
static inline void
test_log_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_log_set_writer_func (test_log_writer, NULL, NULL);
      g_once_init_leave (&done, 1);
    }
}
