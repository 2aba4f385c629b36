/* convolve-window-private.h — the window's parts, for its own units and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "convolve-autosave.h"
#include "convolve-evaluate-page.h"
#include "convolve-explore-page.h"
#include "convolve-filters-page.h"
#include "convolve-image.h"
#include "convolve-lesson-panel.h"
#include "convolve-samples-page.h"
#include "convolve-samples.h"
#include "convolve-session.h"
#include "convolve-train-page.h"
#include "convolve-training.h"
#include "convolve-window.h"

G_BEGIN_DECLS

struct _ConvolveWindow
{
  AdwApplicationWindow parent_instance;

  /* template children */
  AdwToastOverlay *toast_overlay;
  AdwHeaderBar *header_bar;
  AdwViewSwitcherTitle *switcher_title;
  GtkMenuButton *network_button;
  GtkMenuButton *menu_button;
  GtkButton *train_button;
  AdwViewStack *view_stack;
  ConvolveExplorePage *explore_page;
  ConvolveFiltersPage *filters_page;
  ConvolveTrainPage *train_page;
  ConvolveEvaluatePage *evaluate_page;
  ConvolveSamplesPage *samples_page;
  GtkRevealer *lesson_revealer;
  ConvolveLessonPanel *lesson_panel;

  ConvolveSession *session;
  ConvolveTraining *training;
  ConvolveAutosave *autosave;
  ConvolveSamples *samples;     /* the application's, always what samples.csv holds;
                                 * NULL until the window has its application */
  GSettings *settings;          /* nullable: no schema installed */
  gboolean settings_done;
  gboolean state_saved;         /* convolve_window_save_state() ran */
  int zoom_level;               /* in convolve_window_zoom_levels */
  gboolean lesson;              /* the lesson panel is shown */
  int lesson_top_class;         /* the answer when the step began */
  GCancellable *open_cancellable; /* a model file being read */
  GCancellable *image_cancellable; /* an image being read (Open Image…, a drop) */
  guint image_progress_id;      /* until a slow read says so */
  AdwToast *image_progress_toast; /* "Reading the image…" while it shows */
  ConvolveImage *image;         /* the image last put on the grid */
  char *image_name;             /* what it was read from */
  char *last_toast;
  char *autosave_failure;       /* the last failure told, so it is told once */
  guint diverged_run;           /* run + 1 of the last divergence told */
  guint saved_run;              /* the run and its epochs last autosaved */
  int saved_epochs;
  gint64 saved_at;              /* monotonic µs of that autosave */
};

/* convolve-window.c */
void     convolve_window_toast               (ConvolveWindow *self, const char *text);
/* Shows toast (adds a reference); its title becomes the last toast */
void     convolve_window_add_toast           (ConvolveWindow *self, AdwToast *toast);
/* The same with a button (its mnemonic label) that activates action */
void     convolve_window_toast_full          (ConvolveWindow *self, const char *text,
                                              const char *button, const char *action);
void     convolve_window_update_title        (ConvolveWindow *self);

/* convolve-window-actions.c */
void     convolve_window_class_install_actions (GtkWidgetClass *widget_class);
void     convolve_window_set_accels          (ConvolveWindow *self, GtkApplication *app);
void     convolve_window_update_actions      (ConvolveWindow *self);

/* convolve-window-models.c: which network is shown, and its files */
void     convolve_window_models_init         (ConvolveWindow *self);
/* The network last shown (the settings), each from its own autosave */
void     convolve_window_restore_network     (ConvolveWindow *self);
/* A preset's id, "spec:" + a spec, or "file:" + a URI; the network shown
 * already: nothing happens. The current one is autosaved first. FALSE
 * (and the current network stays) when it cannot be shown. */
gboolean convolve_window_show_network        (ConvolveWindow *self, const char *slot,
                                              GError **error);
/* Keeps the network shown in its autosave slot if it changed */
void     convolve_window_autosave            (ConvolveWindow *self);
#define CONVOLVE_WINDOW_N_ZOOM_LEVELS 8
#define CONVOLVE_WINDOW_ZOOM_NORMAL 2
extern const double convolve_window_zoom_levels[CONVOLVE_WINDOW_N_ZOOM_LEVELS];
/* Text and the sizes that go with it, at a level of zoom_levels (clamped) */
void     convolve_window_set_zoom_level      (ConvolveWindow *self, int level);

/* The lesson (convolve-window-lesson.c) */
void     convolve_window_lesson_init         (ConvolveWindow *self);
void     convolve_window_lesson_restore      (ConvolveWindow *self);
void     convolve_window_set_lesson          (ConvolveWindow *self, gboolean lesson);
gboolean convolve_window_get_lesson          (ConvolveWindow *self);
void     convolve_window_lesson_back         (ConvolveWindow *self);
void     convolve_window_lesson_next         (ConvolveWindow *self);
/* The task of topic's step was done (counts while that step is shown) */
void     convolve_window_lesson_check        (ConvolveWindow *self, ConvolveTopic topic);

/* Reads file in a thread, then shows it (a toast says how it went) */
void     convolve_window_open_model_file_async (ConvolveWindow *self, GFile *file);

/* The page shown, whole, to file (PNG, SVG or PDF by its extension) */
gboolean convolve_window_export_view         (ConvolveWindow *self, GFile *file, GError **error);
/* A digit (64 values 0..1) on the grid, the Explore page shown */
void     convolve_window_load_digit          (ConvolveWindow *self, const float *values);
/* The same, written in a thread: while training, a save costs no frame */
void     convolve_window_autosave_in_background (ConvolveWindow *self);
void     convolve_window_choose_model_file   (ConvolveWindow *self, gboolean saving);
void     convolve_window_save_model          (ConvolveWindow *self);
void     convolve_window_restore_shipped     (ConvolveWindow *self);
void     convolve_window_revert_file         (ConvolveWindow *self);
/* Runs then () now, or after the person agreed when there are trained
 * weights the action would throw away */
void     convolve_window_confirm_discard     (ConvolveWindow *self, const char *heading,
                                              const char *confirm, void (*then) (ConvolveWindow *));

/* convolve-window-samples.c: the user's samples, into the pages and the training */
void     convolve_window_samples_init        (ConvolveWindow *self);
/* Once the window has its application: the application's samples */
void     convolve_window_samples_ready       (ConvolveWindow *self);
void     convolve_window_samples_dispose     (ConvolveWindow *self);
/* Ctrl+Enter: the Explore page shown, its popover of digits open */
void     convolve_window_choose_sample_label (ConvolveWindow *self);
/* What the network sees now (normalised when that is on), quantised to
 * 0..16, added to the samples as label; a toast says so. FALSE for an
 * empty drawing or a file that cannot be written (the toast says why). */
gboolean convolve_window_add_sample          (ConvolveWindow *self, int label);
/* A CSV file given to the window (Open, drop, command line): asks, then
 * imports it into the samples */
gboolean convolve_window_is_samples_file     (GFile *file);
void     convolve_window_ask_import_samples  (ConvolveWindow *self, GFile *file);
/* convolve-window-images.c: a picture of a digit onto the grid */
void     convolve_window_images_init         (ConvolveWindow *self);
void     convolve_window_images_dispose      (ConvolveWindow *self);
/* Open Image… (Ctrl+Shift+O): the file chooser, images only */
void     convolve_window_choose_image_file   (ConvolveWindow *self);
/* Reads file in a thread, then puts its 8×8 on the grid as one undoable
 * change with a toast; a file that does not read changes nothing (a
 * toast says why). A newer open, or the window closing, cancels it. */
void     convolve_window_open_image_async    (ConvolveWindow *self, GFile *file);
/* Stops reading an image (win.image-cancel, the button of "Reading the
 * image…"): nothing changes */
void     convolve_window_cancel_image        (ConvolveWindow *self);
/* Whether an image is being read */
gboolean convolve_window_get_image_loading   (ConvolveWindow *self);
/* A pasted or dropped picture onto the grid, the same way; FALSE (and
 * nothing changes) when it cannot be read */
gboolean convolve_window_paste_texture       (ConvolveWindow *self, GdkTexture *texture,
                                              GError **error);
/* The image on the grid while the drawing is still its 8×8; else NULL */
ConvolveImage *convolve_window_get_image     (ConvolveWindow *self);
/* The image beside its 8×8 (win.image-details), or NULL when the drawing
 * is no longer the image's */
GtkWidget *convolve_window_show_image_details (ConvolveWindow *self);

/* convolve-window-training.c */
void     convolve_window_training_init       (ConvolveWindow *self);
void     convolve_window_training_dispose    (ConvolveWindow *self);
void     convolve_window_training_ready      (ConvolveWindow *self);
void     convolve_window_train_toggle        (ConvolveWindow *self);
void     convolve_window_train_reset         (ConvolveWindow *self);

/* For tests: what Open… and Save… do once a file is chosen. A file that
 * does not load changes nothing. */
gboolean convolve_window_open_model_file     (ConvolveWindow *self, GFile *file, GError **error);
gboolean convolve_window_save_model_file     (ConvolveWindow *self, GFile *file, GError **error);
/* The text of the last toast shown; NULL before the first */
const char *convolve_window_get_last_toast   (ConvolveWindow *self);

G_END_DECLS
