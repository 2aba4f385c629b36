/* convolve-file-chooser.c — one way to ask for a file, on every GTK
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "convolve-file-chooser.h"

typedef struct
{
  GtkWindow *parent;     /* a reference: the answer may come after it closed */
  ConvolveFileChosen chosen;
  gpointer user_data;
} Asked;

static void
asked_free (Asked *a)
{
  g_clear_object (&a->parent);
  g_free (a);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Asked, asked_free)

static Asked *
asked_new (GtkWindow          *parent,
           ConvolveFileChosen  chosen,
           gpointer            user_data)
{
  Asked *a = g_new0 (Asked, 1);

  a->parent = parent != NULL ? g_object_ref (parent) : NULL;
  a->chosen = chosen;
  a->user_data = user_data;
  return a;
}

GtkFileFilter *
convolve_file_filter_new (const char         *name,
                          const char * const *patterns)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  g_return_val_if_fail (name != NULL && patterns != NULL, filter);

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  return filter;
}

GtkFileFilter *
convolve_file_filter_new_images (const char *name)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  GSList *formats = gdk_pixbuf_get_formats ();

  g_return_val_if_fail (name != NULL, filter);

  gtk_file_filter_set_name (filter, name);
  for (GSList *l = formats; l != NULL; l = l->next)
    {
      GdkPixbufFormat *format = l->data;
      g_auto (GStrv) types = gdk_pixbuf_format_get_mime_types (format);
      g_auto (GStrv) extensions = gdk_pixbuf_format_get_extensions (format);

      if (gdk_pixbuf_format_is_disabled (format))
        continue;
      for (guint i = 0; types != NULL && types[i] != NULL; i++)
        gtk_file_filter_add_mime_type (filter, types[i]);
      /* the portal may match by name where it knows no type */
      for (guint i = 0; extensions != NULL && extensions[i] != NULL; i++)
        gtk_file_filter_add_suffix (filter, extensions[i]);
    }
  g_slist_free (formats);
  return filter;
}

#if GTK_CHECK_VERSION (4, 10, 0)
static void
on_dialog_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (Asked) a = user_data;
  g_autoptr (GFile) file = NULL;

  if (g_object_get_data (source, "convolve-saving") != NULL)
    file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (source), result, NULL);
  else
    file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (source), result, NULL);
  if (file != NULL)
    a->chosen (a->parent, file, a->user_data);
}

void
convolve_choose_file (GtkWindow          *parent,
                      const char         *title,
                      const char         *initial_name,
                      GtkFileFilter     **filters,
                      ConvolveFileChosen  chosen,
                      gpointer            user_data)
{
  g_autoptr (GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr (GListStore) store = g_list_store_new (GTK_TYPE_FILE_FILTER);
  Asked *a = asked_new (parent, chosen, user_data);

  for (guint i = 0; filters != NULL && filters[i] != NULL; i++)
    {
      g_list_store_append (store, filters[i]);
      g_object_unref (filters[i]);
    }
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (store));
  gtk_file_dialog_set_title (dialog, title);
  if (initial_name != NULL)
    {
      g_object_set_data (G_OBJECT (dialog), "convolve-saving", GINT_TO_POINTER (TRUE));
      gtk_file_dialog_set_initial_name (dialog, initial_name);
      gtk_file_dialog_save (dialog, parent, NULL, on_dialog_done, a);
    }
  else
    gtk_file_dialog_open (dialog, parent, NULL, on_dialog_done, a);
}
#else
static void
on_native_response (GtkNativeDialog *native,
                    int              response,
                    Asked           *a)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        a->chosen (a->parent, file, a->user_data);
    }
  asked_free (a);
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

void
convolve_choose_file (GtkWindow          *parent,
                      const char         *title,
                      const char         *initial_name,
                      GtkFileFilter     **filters,
                      ConvolveFileChosen  chosen,
                      gpointer            user_data)
{
  gboolean saving = initial_name != NULL;
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (title, parent,
                                        saving ? GTK_FILE_CHOOSER_ACTION_SAVE
                                               : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        saving ? _("_Save") : _("_Open"),
                                        _("_Cancel"));
  for (guint i = 0; filters != NULL && filters[i] != NULL; i++)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filters[i]);
  if (saving)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), initial_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_native_response),
                    asked_new (parent, chosen, user_data));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}
#endif
