/* convolve-application.c — the Convolve AdwApplication
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>

#include <glib/gi18n.h>
#include <glib-unix.h>

#include "cnn.h"
#include "convolve-application.h"
#include "convolve-settings.h"
#include "convolve-window.h"

struct _ConvolveApplication
{
  AdwApplication parent_instance;

  GSettings *settings;  /* NULL when the schema is not installed */
  ConvolveSamples *samples; /* NULL until a window asks */
  guint signal_ids[3];  /* SIGINT, SIGTERM, SIGHUP */
};

G_DEFINE_FINAL_TYPE (ConvolveApplication, convolve_application, ADW_TYPE_APPLICATION)

/* Every window keeps its network and its size, whichever way the
 * application ends: the menu, Ctrl+Q, the session ending, a signal */
static void
save_windows (ConvolveApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (CONVOLVE_IS_WINDOW (l->data))
      convolve_window_save_state (l->data);
}

static void
convolve_application_quit_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  save_windows (user_data);
  g_application_quit (G_APPLICATION (user_data));
}

static gboolean
on_unix_signal (gpointer user_data)
{
  save_windows (user_data);
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_CONTINUE;
}

static void
on_query_end (ConvolveApplication *self)
{
  save_windows (self);
}

static void
convolve_application_about_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (app);
  GtkWidget *about;

  static const char *developers[] = {
    "The Convolve developers https://github.com/convolve/convolve",
    NULL
  };
  static const char *dataset_credits[] = {
    "UCI Optical Recognition of Handwritten Digits: E. Alpaydin and C. Kaynak, 1998 "
    "https://archive.ics.uci.edu/dataset/80/optical+recognition+of+handwritten+digits",
    NULL
  };

  /* AdwAboutDialog where libadwaita has it (1.5; AdwAboutWindow is
   * deprecated from 1.6), AdwAboutWindow before: the same properties */
#if ADW_CHECK_VERSION (1, 5, 0)
  about = g_object_new (ADW_TYPE_ABOUT_DIALOG,
#else
  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "application", app,
                        "transient-for", parent,
                        "modal", parent != NULL,
#endif
                        "application-name", _("Convolve"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "comments", _("Draw a digit and watch a small convolutional neural network classify it"),
                        "developer-name", _("The Convolve developers"),
                        "developers", developers,
                        "copyright", _("© 2026 The Convolve developers"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/convolve/convolve",
                        "issue-url", "https://github.com/convolve/convolve/issues",
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);

#if ADW_CHECK_VERSION (1, 5, 0)
  adw_about_dialog_add_credit_section (ADW_ABOUT_DIALOG (about),
#else
  adw_about_window_add_credit_section (ADW_ABOUT_WINDOW (about),
#endif
                                       _("Training Data"),
                                       dataset_credits);

  /* The training data is someone else's work under CC BY 4.0, which
   * requires the attribution to be shown to users. */
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_about_dialog_add_legal_section (ADW_ABOUT_DIALOG (about),
#else
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
#endif
                                      _("Optical Recognition of Handwritten Digits"),
                                      "E. Alpaydin and C. Kaynak, 1998",
                                      GTK_LICENSE_CUSTOM,
                                      _("UCI Optical Recognition of Handwritten Digits — "
                                        "E. Alpaydin and C. Kaynak, 1998, CC BY 4.0. "
                                        "Published by the UCI Machine Learning Repository "
                                        "under the <a href=\"https://creativecommons.org/licenses/by/4.0/\">"
                                        "Creative Commons Attribution 4.0 International</a> licence."));

#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_present (ADW_DIALOG (about), GTK_WIDGET (parent));
#else
  gtk_window_present (GTK_WINDOW (about));
#endif
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = convolve_application_quit_action },
  { .name = "about", .activate = convolve_application_about_action },
};

/* Saves killed halfway leave NAME.cnvm.XXXXXX behind: once per start,
 * in the app's own data folders only */
static void
remove_stale_temps (void)
{
  g_autofree char *data = g_build_filename (g_get_user_data_dir (), "convolve", NULL);
  g_autofree char *networks = g_build_filename (data, "networks", NULL);
  const char *folders[] = { data, networks };

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autoptr (GError) error = NULL;

      if (cnn_file_remove_stale_temps (folders[i], &error) < 0
          && !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_message ("Stale temporary files in %s stay: %s", folders[i], error->message);
    }
}

static void
convolve_application_startup (GApplication *application)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  ConvolveApplication *self = CONVOLVE_APPLICATION (application);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  G_APPLICATION_CLASS (convolve_application_parent_class)->startup (application);

  /* Installed builds and `meson devenv` always have the schema; a binary
   * started straight from the build tree may not, and then runs with
   * defaults instead of aborting in g_settings_new(). */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    {
      self->settings = g_settings_new_full (schema, NULL, NULL);
      convolve_settings_migrate (self->settings);
    }
  else
    g_message ("The GSettings schema %s is not installed; settings will not be kept", APP_ID);

  remove_stale_temps ();

  g_action_map_add_action_entries (G_ACTION_MAP (application),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   application);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application),
                                         "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (application),
                                         "window.close", close_accels);

  /* the desktop session ending, or a terminal's Ctrl+C, a kill */
  g_object_set (application, "register-session", TRUE, NULL);
  g_signal_connect (application, "query-end", G_CALLBACK (on_query_end), NULL);
  self->signal_ids[0] = g_unix_signal_add (SIGINT, on_unix_signal, self);
  self->signal_ids[1] = g_unix_signal_add (SIGTERM, on_unix_signal, self);
  self->signal_ids[2] = g_unix_signal_add (SIGHUP, on_unix_signal, self);
}

static void
convolve_application_shutdown (GApplication *application)
{
  ConvolveApplication *self = CONVOLVE_APPLICATION (application);

  save_windows (self);
  for (guint i = 0; i < G_N_ELEMENTS (self->signal_ids); i++)
    g_clear_handle_id (&self->signal_ids[i], g_source_remove);

  G_APPLICATION_CLASS (convolve_application_parent_class)->shutdown (application);
}

static void
convolve_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (convolve_window_new (CONVOLVE_APPLICATION (application)));

  gtk_window_present (window);
}

/* `convolve FILE…`, the file manager: each file into the window */
static void
convolve_application_open (GApplication  *application,
                           GFile        **files,
                           int            n_files,
                           const char    *hint)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (convolve_window_new (CONVOLVE_APPLICATION (application)));
  gtk_window_present (window);
  for (int i = 0; i < n_files; i++)
    convolve_window_open_file (CONVOLVE_WINDOW (window), files[i]);
}

/* Runs in the launching process, before any registration: --version needs
 * no display and no bus. */
static int
convolve_application_handle_local_options (GApplication *application,
                                           GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("convolve %s\n", PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

static void
convolve_application_dispose (GObject *object)
{
  ConvolveApplication *self = CONVOLVE_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->samples);

  G_OBJECT_CLASS (convolve_application_parent_class)->dispose (object);
}

static void
convolve_application_class_init (ConvolveApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = convolve_application_dispose;

  app_class->startup = convolve_application_startup;
  app_class->shutdown = convolve_application_shutdown;
  app_class->activate = convolve_application_activate;
  app_class->open = convolve_application_open;
  app_class->handle_local_options = convolve_application_handle_local_options;
}

static void
convolve_application_init (ConvolveApplication *self)
{
  g_application_add_main_option (G_APPLICATION (self),
                                 "version", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_NONE,
                                 _("Print the version and exit"), NULL);
}

ConvolveApplication *
convolve_application_new (void)
{
  return g_object_new (CONVOLVE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

GSettings *
convolve_application_get_settings (ConvolveApplication *self)
{
  g_return_val_if_fail (CONVOLVE_IS_APPLICATION (self), NULL);

  return self->settings;
}

ConvolveSamples *
convolve_application_get_samples (ConvolveApplication  *self,
                                  GError              **error)
{
  g_return_val_if_fail (CONVOLVE_IS_APPLICATION (self), NULL);

  if (self->samples == NULL)
    {
      self->samples = convolve_samples_new (NULL);
      convolve_samples_load (self->samples, error);
    }
  return self->samples;
}
