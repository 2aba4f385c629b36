/* test-shortcuts.c — the About and Keyboard Shortcuts windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "convolve-grid-model.h"
#include "convolve-window-private.h"
#include "test-app.h"

/* One application per process: see test_app_new_registered() */
static ConvolveApplication *the_app;

/* A shortcut as "keyval:modifiers", so "<Control>Z", "<Ctrl>z" and the
 * keypad arrows compare equal to what the overlay shows. */
static char *
accel_key (guint           keyval,
           GdkModifierType mods)
{
  keyval = gdk_keyval_to_lower (keyval);
  switch (keyval)
    {
    case GDK_KEY_KP_Left: keyval = GDK_KEY_Left; break;
    case GDK_KEY_KP_Right: keyval = GDK_KEY_Right; break;
    case GDK_KEY_KP_Up: keyval = GDK_KEY_Up; break;
    case GDK_KEY_KP_Down: keyval = GDK_KEY_Down; break;
    case GDK_KEY_KP_Space: keyval = GDK_KEY_space; break;
    case GDK_KEY_KP_Delete: keyval = GDK_KEY_Delete; break;
    default: break;
    }
  mods &= gtk_accelerator_get_default_mod_mask ();
  return g_strdup_printf ("%s:%u", gdk_keyval_name (keyval), (guint) mods);
}

/* Adds every accelerator of a space-separated list, the format of
 * GtkShortcutsShortcut:accelerator; @origin names it in failures. */
static void
add_accels (GHashTable *set,
            const char *accels,
            const char *origin)
{
  g_auto (GStrv) parts = g_strsplit_set (accels, " \t", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint keyval = 0;
      GdkModifierType mods = 0;

      if (*parts[i] == '\0')
        continue;
      if (!gtk_accelerator_parse (parts[i], &keyval, &mods))
        g_error ("%s: “%s” is not an accelerator", origin, parts[i]);
      g_hash_table_insert (set, accel_key (keyval, mods), g_strdup (origin));
    }
}

static void
collect_overlay_accels (GtkWidget  *widget,
                        GHashTable *set)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *title = NULL;

      g_object_get (widget, "accelerator", &accelerator, "title", &title, NULL);
      if (accelerator != NULL)
        add_accels (set, accelerator, title);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_overlay_accels (child, set);
}

static void
collect_trigger (GtkShortcutTrigger *trigger,
                 GHashTable         *set,
                 const char         *origin)
{
  if (GTK_IS_KEYVAL_TRIGGER (trigger))
    {
      GtkKeyvalTrigger *kt = GTK_KEYVAL_TRIGGER (trigger);

      g_hash_table_insert (set,
                           accel_key (gtk_keyval_trigger_get_keyval (kt),
                                      gtk_keyval_trigger_get_modifiers (kt)),
                           g_strdup (origin));
    }
  else if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    {
      GtkAlternativeTrigger *at = GTK_ALTERNATIVE_TRIGGER (trigger);

      collect_trigger (gtk_alternative_trigger_get_first (at), set, origin);
      collect_trigger (gtk_alternative_trigger_get_second (at), set, origin);
    }
}

/* Key triggers of the widget's own shortcut controllers, class bindings
 * included (they live in a controller of their own). */
static GHashTable *
widget_triggers (GtkWidget *widget)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *origin = gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut));

          collect_trigger (gtk_shortcut_get_trigger (shortcut), set, origin);
        }
    }
  return set;
}

static GtkShortcutsWindow *
open_help_overlay (ConvolveWindow *window)
{
  GtkShortcutsWindow *overlay;

  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (overlay));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (overlay)));
  return overlay;
}

static void
test_shortcuts_window_opens (void)
{
  ConvolveWindow *window = convolve_window_new (the_app);
  g_auto (GStrv) accels = NULL;
  GtkShortcutsWindow *overlay;
  g_autoptr (GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  /* GtkApplication found gtk/help-overlay.ui under the resource base path. */
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (the_app),
                                                  "win.show-help-overlay");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>question"));

  overlay = open_help_overlay (window);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (window));

  /* A dozen and more shortcuts in four groups, not an empty window. */
  collect_overlay_accels (GTK_WIDGET (overlay), shown);
  g_assert_cmpuint (g_hash_table_size (shown), >=, 20);

  gtk_window_destroy (GTK_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_shortcuts_complete (void)
{
  ConvolveWindow *window = convolve_window_new (the_app);
  GtkWidget *baseline_window = adw_application_window_new (GTK_APPLICATION (the_app));
  g_autoptr (GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) registered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) window_keys = NULL;
  g_autoptr (GHashTable) baseline_keys = NULL;
  g_auto (GStrv) actions = NULL;
  g_autoptr (GString) missing = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  collect_overlay_accels (GTK_WIDGET (open_help_overlay (window)), shown);

  /* Accelerators of application and window actions… */
  actions = gtk_application_list_action_descriptions (GTK_APPLICATION (the_app));
  g_assert_nonnull (actions);
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto (GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (the_app),
                                                                     actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        add_accels (registered, accels[j], actions[i]);
    }
  /* This test is only as good as the app's own registrations: make sure
   * the basics are seen. */
  g_assert_true (g_hash_table_contains (registered, "q:4"));          /* <Control>q */
  g_assert_true (g_hash_table_contains (registered, "question:4"));   /* <Control>question */

  /* …and the shortcuts the window adds to its own controllers: whatever a
   * plain AdwApplicationWindow does not have (GtkWindow's own Tab, Escape,
   * inspector keys…) was added by Convolve. */
  window_keys = widget_triggers (GTK_WIDGET (window));
  baseline_keys = widget_triggers (baseline_window);
  g_hash_table_iter_init (&iter, window_keys);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (baseline_keys, key))
      g_hash_table_insert (registered, g_strdup (key), g_strdup (value));
  /* …and the Explore page's own: the drawing's keys */
  {
    g_autoptr (GHashTable) page_keys = widget_triggers (GTK_WIDGET (window->explore_page));

    g_assert_cmpuint (g_hash_table_size (page_keys), >=, 4);
    g_hash_table_iter_init (&iter, page_keys);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_hash_table_insert (registered, g_strdup (key), g_strdup (value));
  }
  /* …and the grid's own (Ctrl+V) */
  {
    g_autoptr (GHashTable) grid_keys = widget_triggers (GTK_WIDGET (convolve_explore_page_get_grid (window->explore_page)));

    g_assert_true (g_hash_table_contains (grid_keys, "v:4"));
    g_hash_table_iter_init (&iter, grid_keys);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_hash_table_insert (registered, g_strdup (key), g_strdup (value));
  }

  g_hash_table_iter_init (&iter, registered);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (shown, key))
      g_string_append_printf (missing, " %s (%s)", (const char *) key, (const char *) value);
  if (missing->len > 0)
    g_error ("shortcuts missing from resources/gtk/help-overlay.ui:%s", missing->str);

  gtk_window_destroy (GTK_WINDOW (baseline_window));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_about_window (void)
{
  ConvolveWindow *window = convolve_window_new (the_app);
  GtkWidget *about;
  GtkLicense license;
  struct { const char *property, *value; } expected[] = {
    { "application-icon", APP_ID },
    { "version", PACKAGE_VERSION },
    { "website", "https://github.com/convolve/convolve" },
    { "issue-url", "https://github.com/convolve/convolve/issues" },
    { "developer-name", "The Convolve developers" },
  };

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  g_action_group_activate_action (G_ACTION_GROUP (the_app), "about", NULL);
  about = test_about_find (GTK_WINDOW (window));
  g_assert_nonnull (about);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (about));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (about)));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *value = test_about_get (about, expected[i].property);

      g_assert_cmpstr (value, ==, expected[i].value);
    }
  g_object_get (about, "license-type", &license, NULL);
  g_assert_cmpint (license, ==, GTK_LICENSE_GPL_3_0);

  /* The icon is found even uninstalled: it is in the app's resources. */
  g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (about))),
                                          APP_ID));

  test_dialog_close (GTK_WINDOW (window), about);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_settings (void)
{
  GSettings *settings = convolve_application_get_settings (the_app);
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettingsSchemaKey) pen_width = NULL;
  g_autofree char *preset = NULL;

  /* The tests run with the schema compiled in the build tree. */
  g_assert_nonnull (settings);
  preset = g_settings_get_string (settings, "preset");
  g_assert_cmpstr (preset, ==, "digits");
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1200);
  /* the remembered pen starts as the grid's own default, chosen to look
   * like the dataset's strokes */
  {
    g_autoptr (ConvolveGridModel) model = convolve_grid_model_new ();

    g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "pen-width"),
                                    convolve_grid_model_get_pen_width (model), 1e-9);
  }
  g_assert_true (g_settings_set_string (settings, "preset", "zero-or-one"));

  g_object_get (settings, "settings-schema", &schema, NULL);
  pen_width = g_settings_schema_get_key (schema, "pen-width");
  {
    /* range_check does not sink a floating reference */
    g_autoptr(GVariant) too_wide = g_variant_ref_sink (g_variant_new_double (5.0));
    g_autoptr(GVariant) fine = g_variant_ref_sink (g_variant_new_double (2.0));

    g_assert_false (g_settings_schema_key_range_check (pen_width, too_wide));
    g_assert_true (g_settings_schema_key_range_check (pen_width, fine));
  }
  g_settings_reset (settings, "preset");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  if (!test_app_init_gtk ("test-shortcuts"))
    return 1;
  the_app = test_app_new_registered ();

  g_test_add_func ("/shortcuts/window-opens", test_shortcuts_window_opens);
  g_test_add_func ("/shortcuts/complete", test_shortcuts_complete);
  g_test_add_func ("/about/window", test_about_window);
  g_test_add_func ("/settings/schema", test_settings);

  ret = g_test_run ();
  g_clear_object (&the_app);
  return ret;
}
